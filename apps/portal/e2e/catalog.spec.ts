import type { Page } from '@playwright/test';
import { expect, screenshot, test, waitForShell } from './fixtures';

const table = (page: Page, name = 'components') => page.getByRole('table', { name });
const rows = (page: Page, name = 'components') => table(page, name).locator('tbody tr');

/** Picks an option of a Mantine (multi)select by the field's label. */
async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

test('the catalog lists components with their owner and type, and the sidebar leads there', async ({ page }) => {
  await page.goto('/');
  await waitForShell(page);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  const row = rows(page).filter({ has: page.getByRole('link', { name: 'Playback service' }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: 'playback-team' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'service', exact: true })).toBeVisible();
  await expect(page.getByTestId('catalog-summary')).toHaveText('1–20 of 21 components');
});

test('filtering by type and owner narrows the table, lives in the URL and survives a reload', async ({ page }) => {
  await page.goto('/catalog');
  await expect(rows(page)).toHaveCount(20);
  await pick(page, 'Type', /^website 3/);
  await expect(page).toHaveURL(/[?&]type=website/);
  await expect(rows(page)).toHaveCount(3);
  await pick(page, 'Owner', /^playback-team \d+/);
  await expect(page).toHaveURL(/[?&]owner=group%3Adefault%2Fplayback-team/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).getByRole('link', { name: 'Web Player' })).toBeVisible();

  await page.reload();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).getByRole('link', { name: 'Web Player' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Catalog filters' }).getByText('playback-team')).toBeVisible();

  await page.goBack();
  await expect(page).not.toHaveURL(/owner=/);
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(rows(page)).toHaveCount(20);
});

test('a search that finds nothing says so and offers to clear the filters', async ({ page }) => {
  await page.goto('/catalog?q=no-such-thing-anywhere');
  await expect(page.getByRole('heading', { name: 'No components match these filters' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).last().click();
  await expect(rows(page)).toHaveCount(20);
});

test('sorting by a column reverses the order and is kept in the URL', async ({ page }) => {
  await page.goto('/catalog');
  const firstName = () => rows(page).first().getByRole('link').first().textContent();
  const ascending = await firstName();
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/[?&]dir=desc/);
  await expect.poll(firstName).not.toBe(ascending);
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
});

test('a new user finds a service by text, opens it, sees its APIs and follows its owner to the team', async ({ page }) => {
  await page.goto('/catalog');
  await page.getByRole('searchbox', { name: /Search components/ }).fill('playback-ser');
  await expect(page).toHaveURL(/[?&]q=playback-ser/);
  await expect(rows(page)).toHaveCount(1);
  await rows(page).getByRole('link', { name: 'Playback service' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/playback-service$/);

  const provided = page.getByRole('region', { name: 'Provided APIs' });
  await expect(provided.getByRole('link', { name: /playback api/i })).toBeVisible();
  await expect(provided.getByRole('link', { name: /listening events/i })).toBeVisible();
  const dependsOn = page.getByRole('region', { name: 'Depends on' });
  await expect(dependsOn.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Dependents' })).toBeVisible();

  await page.getByRole('link', { name: 'playback-team' }).first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/group\/playback-team$/);
  const members = page.getByRole('region', { name: 'Members' });
  await expect(members.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('region', { name: 'Owned by this group' }).getByRole('link', { name: 'Playback service' })).toBeVisible();
});

test('users page through 26 people 20 at a time, forwards and back', async ({ page }) => {
  await page.goto('/catalog?kind=user');
  await expect(rows(page, 'users')).toHaveCount(20);
  await expect(page.getByTestId('catalog-summary')).toHaveText('1–20 of 26 users');
  await expect(page.getByRole('button', { name: 'Previous page' })).toBeDisabled();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(rows(page, 'users')).toHaveCount(6);
  await expect(page.getByTestId('catalog-summary')).toHaveText('21–26 of 26 users');
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByTestId('catalog-summary')).toHaveText('1–20 of 26 users');
  await page.goBack();
  await expect(page.getByTestId('catalog-summary')).toHaveText('21–26 of 26 users');
  await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('50');
  await expect(rows(page, 'users')).toHaveCount(26);
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`catalog screenshots in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/catalog');
    await expect(rows(page)).toHaveCount(20);
    await screenshot(page, `catalog-${colorScheme}`);
    await page.goto('/catalog/default/component/playback-service');
    await expect(page.getByRole('region', { name: 'Provided APIs' }).getByRole('listitem')).toHaveCount(2);
    await screenshot(page, `catalog-entity-${colorScheme}`);
  });
}

test('keyboard users can filter, search and sort without a mouse', async ({ page }) => {
  await page.goto('/catalog');
  await expect(rows(page)).toHaveCount(20);
  await page.getByRole('combobox', { name: 'Type', exact: true }).focus();
  await page.keyboard.type('libr');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]type=library/);
  await expect(rows(page)).toHaveCount(3);
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox', { name: /Search components/ }).focus();
  await page.keyboard.type('kit');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]q=kit/);
  await expect(rows(page)).toHaveCount(2);
  // The count comes with the page's last answer; keys pressed before it may reach a header being redrawn.
  await expect(page.getByText('1–2 of 2 components')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^Name/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]dir=desc/);
  await expect(rows(page).first().getByRole('link').first()).toHaveText('Player UI kit');
});

test('catalog screenshots at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/catalog');
  await expect(rows(page)).toHaveCount(20);
  await screenshot(page, 'catalog-narrow');
  await page.goto('/catalog?kind=group');
  await expect(rows(page, 'groups').first()).toBeVisible();
  await screenshot(page, 'catalog-groups-narrow');
  await page.goto('/catalog/default/group/playback-team');
  await expect(page.getByRole('region', { name: 'Members' }).getByRole('listitem').first()).toBeVisible();
  await screenshot(page, 'catalog-group-narrow');
});

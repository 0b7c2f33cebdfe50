import type { Page } from '@playwright/test';
import { expect, screenshot, test, waitForShell } from './fixtures';

/** The index fills a few seconds after start-up (catalog ingestion, then the first reindex): wait for it once. */
async function waitForIndex(page: Page) {
  const { token } = await (await page.request.post('/api/auth/guest/token')).json() as { token: string };
  await expect.poll(async () => {
    const r = await page.request.get('/api/search/query?term=playback-service', { headers: { authorization: `Bearer ${token}` } });
    return ((await r.json()) as { results: Array<{ document: { name?: string } }> }).results[0]?.document.name;
  }, { timeout: 30_000 }).toBe('playback-service');
}

const palette = (page: Page) => page.getByRole('dialog');

test.beforeEach(async ({ page }) => {
  await waitForIndex(page);
});

test('Ctrl+K opens the palette from anywhere, typing finds entities, arrows and Enter open one', async ({ page }) => {
  await page.goto('/catalog');
  await waitForShell(page);
  // Even with focus in another input, the shortcut opens the palette.
  await page.getByRole('searchbox').or(page.getByRole('textbox')).first().focus();
  await page.keyboard.press('Control+k');
  const input = palette(page).getByRole('textbox', { name: 'Quick search' });
  await expect(input).toBeFocused();
  await page.keyboard.type('plaback serv');
  const actions = palette(page).getByTestId('palette-action');
  // Typo-tolerant and prefix-matched: "plaback serv" is the playback service.
  await expect(actions.first()).toContainText('Playback service');
  await expect(actions.first()).toHaveAttribute('data-selected', 'true');
  await screenshot(page, 'search-palette');
  await page.keyboard.press('ArrowDown');
  await expect(actions.nth(1)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/catalog\/default\/component\/playback-service$/);
  await expect(palette(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/playback/i);
});

test('the palette runs actions and goes to pages, and Escape closes it', async ({ page }) => {
  await page.goto('/');
  await waitForShell(page);
  await page.getByTestId('search-box').click();
  await expect(palette(page).getByRole('textbox', { name: 'Quick search' })).toBeFocused();
  await page.keyboard.type('dark mode');
  // Search results for the words arrive above the actions (the docs mention dark mode): wait for them,
  // then walk down to the action with the arrow keys, so Enter acts on what is selected, not on a race.
  await expect(palette(page).getByTestId('palette-list')).toHaveAttribute('data-results-for', 'dark mode');
  const toggle = palette(page).getByTestId('palette-action').filter({ hasText: 'Toggle dark mode' });
  for (let i = 0; i < 20 && (await toggle.getAttribute('data-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await expect(toggle).toHaveAttribute('data-selected', 'true');
  const before = await page.locator('html').getAttribute('data-mantine-color-scheme');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).not.toHaveAttribute('data-mantine-color-scheme', before ?? '');

  await page.keyboard.press('Control+k');
  await expect(palette(page).getByRole('textbox', { name: 'Quick search' })).toBeFocused();
  await page.keyboard.type('catalog');
  await expect(palette(page).getByTestId('palette-action').filter({ hasText: /^Catalog\/catalog$/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);

  await page.keyboard.press('Control+k');
  await expect(palette(page).getByRole('textbox', { name: 'Quick search' })).toBeFocused();
  await page.keyboard.type('create');
  await expect(palette(page).getByTestId('palette-action').filter({ hasText: 'Create a new component' })).toBeVisible();
  await palette(page).getByTestId('palette-action').filter({ hasText: 'Search everything for' }).click();
  await expect(page).toHaveURL(/\/search\?query=create$/);
});

test('the search page keeps the query, type and facets in the URL and moves through results by keyboard', async ({ page }) => {
  await page.goto('/search?query=playback');
  await waitForShell(page);
  const results = page.getByRole('list', { name: 'Search results' }).locator('[data-search-item]');
  await expect(results.first()).toBeVisible();
  const all = await results.count();
  await page.getByTestId('facet-owner-group:default/data-platform-team').click();
  await expect(page).toHaveURL(/owner=group%3Adefault%2Fdata-platform-team/);
  await expect.poll(() => results.count()).toBeLessThan(all);
  for (const owner of await results.getByText('Owner').all()) await expect(owner).toContainText('data-platform-team');
  await expect(page.locator('mark').first()).toContainText(/playback/i);
  await screenshot(page, 'search-page-facets');

  // Shared URL: a reload shows the same search.
  const count = await results.count();
  await page.reload();
  await expect(page.getByTestId('search-page-input')).toHaveValue('playback');
  await expect(page.getByTestId('facet-owner-group:default/data-platform-team')).toBeChecked();
  await expect.poll(() => results.count()).toBe(count);

  await page.getByRole('tab', { name: /Docs/ }).click();
  await expect(page).toHaveURL(/types=techdocs/);
  await page.getByRole('tab', { name: /All/ }).click();

  await page.getByTestId('search-page-input').focus();
  await page.keyboard.press('ArrowDown');
  const firstLink = results.first().locator('[data-search-link]');
  await expect(firstLink).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(results.nth(1).locator('[data-search-link]')).toBeFocused();
  const href = await results.nth(1).locator('[data-search-link]').getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
});

test('the search page says what to do when nothing matches', async ({ page }) => {
  await page.goto('/search?query=zzqqxx');
  await waitForShell(page);
  await expect(page.getByRole('heading', { name: /Nothing matches/ })).toBeVisible();
  await expect(page.getByText('Check the spelling')).toBeVisible();
});

import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

/** A new engineer's first morning: find a service, narrow by owner, open it, meet its team, see how it connects. */

const rows = (page: Page, name = 'components') => page.getByRole('table', { name }).locator('tbody tr');

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

test('find a service by text, filter by owner, open it, follow its owner to the team and the org chart', async ({ page }) => {
  await page.goto('/catalog');
  await page.getByRole('searchbox', { name: /Search components/ }).fill('service');
  await expect(page).toHaveURL(/[?&]q=service/);
  await pick(page, 'Owner', /^playback-team \d+/);
  await expect(page).toHaveURL(/[?&]owner=group%3Adefault%2Fplayback-team/);
  await expect(rows(page)).toHaveCount(1);
  await rows(page).getByRole('link', { name: 'Playback service' }).click();

  await expect(page).toHaveURL(/\/catalog\/default\/component\/playback-service$/);
  const about = page.getByTestId('about-card');
  await expect(about.getByText('Checks rights and plan')).toBeVisible();
  await expect(about.getByRole('link', { name: 'playback', exact: true })).toHaveAttribute('href', '/catalog/default/system/playback');
  await expect(about.getByRole('link', { name: 'On-call runbook' })).toBeVisible();
  await expect(about.getByText(/examples\/components\/playback-service\/catalog-info\.yaml/)).toBeVisible();
  // When the catalog last read its descriptor (the portal started moments ago).
  await expect(about.getByTestId('entity-processed-at')).toHaveText(/^(just now|\d+ minutes? ago)$/);

  // The header's owner link leads to the team page: profile, members with their email, what it owns by kind.
  await page.getByRole('link', { name: 'playback-team' }).first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/group\/playback-team$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Playback' })).toBeVisible();
  const profile = page.getByTestId('profile-card');
  await expect(profile.getByRole('link', { name: 'playback@acme-music.example' })).toHaveAttribute('href', 'mailto:playback@acme-music.example');
  await expect(profile.getByRole('link', { name: '#team-playback' })).toBeVisible();
  await expect(profile.getByRole('link', { name: 'listener-experience' })).toBeVisible();
  const members = page.getByRole('region', { name: 'Members' });
  await expect(members.getByRole('listitem')).toHaveCount(4);
  await expect(members.getByText('tom.harker@acme-music.example')).toBeVisible();
  const owned = page.getByRole('region', { name: 'Owned by this group' });
  await expect(owned.getByRole('region', { name: 'Owned Components' }).getByRole('link', { name: 'Playback service' })).toBeVisible();
  await expect(owned.getByRole('region', { name: 'Owned APIs' }).getByRole('link', { name: 'Playback API' })).toBeVisible();

  // From the team to where it sits in the organisation.
  await profile.getByRole('link', { name: 'See it in the organisation chart' }).click();
  await expect(page).toHaveURL(/\/org\?group=playback-team$/);
  const node = page.locator('[data-testid="org-node"][data-ref="group:default/playback-team"]');
  await expect(node.getByRole('link', { name: 'Playback' })).toBeVisible();
  await expect(node).toContainText('4 members');
  await page.getByRole('button', { name: 'Collapse Listener Experience' }).click();
  await expect(node).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Find a group' }).fill('royal');
  await expect(page).toHaveURL(/[?&]q=royal/);
  const groups = page.getByRole('list', { name: 'Groups' });
  await expect(groups.getByRole('link', { name: 'Royalties' })).toHaveCount(1);
  await expect(groups.getByRole('link', { name: 'Content Platform' })).toBeVisible();
  await expect(groups.getByRole('link', { name: 'Discovery' })).toHaveCount(0);
});

test('a person’s page lists their teams and what they own through them', async ({ page }) => {
  await page.goto('/catalog/default/user/tom.harker');
  await expect(page.getByRole('heading', { level: 1, name: 'Tom Harker' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Groups' }).getByRole('link', { name: 'Playback' })).toBeVisible();
  const owned = page.getByRole('region', { name: 'Owned by them and their teams' });
  await expect(owned.getByRole('link', { name: 'Web Player' })).toBeVisible();
  await expect(owned.getByText('via playback-team').first()).toBeVisible();
  // Tom is also in Listener Experience, which owns the Listening domain.
  await expect(owned.getByRole('region', { name: 'Owned Domains' }).getByRole('link', { name: 'Listening' })).toBeVisible();
});

test('the relation graph draws the neighbourhood, keeps depth and relation types in the URL, and each node is a link', async ({ page }) => {
  await page.goto('/catalog/default/component/playback-service');
  await page.getByRole('tab', { name: 'Relations' }).click();
  await expect(page).toHaveURL(/\/playback-service\/relations$/);
  const node = (ref: string) => page.locator(`[data-testid="graph-node"][data-ref="${ref}"]`);
  await expect(node('component:default/playback-service')).toBeVisible();
  await expect(node('api:default/playback-api')).toBeVisible();
  await expect(node('group:default/playback-team')).toBeVisible();
  // Depth 1: the team's parent group is two hops away.
  await expect(node('group:default/listener-experience')).toHaveCount(0);
  const oneHop = await page.getByTestId('graph-node').count();

  await page.getByText('2 hops').click();
  await expect(page).toHaveURL(/[?&]depth=2/);
  await expect.poll(() => page.getByTestId('graph-node').count()).toBeGreaterThan(oneHop);
  await expect(node('group:default/listener-experience')).toBeVisible();

  // Only API relations: the owner drops out.
  for (const label of ['owned by', 'part of', 'depends on', 'member of', 'child of']) await page.getByRole('group', { name: 'Relations' }).getByText(label, { exact: true }).click();
  await expect(page).toHaveURL(/rel=providesApi/);
  await expect(node('group:default/playback-team')).toHaveCount(0);
  await expect(node('api:default/playback-api')).toBeVisible();

  await page.reload();
  await expect(node('api:default/playback-api')).toBeVisible();
  await expect(node('group:default/playback-team')).toHaveCount(0);
  await screenshot(page, 'entity-graph');

  // Keyboard: Tab reaches a node's link, Enter opens that entity.
  const link = node('api:default/playback-api').getByRole('link');
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/catalog\/default\/api\/playback-api$/);
});

test('quick filters: starred entities, and what I and my teams own', async ({ page }) => {
  await page.goto('/catalog/default/component/web-player');
  await page.getByRole('button', { name: 'Star', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unstar' })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/catalog');
  await page.getByText('Starred', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]only=starred/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).getByRole('link', { name: 'Web Player' })).toBeVisible();
  await pick(page, 'Kind', /^API/);
  await expect(page.getByRole('heading', { name: 'You have not starred any apis' })).toBeVisible();

  // The guest belongs to the Guests team, which owns nothing.
  await page.goto('/catalog?only=owned');
  await expect(page.getByRole('heading', { name: 'You and your teams own no components' })).toBeVisible();
  await expect(page.getByText('user:default/guest')).toBeVisible();
  await page.getByRole('button', { name: 'Show all components' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(rows(page)).toHaveCount(20);
});

test('the entity header copies the ref and links to the source; unregistering a config entity explains why it cannot', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/catalog/default/component/playback-service');
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Copy entity ref' }).click();
  await expect(page.getByText('Copied component:default/playback-service')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('component:default/playback-service');

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Unregister entity…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('This entity cannot be unregistered here')).toBeVisible();
  await expect(dialog.getByText(/catalog\.locations/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Unregister location|Delete entity/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('a hidden tab lets go of its live-update stream and opens it again when shown', async ({ page }) => {
  const setVisibility = (state: 'hidden' | 'visible') => page.evaluate(s => {
    Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
  const stream = page.waitForRequest(r => r.url().endsWith('/api/catalog/events'));
  await page.goto('/catalog/default/component/playback-service');
  await stream;
  const closed = page.waitForEvent('requestfailed', r => r.url().endsWith('/api/catalog/events'));
  await setVisibility('hidden');
  await closed;
  const reopened = page.waitForRequest(r => r.url().endsWith('/api/catalog/events'));
  await setVisibility('visible');
  await reopened;
  await expect(page.getByRole('heading', { level: 1, name: 'Playback service' })).toBeVisible();
});

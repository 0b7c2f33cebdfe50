import type { APIRequestContext } from '@playwright/test';
import { startGitServer, type GitServer } from '@atrium/backend/testing';
import { expect, test } from './fixtures';

/**
 * Registering existing components from a real git server on loopback (git http-backend), as a team
 * would from their own repository, then seeing problems, live updates and unregistering.
 */

const component = (name: string, title: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  title: ${title}
  description: Registered by the browser tests.
spec:
  type: service
  lifecycle: experimental
  owner: playback-team${extra}
`;

let git: GitServer;
// Names unique per run, so re-running against the same portal does not collide.
const run = Date.now().toString(36);

/** Removes a registered location through the API, so later tests see the example catalog alone. */
async function unregister(request: APIRequestContext, target: string) {
  const { token } = (await (await request.post('/api/auth/guest/token')).json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const locations = (await (await request.get('/api/catalog/locations', { headers })).json()) as Array<{ data: { id: string; target: string } }>;
  const location = locations.map(l => l.data).find(l => l.target === target);
  if (location) expect((await request.delete(`/api/catalog/locations/${location.id}`, { headers })).status()).toBe(204);
}

test.beforeAll(async () => {
  git = await startGitServer();
});
const cleanups: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
test.afterAll(async () => {
  await git?.close();
});

test('register a repository by its URL: preview, register, open the new entity, see it change live, unregister it', async ({ page, request }) => {
  const name = `lyrics-service-${run}`;
  // Should the test fail before unregistering, the location must not leak into the other tests.
  cleanups.push(() => unregister(request, `${git.url}/acme/${name}/blob/main/catalog-info.yaml`));
  await git.createRepo(`acme/${name}`, { 'catalog-info.yaml': component(name, 'Lyrics service') });

  await page.goto('/catalog');
  await page.getByRole('link', { name: 'Register existing component' }).click();
  await expect(page).toHaveURL(/\/catalog-import$/);
  await page.getByRole('textbox', { name: 'Descriptor or repository URL' }).fill(`${git.url}/acme/${name}`);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page).toHaveURL(/[?&]url=/);
  const found = page.getByRole('table', { name: 'Entities found' });
  await expect(found.getByRole('row', { name: /Lyrics service/ })).toContainText('new');
  await expect(page.getByText(`${git.url}/acme/${name}/blob/main/catalog-info.yaml`)).toBeVisible();
  await page.getByRole('button', { name: 'Register 1 entity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registered' })).toBeVisible();

  // The link works as soon as the catalog has processed the location; the page fills in by itself.
  await page.getByRole('link', { name: 'Lyrics service' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/default/component/${name}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Lyrics service' })).toBeVisible({ timeout: 20_000 });

  // A commit changes the title; Refresh re-reads it and the open page updates without a reload.
  await git.commit(`acme/${name}`, { 'catalog-info.yaml': component(name, 'Lyrics and captions service') });
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lyrics and captions service' })).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Unregister entity…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`${git.url}/acme/${name}/blob/main/catalog-info.yaml`)).toBeVisible();
  await expect(dialog.getByTestId('unregister-entities')).toContainText(`component:default/${name}`);
  await dialog.getByRole('button', { name: 'Unregister location' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await page.goto(`/catalog/default/component/${name}`);
  await expect(page.getByRole('heading', { name: 'Entity not found' })).toBeVisible();
});

test('a broken descriptor shows its problems with file and line before registering, and on the catalog errors page after', async ({ page, request }) => {
  const repo = `acme/broken-${run}`;
  const good = `fine-service-${run}`;
  const { url } = await git.createRepo(repo, {
    'catalog-info.yaml': `${component(good, 'Fine service')}---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Not A Valid Name ${run}!\nspec:\n  type: service\n  lifecycle: production\n  owner: playback-team\n`,
  });
  const target = `${url}/blob/main/catalog-info.yaml`;
  cleanups.push(() => unregister(request, target));

  await page.goto(`/catalog-import?url=${encodeURIComponent(target)}`);
  const problems = page.getByTestId('import-errors');
  await expect(problems).toContainText('1 problem in this location');
  await expect(problems).toContainText(new RegExp(`catalog-info\\.yaml:1[0-9]: metadata\\.name`));
  await expect(page.getByRole('table', { name: 'Entities found' }).getByRole('row', { name: /Fine service/ })).toBeVisible();
  await page.getByRole('button', { name: 'Register 1 entity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registered' })).toBeVisible();

  await page.goto('/catalog');
  await page.getByRole('link', { name: 'Errors' }).click();
  await expect(page).toHaveURL(/\/catalog-errors$/);
  const row = page.getByRole('table', { name: 'Entities with errors' }).getByRole('row').filter({ hasText: target });
  await expect(row).toContainText('metadata.name', { timeout: 20_000 });
  await expect(row).toContainText(/catalog-info\.yaml:1[0-9]/);
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGitServer, type GitServer } from '@atrium/backend/testing';
import { expect, screenshot, test, waitForShell } from './fixtures';

/**
 * Software templates as an engineer uses them: find a golden path, fill its multi-step form, create,
 * watch the task's live log, open the repository's new catalog entity; and try a template in the editor.
 * The repository is pushed to a real git server on loopback (git http-backend).
 */
const run = promisify(execFile);
let git: GitServer;
const suffix = Date.now().toString(36);

test.beforeAll(async () => {
  git = await startGitServer();
});
test.afterAll(async () => {
  await git?.close();
});

test('the templates list groups golden paths by type and filters them in the URL', async ({ page }) => {
  await page.goto('/create');
  await waitForShell(page);
  await expect(page.getByRole('heading', { name: 'Create something new' })).toBeVisible();
  for (const group of ['service templates', 'website templates', 'documentation templates']) await expect(page.getByRole('region', { name: group })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Node.js backend service' })).toContainText('platform-engineering');
  await screenshot(page, 'scaffolder-templates');
  await page.goto('/create?type=documentation');
  await expect(page.getByRole('article', { name: 'Documentation site' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Node.js backend service' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Search' }).fill('nothing-matches-this');
  await expect(page.getByRole('heading', { name: 'No template matches' })).toBeVisible();
  await expect(page).toHaveURL(/q=nothing-matches-this/);
});

test('fill the node-service form over three pages, review, create, and watch the task log to the new entity', async ({ page }) => {
  const name = `lyrics-${suffix}`;
  const dir = join(git.root, `acme/${name}.git`);
  await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  await run('git', ['-C', dir, 'config', 'http.receivepack', 'true']);

  await page.goto('/create');
  await waitForShell(page);
  await page.getByRole('link', { name: 'Choose Node.js backend service' }).click();
  await expect(page.getByRole('heading', { name: 'Node.js backend service' })).toBeVisible();

  // Page 1: a bad name is refused before moving on.
  await page.getByRole('textbox', { name: 'Name' }).fill('Not a name!');
  await page.getByRole('textbox', { name: 'Description' }).fill('Serves song lyrics');
  await page.getByRole('combobox', { name: 'Owner' }).fill('playback');
  await page.getByRole('option', { name: /group:default\/playback-team/ }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText(/must be a valid entity name/).first()).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await screenshot(page, 'scaffolder-form-page1');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // Page 2: the database name only appears once a database is asked for (a JSON Schema dependency).
  await expect(page.getByRole('textbox', { name: 'Database name' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Needs a PostgreSQL database' }).check();
  await page.getByRole('textbox', { name: 'Database name' }).fill('lyrics');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // Page 3: the repository on the loopback git server.
  await page.getByRole('combobox', { name: 'Host' }).fill(new URL(git.url).host);
  await page.getByRole('textbox', { name: 'Owner' }).fill('acme');
  await page.getByRole('textbox', { name: 'Repository' }).fill(name);
  await expect(page).toHaveURL(/formData=/); // half-filled forms can be shared
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const review = page.getByRole('table', { name: 'Your answers' });
  await expect(review).toContainText(name);
  await expect(review).toContainText('group:default/playback-team');
  await screenshot(page, 'scaffolder-review');
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);
  const log = page.getByRole('code', { name: 'Task log' }).or(page.getByLabel('Task log'));
  await expect(log).toContainText('[fetch] Beginning step Render the service skeleton');
  await expect(log).toContainText(`Pushing to ${git.url}/acme/${name}`);
  await expect(page.getByLabel('status completed')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('listitem', { name: 'Register in the catalog: completed' })).toBeVisible();
  await screenshot(page, 'scaffolder-task');
  expect(await git.git(`acme/${name}`, ['show', 'main:deploy/database.yaml'])).toContain('database: lyrics');
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/default/component/${name}`));
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
});

test('the template editor previews the form and dry-runs the template without publishing', async ({ page }) => {
  await page.addInitScript(() => localStorage.removeItem('atrium.scaffolder.editorDraft'));
  await page.goto('/create/edit');
  await waitForShell(page);
  await expect(page.getByRole('heading', { name: 'Template editor' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill('from-the-editor');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(page.getByText('Dry run completed')).toBeVisible();
  await expect(page).toHaveURL(/tab=result/);
  await page.getByRole('link', { name: 'catalog-info.yaml' }).or(page.getByText('catalog-info.yaml', { exact: true })).first().click();
  await expect(page.getByLabel('Contents of catalog-info.yaml')).toContainText('name: "from-the-editor"');
  await expect(page.getByLabel('Dry-run log')).toContainText('Workspace (2 files)');
  await screenshot(page, 'scaffolder-editor');
});

test('the installed actions are listed with their schemas', async ({ page }) => {
  await page.goto('/create/actions?q=publish');
  await waitForShell(page);
  await page.getByRole('button', { name: /^publish:git Pushes/ }).click();
  await expect(page.getByRole('table', { name: 'Input' }).first()).toContainText('repoUrl');
  await expect(page.getByRole('button', { name: /debug:log/ })).toHaveCount(0);
});

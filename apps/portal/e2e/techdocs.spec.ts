import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

/**
 * TechDocs in the browser, on the example playback-service docs (apps/portal/examples/components/
 * playback-service): built by the portal on first read, then read, navigated, searched, edited and
 * reported on.
 */
const READER = '/docs/default/component/playback-service/';
const article = (page: Page) => page.getByTestId('techdocs-article');

test('the Docs tab builds and shows the entity\'s docs, and its navigation keeps the page in the URL', async ({ page }) => {
  await page.goto('/catalog/default/component/playback-service');
  await page.getByRole('tab', { name: 'Docs' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/playback-service\/docs$/);
  await expect(article(page).getByRole('heading', { level: 1, name: 'Playback service' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('techdocs-updated')).toContainText('Last updated');
  // Only the current page's section starts open.
  const nav = page.getByRole('navigation', { name: 'Docs navigation' });
  await nav.getByText('Getting started', { exact: true }).click();
  await nav.getByRole('link', { name: 'Local development' }).click();
  await expect(page).toHaveURL(/\/docs\?page=guides%2Flocal-dev%2F$/);
  await expect(article(page).getByRole('heading', { level: 1, name: 'Local development' })).toBeVisible();
  await page.reload();
  await expect(article(page).getByRole('heading', { level: 1, name: 'Local development' })).toBeVisible();
});

test('the docs index lists documented entities and filters them in the URL', async ({ page }) => {
  await page.goto('/docs');
  await expect(page.getByRole('heading', { level: 1, name: 'Docs' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: /Playback service/ })).toBeVisible();
  // Words of the playback service's description only.
  await page.getByLabel('Filter docs').fill('signed stream');
  await expect(page).toHaveURL(/\/docs\?q=signed\+stream$/);
  await expect(table.getByRole('link', { name: /Playback service/ })).toBeVisible();
  await expect(table.getByRole('link', { name: /web player/i })).toHaveCount(0);
  await page.getByLabel('Filter docs').fill('no such docs');
  await expect(page.getByText('No docs match')).toBeVisible();
  await page.getByLabel('Filter docs').fill('signed stream');
  await table.getByRole('link', { name: /Playback service/ }).click();
  await expect(page).toHaveURL(new RegExp(`${READER}$`));
  await expect(article(page).getByRole('heading', { level: 1, name: 'Playback service' })).toBeVisible({ timeout: 30_000 });
});

test('links between pages, the table of contents and deep links to headings work', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 }); // the table of contents has a column from 1408 px
  await page.goto(READER);
  await article(page).getByRole('link', { name: 'session', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${READER}architecture/sessions/$`));
  await expect(article(page).getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
  await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Concurrency limits' }).click();
  await expect(page).toHaveURL(new RegExp(`${READER}architecture/sessions/#limits$`));
  await expect(page.locator('#limits')).toBeInViewport();
  await page.goto(`${READER}runbook/#kafka-buffer-filling-up`);
  await expect(page.locator('#kafka-buffer-filling-up')).toBeInViewport({ timeout: 15_000 });
  // An image from the docs folder, fetched with the user's token.
  await page.goto(`${READER}architecture/`);
  const img = article(page).getByRole('img', { name: 'Architecture overview' });
  await expect(img).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
});

test('search within the site jumps to the matching section', async ({ page }) => {
  await page.goto(READER);
  await expect(article(page).getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
  const search = page.getByLabel('Search these docs');
  await search.fill('kafka buffer');
  await expect(page.getByRole('option', { name: /Kafka buffer filling up/ })).toBeVisible();
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${READER}runbook/#kafka-buffer-filling-up$`));
  await expect(article(page).getByRole('heading', { level: 2, name: 'Kafka buffer filling up' })).toBeVisible();
});

test('each page links to its source for editing, and selected text can be reported as an issue', async ({ page }) => {
  await page.goto(`${READER}guides/configuration/`);
  await expect(article(page).getByRole('heading', { level: 1, name: 'Configuration' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('techdocs-edit-link')).toHaveAttribute('href', 'https://github.com/acme-music/playback-service/edit/main/docs/guides/configuration.md');
  const paragraph = article(page).getByText('The service reads environment variables at start-up');
  await paragraph.selectText();
  const report = page.getByRole('link', { name: 'Report an issue' });
  await expect(report).toBeVisible();
  const href = new URL((await report.getAttribute('href'))!);
  expect(href.origin + href.pathname).toBe('https://github.com/acme-music/playback-service/issues/new');
  expect(href.searchParams.get('title')).toBe('Documentation feedback: Configuration');
  expect(href.searchParams.get('body')).toContain('> The service reads environment variables at start-up and fails fast when one is invalid.');
  expect(href.searchParams.get('body')).toContain(`${READER}guides/configuration/`);
});

test('docs read well in dark mode and on a narrow screen, and an unknown page says so', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${READER}api/sessions/`);
  await expect(article(page).getByRole('heading', { level: 1, name: 'Sessions endpoint' })).toBeVisible({ timeout: 30_000 });
  await article(page).getByText('TypeScript', { exact: true }).click();
  await expect(article(page).getByText('const res = await fetch')).toBeVisible();
  await screenshot(page, 'techdocs-dark');
  await page.setViewportSize({ width: 390, height: 800 });
  await screenshot(page, 'techdocs-narrow');
  await page.goto(`${READER}no/such/page/`);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

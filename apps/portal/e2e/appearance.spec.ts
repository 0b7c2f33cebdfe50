import type { Page } from '@playwright/test';
import { expect, greetingsListOrEmpty, screenshot, test, waitForShell } from './fixtures';

const scheme = (page: Page) => page.locator('html').getAttribute('data-mantine-color-scheme');

test('dark mode can be switched on and persists after reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await waitForShell(page);
  expect(await scheme(page)).toBe('light');
  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await expect.poll(() => scheme(page)).toBe('dark');
  await page.reload();
  await waitForShell(page);
  expect(await scheme(page)).toBe('dark');
  await expect(page.getByRole('button', { name: 'Switch to light mode' })).toBeVisible();
});

test('the colour scheme follows the system until the user picks one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await waitForShell(page);
  await expect.poll(() => scheme(page)).toBe('dark');
});

test('on a narrow screen the burger opens the navigation and it works', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForShell(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Example' })).not.toBeInViewport();
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await nav.getByRole('link', { name: 'Example' }).click();
  await expect(page).toHaveURL(/\/example$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Example' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open navigation' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await waitForShell(page);
    await expect(page.getByRole('heading', { name: 'Latest greetings' })).toBeVisible();
    await screenshot(page, `home-${colorScheme}`);
    await page.goto('/example');
    await expect(page.getByTestId('heartbeat-runs')).toBeVisible();
    await screenshot(page, `example-${colorScheme}`);
    await page.goto('/catalog/default/component/playback-service');
    await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
    await screenshot(page, `entity-${colorScheme}`);
    await page.goto('/catalog/default/component/playback-service/greetings');
    await expect(greetingsListOrEmpty(page)).toBeVisible();
    await screenshot(page, `entity-greetings-${colorScheme}`);
  });
}

test('screenshots at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForShell(page);
  await screenshot(page, 'home-narrow');
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.waitForTimeout(300);
  await screenshot(page, 'nav-open-narrow');
  await page.goto('/example');
  await expect(page.getByTestId('heartbeat-runs')).toBeVisible();
  await screenshot(page, 'example-narrow');
  await page.goto('/catalog/default/component/playback-service');
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await screenshot(page, 'entity-narrow');
});

test('screenshot of the 404 page', async ({ page }) => {
  await page.goto('/missing');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await screenshot(page, 'not-found');
});

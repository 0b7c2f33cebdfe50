import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import path from 'node:path';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../test-results/screenshots');

/**
 * Every test fails on a browser console error or an uncaught page error: a portal that logs errors
 * is broken even when the assertions pass.
 */
export const test = base.extend<{ failOnConsoleErrors: void }>({
  failOnConsoleErrors: [async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', msg => { if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`); });
    page.on('pageerror', err => problems.push(`page error: ${err.message}`));
    await use();
    expect(problems, 'browser console errors').toEqual([]);
  }, { auto: true }],
});

export { expect };

/** Waits until the shell is up: header, sidebar and no loading skeleton in the main area. */
export async function waitForShell(page: Page): Promise<void> {
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.locator('#atrium-main [aria-busy="true"]')).toHaveCount(0);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The greetings table, or its empty state on a fresh database. */
export function greetingsListOrEmpty(page: Page) {
  return page.getByRole('table', { name: 'greetings' }).or(page.getByRole('heading', { name: 'No greetings yet' }));
}

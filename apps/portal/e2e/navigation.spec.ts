import { expect, screenshot, test, waitForShell } from './fixtures';

test('loads the home page with a welcome and plugin widgets', async ({ page }) => {
  await page.goto('/');
  await waitForShell(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await expect(page.getByRole('heading', { name: 'Latest greetings' })).toBeVisible();
  await expect(page).toHaveTitle('Home · Atrium');
});

test('navigates via the sidebar to the example page and back home', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Example' }).click();
  await expect(page).toHaveURL(/\/example$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Example' })).toBeVisible();
  await expect(page).toHaveTitle('Example · Atrium');
  await expect(nav.getByRole('link', { name: 'Example' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
});

test("marks the catalog section as current on the catalog's own pages", async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const path of ['/catalog', '/catalog/default/component/playback-service', '/catalog-import', '/catalog-errors']) {
    await page.goto(path);
    await expect(nav.getByRole('link', { name: 'Catalog' })).toHaveAttribute('aria-current', 'page');
  }
});

test('keyboard users can skip to content and reach the nav by Tab', async ({ page }) => {
  await page.goto('/');
  await waitForShell(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#atrium-main')).toBeFocused();
  await page.goto('/');
  await waitForShell(page);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Example' }).evaluate(el => el === document.activeElement)) break;
  }
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Example' })).toBeFocused();
  await screenshot(page, 'keyboard-focus');
});

test('an unknown route shows the 404 page with a way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no/such/page')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the user menu shows the guest identity, and signing out and in again works', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'User menu: Guest' }).click();
  await expect(page.getByText('user:default/guest')).toBeVisible();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in as guest' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
});

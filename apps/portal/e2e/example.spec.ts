import { expect, test } from './fixtures';

test('posting a greeting lists it and announces it', async ({ page }) => {
  await page.goto('/example');
  const message = `Hello from the browser test ${Date.now()}`;
  await page.getByLabel('Your greeting').fill(message);
  await page.getByRole('button', { name: 'Post greeting' }).click();
  await expect(page.getByText('Greeting posted')).toBeVisible();
  await expect(page.getByRole('table', { name: 'greetings' }).getByText(message)).toBeVisible();
  await expect(page.getByLabel('Your greeting')).toHaveValue('');
});

test('the greeting form explains what is wrong before posting', async ({ page }) => {
  await page.goto('/example');
  await page.getByRole('button', { name: 'Post greeting' }).click();
  await expect(page.getByText('Write a message before posting.')).toBeVisible();
  await page.getByLabel('Your greeting').fill('x'.repeat(281));
  await page.getByRole('button', { name: 'Post greeting' }).click();
  await expect(page.getByText('Keep it to 280 characters (now 281).')).toBeVisible();
});

test('the heartbeat shows the scheduled task running', async ({ page }) => {
  await page.goto('/example');
  await expect(page.getByRole('heading', { name: 'Scheduled heartbeat' })).toBeVisible();
  await expect(page.getByTestId('heartbeat-runs')).toBeVisible();
});

import { expect, greetingsListOrEmpty, test } from './fixtures';

const ENTITY = '/catalog/default/component/playback-service';

test('the entity page shows the header and switches to the Greetings tab with a shareable URL', async ({ page }) => {
  await page.goto(ENTITY);
  await expect(page.getByRole('heading', { level: 1, name: 'Playback Service' })).toBeVisible();
  await expect(page.getByTestId('entity-kind')).toContainText('Component');
  await expect(page.getByRole('link', { name: 'playback-team' }).first()).toBeVisible();
  const tab = page.getByRole('tab', { name: 'Greetings' });
  await tab.click();
  await expect(page).toHaveURL(new RegExp(`${ENTITY}/greetings$`));
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(greetingsListOrEmpty(page)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Greetings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Your greeting')).toBeVisible();
});

test('a greeting posted on the Greetings tab is listed for that entity', async ({ page }) => {
  await page.goto(`${ENTITY}/greetings`);
  const message = `Nice service ${Date.now()}`;
  await page.getByLabel('Your greeting').fill(message);
  await page.getByRole('button', { name: 'Post greeting' }).click();
  await expect(page.getByRole('table', { name: 'greetings' }).getByText(message)).toBeVisible();
});

test('an unknown entity says it is not found', async ({ page }) => {
  await page.goto('/catalog/default/component/does-not-exist');
  await expect(page.getByRole('heading', { name: 'Entity not found' })).toBeVisible();
});

import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

/** Every catalog and organisation page, in light and dark mode and at a phone's width, for people to look at. */

const views: Array<{ name: string; path: string; ready: (page: Page) => Promise<void> }> = [
  { name: 'entity-overview', path: '/catalog/default/component/playback-service', ready: p => expect(p.getByRole('region', { name: 'Provided APIs' }).getByRole('listitem')).toHaveCount(2) },
  { name: 'entity-graph', path: '/catalog/default/system/playback/relations', ready: p => expect(p.getByTestId('graph-node').first()).toBeVisible() },
  { name: 'api', path: '/catalog/default/api/playback-api', ready: p => expect(p.getByRole('region', { name: 'Providers' }).getByRole('listitem').first()).toBeVisible() },
  { name: 'group', path: '/catalog/default/group/playback-team', ready: p => expect(p.getByRole('region', { name: 'Owned by this group' }).getByRole('link').first()).toBeVisible() },
  { name: 'user', path: '/catalog/default/user/tom.harker', ready: p => expect(p.getByRole('region', { name: 'Owned by them and their teams' }).getByRole('link').first()).toBeVisible() },
  { name: 'org', path: '/org', ready: p => expect(p.getByTestId('org-node').first()).toBeVisible() },
  { name: 'import', path: '/catalog-import', ready: p => expect(p.getByRole('button', { name: 'Analyze' })).toBeVisible() },
  { name: 'errors', path: '/catalog-errors', ready: p => expect(p.getByRole('heading', { level: 1, name: 'Catalog errors' })).toBeVisible() },
];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`organisation and entity screenshots, ${colorScheme}, ${width} px`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
      for (const view of views) {
        await page.goto(view.path);
        await view.ready(page);
        // Nothing may stick out sideways at any width: the page scrolls only vertically.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        await screenshot(page, `${view.name}-${colorScheme}-${width}`);
      }
    });
  }
}

import Tinypool from 'tinypool';
import { regexTable, type RegexDetails } from './highlight.js';
import type { CachedPage } from './pageCache.js';
import { renderPages, type PageToRender, type RenderSite } from './renderPages.js';

/** A render pool's worker thread: renders the pages of one task (renderPool.ts). */
export interface RenderTask {
  site: RenderSite;
  pages: PageToRender[];
}

export interface RenderResult {
  /** The task's pages, in its order. */
  pages: CachedPage[];
  /** The patterns this thread translated for this task (the CLI saves them). */
  regexes: Array<[string, RegexDetails]>;
}

// Translations the parent already had (the CLI's saved ones), so this thread does not redo them.
regexTable.load((Tinypool.workerData as { regexes?: Array<[string, RegexDetails]> } | undefined)?.regexes ?? []);

export default async function render(task: RenderTask): Promise<RenderResult> {
  const pages = await renderPages(task.site, task.pages);
  return { pages, regexes: regexTable.takeRecent() };
}

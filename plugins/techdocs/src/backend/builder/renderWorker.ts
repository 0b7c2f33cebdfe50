import type { CachedPage } from './pageCache.js';
import { renderPages, type PageToRender, type RenderSite } from './renderPages.js';

/** A render pool's worker thread: renders the pages of one task (renderPool.ts). */
export interface RenderTask {
  site: RenderSite;
  pages: PageToRender[];
  /** Which `render` call of the pool (one build) the task is part of: its tasks share highlighted code. */
  render: number;
}

export interface RenderResult {
  /** The task's pages, in its order. */
  pages: CachedPage[];
}

// The code blocks this thread highlighted for the build it last worked on (kept until the next build
// or the thread's exit, never used for another build).
let codeBlocks = { render: -1, blocks: new Map<string, string>() };

export default async function render(task: RenderTask): Promise<RenderResult> {
  if (codeBlocks.render !== task.render) codeBlocks = { render: task.render, blocks: new Map() };
  const pages = await renderPages(task.site, task.pages, codeBlocks.blocks);
  return { pages };
}

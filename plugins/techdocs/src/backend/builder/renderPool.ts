import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';
import type { CachedPage } from './pageCache.js';
import { renderPages, type PageRenderer, type PageToRender, type RenderSite } from './renderPages.js';
import type { RenderTask, RenderResult } from './renderWorker.js';

export interface RenderPoolOptions {
  /** Worker threads (default: the machine's cores, at most 4). */
  threads?: number;
  /** Threads exit after this long without work, so an idle portal holds no builder memory (default 30 s). */
  idleTimeoutMs?: number;
  /** Fewer pages than this are rendered on the calling thread when no worker is running (default 12). */
  minPages?: number;
  /** A build with less Markdown than this (characters) renders on one thread (default 2,000,000). */
  splitChars?: number;
}

export interface RenderPool extends PageRenderer {
  /** Worker threads running now (0 when idle long enough, or when pages render on the calling thread). */
  readonly threads: number;
  close(): Promise<void>;
}

/**
 * A pool of worker threads that render pages (renderWorker.ts). A big site's pages are cut into a few
 * chunks of about equal Markdown size per thread, so one long page does not leave the others idle;
 * other sites render on one thread.
 * Small sites render on the calling thread when no worker is up: starting one costs more than they do.
 * Without the compiled worker (tests running the TypeScript sources before a build) it renders here.
 */
export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const file = workerFile();
  const threads = Math.max(1, options.threads ?? Math.min(4, availableParallelism()));
  const minPages = options.minPages ?? 12;
  // One warm thread renders about 5 MB of Markdown a second (Fastify's 41 pages, 644 KB: 120–180 ms).
  // A second thread only pays for a site several times that size: it starts cold, warms up over
  // several builds (its JIT sees half the work) and shares 2 cores with the first; Fastify's docs
  // built in 180–220 ms over two threads against 140–180 ms on one, for the first five builds.
  const splitChars = options.splitChars ?? 2_000_000;
  let pool: Tinypool | undefined;
  let renders = 0;
  const start = (): Tinypool => pool ??= new Tinypool({
    filename: file!.href, minThreads: 0, maxThreads: threads,
    idleTimeout: options.idleTimeoutMs ?? 30_000,
    // The workers load the compiled builder; flags such as source conditions are not for them.
    execArgv: [],
  });
  return {
    get threads() { return pool?.threads.length ?? 0; },
    async render(site: RenderSite, pages: PageToRender[]): Promise<CachedPage[]> {
      if (!file || (pages.length < minPages && !pool?.threads.length)) return renderPages(site, pages);
      // With no worker running, one starts and renders the whole build: each new thread loads Markdown
      // and the highlighter and warms up, work that splitting a first build over cold threads would repeat.
      const cold = !pool?.threads.length;
      const p = start();
      const render = renders++;
      const split = !cold && pages.reduce((n, page) => n + page.text.length, 0) >= splitChars;
      const results = await Promise.all(chunks(pages, split ? threads * 3 : 1).map((chunk) => p.run({ site, pages: chunk, render } satisfies RenderTask) as Promise<RenderResult>));
      // The chunks are consecutive runs of the pages, so their results in order are the pages' order.
      return results.flatMap((r) => r.pages);
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}

/** Up to `n` runs of consecutive pages of about equal Markdown length. */
function chunks(pages: PageToRender[], n: number): PageToRender[][] {
  const total = pages.reduce((s, p) => s + p.text.length, 0);
  const target = total / Math.min(n, pages.length);
  const out: PageToRender[][] = [[]];
  let size = 0;
  for (const p of pages) {
    if (size >= target && out.length < n) { out.push([]); size = 0; }
    out.at(-1)!.push(p);
    size += p.text.length;
  }
  return out;
}

/** The compiled worker beside this module, or beside its compiled twin when this is the TypeScript source. */
function workerFile(): URL | undefined {
  const here = fileURLToPath(import.meta.url);
  const js = here.endsWith('.ts') ? here.replace(/[/\\]src[/\\]backend[/\\]builder[/\\]renderPool\.ts$/, '/dist/backend/builder/renderWorker.js') : here.replace(/renderPool\.js$/, 'renderWorker.js');
  return existsSync(js) ? pathToFileURL(js) : undefined;
}

import type { MarkdownIt } from 'markdown-it';
import type { SearchIndex } from '@atrium/plugin-techdocs/common';
import { fenceLanguages, prepareHighlighter, type CodeHighlighter } from './highlight.js';
import type { CachedPage } from './pageCache.js';
import { pageSearchEntries } from './searchIndex.js';

/** What every page of a site is rendered against: the files under docs_dir and the page URLs. */
export interface RenderSite {
  files: ReadonlySet<string>;
  pageUrls: ReadonlyMap<string, string>;
}

export interface PageToRender {
  /** Source path relative to docs_dir. */
  path: string;
  text: string;
}

/**
 * Renders Markdown pages to what the build needs of each: HTML, title, headings, TOC, warnings and
 * the page's search entries. `buildSite` renders in its own thread by default; the portal and the CLI
 * pass a pool of worker threads (`renderPool.ts`) so big sites use every core and the portal's event
 * loop stays free while a site builds.
 */
export interface PageRenderer {
  render(site: RenderSite, pages: PageToRender[]): Promise<CachedPage[]>;
}

/** Renders here, on this thread: Markdown and the highlighter are loaded on first use. */
export const renderInThisThread: PageRenderer = { render: (site, pages) => renderPages(site, pages) };

/** `codeBlocks`: the highlighted code blocks of this build so far (a new build brings a new map). */
export async function renderPages(site: RenderSite, pages: PageToRender[], codeBlocks = new Map<string, string>()): Promise<CachedPage[]> {
  const [{ createMarkdown, renderMarkdown }, highlighter] = await Promise.all([
    import('./markdown.js'),
    prepareHighlighter(pages.flatMap((p) => fenceLanguages(p.text)).filter((l) => l !== 'mermaid'), codeBlocks),
  ]);
  md ??= createMarkdown(() => current!);
  current = highlighter;
  return pages.map((p) => {
    const warnings: CachedPage['warnings'] = [];
    const warn = (message: string, line?: number) => warnings.push({ message, ...(line && { line }) });
    const url = site.pageUrls.get(p.path)!;
    const page = renderMarkdown(md!, p.text, { source: p.path, url, files: site.files, pageUrls: site.pageUrls, warn });
    // The page entry's title is the page's final one (the nav may rename it): buildSite sets it.
    const search: SearchIndex['docs'] = pageSearchEntries(url, '', page.searchHtml, page.codeTexts);
    return { html: page.html, ...(page.title !== undefined && { title: page.title }), headings: page.headings, toc: page.toc, warnings, search };
  });
}

// One markdown-it per thread; the highlighter it calls grows as sites need more grammars.
let md: MarkdownIt | undefined;
let current: CodeHighlighter | undefined;

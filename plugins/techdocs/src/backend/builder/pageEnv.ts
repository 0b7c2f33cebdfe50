import type { TocItem } from '@atrium/plugin-techdocs/common';

/** What one page's render knows and collects (markdown-it's `env`). */
export interface PageEnv {
  /** Source path relative to docs_dir. */
  source: string;
  /** The page's site-relative URL. */
  url: string;
  /** Every file under docs_dir (relative paths), to tell broken links from good ones. */
  files: ReadonlySet<string>;
  /** Markdown source path -> page URL, for rewriting links between pages. */
  pageUrls: ReadonlyMap<string, string>;
  /** Lines the front matter took, so reported lines match the file. */
  lineOffset: number;
  warn(message: string, line?: number): void;
  /** Highlighted code blocks, put back after sanitising (they are generated, not user HTML). */
  codeBlocks: string[];
  /** The same blocks as plain text (title and code), for the search index. */
  codeTexts: string[];
  /** Whether the source had raw HTML (blocks or inline tags) the sanitiser must see (not only plain tags: rawHtml.ts). */
  rawHtml?: boolean;
  /** Whether the source had any raw HTML at all (plain or not): reportUnsafeHtml has nothing to look at otherwise. */
  sourceHtml?: boolean;
  headings?: Array<{ level: number; id: string; title: string }>;
  toc?: TocItem[];
  tabSetCounter?: number;
}

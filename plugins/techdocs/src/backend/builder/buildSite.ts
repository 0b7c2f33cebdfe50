import { posix } from 'node:path';
import type { BuildWarning, NavItem, SiteManifest, SitePage, TechDocsMetadata } from '@atrium/plugin-techdocs/common';
import { METADATA_FILE, SEARCH_INDEX_FILE, SITE_MANIFEST_FILE } from '@atrium/plugin-techdocs/common';
import { editUrlFor } from './editUrl.js';
import { DocsBuildError } from './errors.js';
import { configWarnings, contentTypeFor } from './extensions.js';
import { fenceLanguages, resolveLanguage } from './highlight.js';
import { CONFIG_FILE_NAMES, parseMkDocsConfig } from './mkdocsConfig.js';
import { derivedNav, explicitNav, flattenNav, nameToTitle, type NavPage } from './nav.js';
import { pageKey, siteKey, type CachedPage, type PageCache } from './pageCache.js';
import { isIndexPage, normalizeRelative, pageOutputFile, pageUrl } from './paths.js';
import { expandSnippets } from './snippets.js';
import { renderInThisThread, type PageRenderer } from './renderPages.js';
import { searchIndex } from './searchIndex.js';
import { STANDALONE_CSS, STANDALONE_CSS_FILE, standalonePage } from './template.js';

export interface SourceFile {
  /** Relative to the source root (where mkdocs.yml is), forward slashes. */
  path: string;
  content(): Promise<Buffer>;
}

export interface BuildOptions {
  /** Identifies the source version (a commit sha or content hash); stored in the metadata. */
  etag: string;
  commit?: string;
  /** Edit links for sources whose mkdocs.yml has no repo_url (e.g. derived from the entity's git location). */
  repoUrl?: string;
  /** An edit_uri, or one made from docs_dir (read from mkdocs.yml during the build). */
  editUri?: string | ((docsDir: string) => string);
  now?: () => number;
  onProgress?: (message: string) => void;
  /** Rendered pages from earlier builds: pages whose source (and the site's file list) did not change are not rendered again. */
  cache?: PageCache;
  /** Where pages are rendered: this thread unless given (e.g. `createRenderPool()`'s worker threads). */
  renderer?: PageRenderer;
}

export interface BuiltFile {
  path: string;
  content: Buffer;
  contentType: string;
}

export interface BuiltSite {
  manifest: SiteManifest;
  metadata: TechDocsMetadata;
  files: BuiltFile[];
  warnings: BuildWarning[];
}

/**
 * Builds an MkDocs source (mkdocs.yml + docs_dir) into a static site: one HTML page per Markdown file,
 * the nav, per-page tables of contents, MkDocs' search index, the assets, and Backstage's metadata.
 * Pure: files in, files out; the backend stores them and the CLI writes them to a folder.
 */
export async function buildSite(source: SourceFile[], options: BuildOptions): Promise<BuiltSite> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => {});
  const byPath = new Map<string, SourceFile>();
  for (const f of source) {
    const p = normalizeRelative(f.path);
    if (p) byPath.set(p, f);
  }
  const configFile = CONFIG_FILE_NAMES.find((n) => byPath.has(n));
  if (!configFile) throw new DocsBuildError(`no mkdocs.yml at the root of the docs source: add one with at least "site_name: ..." (looked for ${CONFIG_FILE_NAMES.join(', ')})`);
  const config = parseMkDocsConfig((await byPath.get(configFile)!.content()).toString('utf8'), configFile);
  const warnings: BuildWarning[] = configWarnings(config);
  const docsPrefix = config.docsDir ? `${config.docsDir}/` : '';

  // Files under docs_dir, relative to it; hidden files and folders are skipped as MkDocs does.
  const docs = new Map<string, SourceFile>();
  for (const [p, f] of byPath) {
    if (!p.startsWith(docsPrefix)) continue;
    const rel = p.slice(docsPrefix.length);
    if (rel.split('/').some((s) => s.startsWith('.'))) continue;
    docs.set(rel, f);
  }
  if (!docs.size) throw new DocsBuildError(`docs_dir "${config.docsDir || '.'}" has no files: put the Markdown pages there`, configFile);
  if (!docs.has('index.md') && !docs.has('README.md')) {
    // Backstage's fallback: the repository README becomes the home page.
    const readme = ['README.md', 'readme.md'].find((n) => byPath.has(n));
    if (readme) docs.set('index.md', byPath.get(readme)!);
  }

  // Pages and their URLs; an index.md wins over a README.md in the same folder, as in MkDocs.
  const pageUrls = new Map<string, string>();
  const pageAt = new Map<string, string>(); // url -> the page kept there
  for (const p of [...docs.keys()].filter((p) => /\.md$/i.test(p)).sort()) {
    const url = pageUrl(p, config.useDirectoryUrls);
    const clash = pageAt.get(url);
    if (clash !== undefined) {
      const [keep, drop] = posix.basename(clash) === 'index.md' ? [clash, p] : [p, clash];
      warnings.push({ file: docsPrefix + drop, message: `both ${keep} and ${drop} would be ${url || 'the home page'}; ${drop} is left out` });
      pageUrls.delete(drop);
      pageUrls.set(keep, url);
      pageAt.set(url, keep);
    } else {
      pageUrls.set(p, url);
      pageAt.set(url, p);
    }
  }
  const files = new Set(docs.keys());
  const texts = new Map<string, string>();
  await Promise.all([...pageUrls.keys()].map(async (p) => texts.set(p, (await docs.get(p)!.content()).toString('utf8'))));
  // pymdownx.snippets, before anything reads the pages (the page cache keys on the expanded text).
  const early = new Map<string, CachedPage['warnings']>();
  const readSource = async (path: string) => { const f = byPath.get(path); return f ? (await f.content()).toString('utf8') : undefined; };
  for (const [p, text] of texts) {
    if (!text.includes('--8<--')) continue;
    const list: CachedPage['warnings'] = [];
    texts.set(p, await expandSnippets(text, readSource, (message, line) => list.push({ message, ...(line && { line }) })));
    early.set(p, list);
  }
  const icon = [...texts].map(([p, t]) => ({ p, m: ICON_SHORTCODE.exec(t) })).find((x) => x.m);
  if (icon?.m) {
    warnings.push({ file: docsPrefix + icon.p, line: icon.m.input.slice(0, icon.m.index).split('\n').length, message: `icon shortcodes such as "${icon.m[0]}" (Material, FontAwesome, Octicons, Simple Icons) are not drawn: they are shown as text; emoji shortcodes such as :smile: are` });
  }

  const langs = [...texts.values()].flatMap(fenceLanguages).filter((l) => l !== 'mermaid');
  for (const lang of new Set(langs)) {
    if (!resolveLanguage(lang)) warnings.push({ message: `code language "${lang}" has no highlighting grammar: its blocks are shown as plain text` });
  }

  // Pages the cache has are not rendered; Markdown and the highlighter are loaded only for the others.
  const cache = options.cache;
  const cacheSite = cache ? siteKey(files, pageUrls) : '';
  const keys = new Map<string, string>();
  const rendered = new Map<string, CachedPage>();
  for (const [p, url] of pageUrls) {
    if (!cache) break;
    const key = pageKey(cacheSite, p, url, texts.get(p)!);
    keys.set(p, key);
    const hit = cache.get(key);
    if (hit) rendered.set(p, hit);
  }
  const toRender = [...pageUrls.keys()].filter((p) => !rendered.has(p));
  if (toRender.length) {
    progress(`Rendering ${toRender.length} pages${rendered.size ? ` (${rendered.size} unchanged pages kept)` : ''}`);
    const renderer = options.renderer ?? renderInThisThread;
    const pages = await renderer.render({ files, pageUrls }, toRender.map((p) => ({ path: p, text: texts.get(p)! })));
    toRender.forEach((p, i) => {
      rendered.set(p, pages[i]!);
      if (cache) cache.set(keys.get(p)!, pages[i]!);
    });
  } else progress(`All ${pageUrls.size} pages are unchanged since the last build`);
  // Warnings in page order, whether a page was rendered now or before.
  for (const p of pageUrls.keys()) for (const w of [...early.get(p) ?? [], ...rendered.get(p)!.warnings]) warnings.push({ file: docsPrefix + p, ...w });

  const navPages = new Map<string, NavPage>();
  for (const [p, url] of pageUrls) navPages.set(p, { source: p, url, title: rendered.get(p)!.title ?? fallbackTitle(p) });
  const nav: NavItem[] = config.nav
    ? explicitNav(config.nav, navPages, (message, line) => warnings.push({ file: configFile, line, message }), (source, title) => { navPages.get(source)!.title = title; })
    : derivedNav([...navPages.values()]);

  // Pages in reading order (the nav's, then the rest by path): the search index and page list follow it.
  const order = new Map(flattenNav(nav).map((url, i) => [url, i]));
  const ordered = [...pageUrls].sort(([pa, a], [pb, b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (pa < pb ? -1 : pa > pb ? 1 : 0));
  const repoUrl = config.repoUrl ?? options.repoUrl;
  const injected = typeof options.editUri === 'function' ? options.editUri(config.docsDir) : options.editUri;
  const editUri = config.editUri ?? (config.repoUrl ? undefined : injected);
  const pages: SitePage[] = [];
  const out: BuiltFile[] = [];
  const docsIndex = [];
  for (const [p, url] of ordered) {
    const r = rendered.get(p)!;
    const title = navPages.get(p)!.title;
    const editUrl = editUrlFor(repoUrl, editUri, config.docsDir, p);
    pages.push({ path: url, source: p, title, toc: r.toc, ...(editUrl && { editUrl }) });
    out.push(file(pageOutputFile(url), standalonePage({ siteName: config.siteName, title, url, nav, content: r.html, editUrl })));
    const [entry, ...sections] = r.search;
    docsIndex.push({ ...entry!, title }, ...sections);
  }
  for (const [p, f] of docs) {
    if (pageUrls.has(p) || /\.md$/i.test(p)) continue;
    out.push({ path: p, content: await f.content(), contentType: contentTypeFor(p) });
  }
  out.push(file(STANDALONE_CSS_FILE, STANDALONE_CSS));
  out.push(file(SEARCH_INDEX_FILE, JSON.stringify(searchIndex(docsIndex))));

  const buildTimestamp = options.now?.() ?? Date.now();
  const manifest: SiteManifest = {
    siteName: config.siteName, ...(config.siteDescription && { siteDescription: config.siteDescription }),
    ...(repoUrl && { repoUrl }), nav, pages, warnings, buildTimestamp, etag: options.etag, ...(options.commit && { commit: options.commit }),
  };
  out.push(file(SITE_MANIFEST_FILE, JSON.stringify(manifest)));
  const metadata: TechDocsMetadata = {
    site_name: config.siteName, site_description: config.siteDescription ?? '', etag: options.etag, build_timestamp: buildTimestamp,
    files: [...out.map((f) => f.path), METADATA_FILE].sort(),
  };
  out.push(file(METADATA_FILE, JSON.stringify(metadata)));
  progress(`Built ${pages.length} pages and ${out.length - pages.length} other files in ${Date.now() - started} ms${warnings.length ? ` with ${warnings.length} warnings` : ''}`);
  return { manifest, metadata, files: out, warnings };
}

// mkdocs-material's icon shortcodes (pymdownx.emoji with its icon index); plain emoji are rendered.
const ICON_SHORTCODE = /:(?:material|fontawesome|octicons|simple)-[\w-]+:/;

function file(path: string, text: string): BuiltFile {
  return { path, content: Buffer.from(text, 'utf8'), contentType: contentTypeFor(path) };
}

// MkDocs: the home page is "Home"; other pages without a heading are named after their file (or folder, for index pages).
function fallbackTitle(source: string): string {
  if (isIndexPage(source)) {
    const dir = posix.dirname(source);
    return dir === '.' ? 'Home' : nameToTitle(posix.basename(dir));
  }
  return nameToTitle(posix.basename(source).replace(/\.md$/i, ''));
}

import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchIndex, TocItem } from '@atrium/plugin-techdocs/common';

/**
 * Rendered pages kept between builds, by a key made of everything a page's HTML depends on: its
 * Markdown, its path and URL, and the site's file list and page URLs (links are checked and rewritten
 * against them). A page whose key is unchanged is not rendered again, so a rebuild after a commit
 * that touched a few pages renders those pages only. The portal keeps one in memory; `atrium docs
 * build` keeps one on disk (`openDiskPageCache`).
 */
export interface CachedPage {
  html: string;
  title?: string;
  headings: Array<{ level: number; id: string; title: string }>;
  toc: TocItem[];
  /** The page's own warnings (file is the page), reported again when the page comes from the cache. */
  warnings: Array<{ message: string; line?: number }>;
  /** The page's search index entries; the first is the page's own, its title set by the build. */
  search: SearchIndex['docs'];
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  set(key: string, page: CachedPage): void;
}

// node:crypto is loaded on the first hash: `atrium docs build --no-cache` hashes nothing, and loading it
// took 3-7 ms of that build (ADR 0010, 2026-12-04).
let nodeCrypto: typeof NodeCrypto | undefined;
const createHash = (algorithm: string) => (nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto).createHash(algorithm);

/** Bumped when what a cached page holds changes shape. */
const FORMAT = 2;

export function pageKey(siteKey: string, source: string, url: string, text: string): string {
  return createHash('sha256').update(`${FORMAT}\0${siteKey}\0${source}\0${url}\0`).update(text).digest('base64url');
}

/** What every page of a build shares: the files under docs_dir and the page URLs. */
export function siteKey(files: Iterable<string>, pageUrls: ReadonlyMap<string, string>): string {
  return createHash('sha256').update(JSON.stringify([[...files].sort(), [...pageUrls]])).digest('base64url');
}

const sizeOf = (p: CachedPage) => (p.html.length + p.search.reduce((n, e) => n + e.text.length, 0)) * 2 + 512;

/** Pages in memory, least recently used dropped first past `maxBytes` (about what the strings take). */
export class MemoryPageCache implements PageCache {
  private readonly map = new Map<string, CachedPage>();
  private total = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): CachedPage | undefined {
    const hit = this.map.get(key);
    if (hit) { this.map.delete(key); this.map.set(key, hit); }
    return hit;
  }

  set(key: string, page: CachedPage): void {
    const old = this.map.get(key);
    if (old) { this.total -= sizeOf(old); this.map.delete(key); }
    this.map.set(key, page);
    this.total += sizeOf(page);
    for (const [k, v] of this.map) {
      if (this.total <= this.maxBytes) break;
      this.map.delete(k);
      this.total -= sizeOf(v);
    }
  }
}

interface DiskFile {
  fingerprint: string;
  pages: Record<string, CachedPage>;
}

/**
 * A page cache in a folder, one file per docs source (by its absolute path). It is thrown away whole when the builder changes (a fingerprint of the builder's
 * own code and of its Markdown and highlighting libraries' versions), and `save` keeps only the pages
 * the last build used, so it does not grow.
 */
export async function openDiskPageCache(dir: string, source: string): Promise<PageCache & { save(): Promise<void>; hits: number; misses: number }> {
  const fingerprint = await builderFingerprint();
  const file = join(dir, `${createHash('sha256').update(source).digest('hex').slice(0, 24)}.json`);
  const stored = await readJson<DiskFile>(file);
  const old = stored?.fingerprint === fingerprint ? stored.pages : {};
  const used: Record<string, CachedPage> = {};
  let changed = stored?.fingerprint !== fingerprint;
  const cache = {
    hits: 0,
    misses: 0,
    get(key: string) {
      const hit = Object.hasOwn(old, key) ? old[key] : undefined;
      if (hit) { used[key] = hit; cache.hits++; } else cache.misses++;
      return hit;
    },
    set(key: string, page: CachedPage) { used[key] = page; changed = true; },
    async save() {
      await mkdir(dir, { recursive: true });
      if (changed || Object.keys(used).length !== Object.keys(old).length) await writeAtomically(file, JSON.stringify({ fingerprint, pages: used } satisfies DiskFile));
    },
  };
  return cache;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined; // missing or torn: start afresh
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

// The libraries whose output ends up in a page; a new version of any of them may render differently.
const LIBRARIES = ['markdown-it', 'markdown-it-attrs', 'markdown-it-footnote', 'markdown-it-deflist', 'markdown-it-abbr', 'markdown-it-task-lists', 'sanitize-html', 'prismjs'];

let fingerprinted: Promise<string> | undefined;

/**
 * A hash of this builder's compiled files and the versions of the libraries it renders with. Run from
 * the CLI's bundle, the folder is the CLI's dist and the bundle (docs.cjs) holds the builder.
 */
export function builderFingerprint(): Promise<string> {
  fingerprinted ??= (async () => {
    const hash = createHash('sha256');
    const here = dirname(fileURLToPath(import.meta.url));
    for (const f of (await readdir(here)).filter((n) => /\.(?:c?js|ts)$/.test(n) && !/\.(?:test|d)\.ts$/.test(n)).sort()) {
      hash.update(f).update(await readFile(join(here, f)));
    }
    for (const name of LIBRARIES) hash.update(`${name}@${await libraryVersion(name, here)}\0`);
    return hash.digest('hex');
  })();
  return fingerprinted;
}

// The version in the package.json of the folder Node would load `name` from, looking up from `from`.
async function libraryVersion(name: string, from: string): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    const text = await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8').catch(() => undefined);
    if (text) return String((JSON.parse(text) as { version?: string }).version);
    if (dirname(dir) === dir) return 'unknown';
  }
}

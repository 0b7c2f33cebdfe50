import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildOptions, type BuiltSite } from './buildSite.js';
import { MemoryPageCache, openDiskPageCache } from './pageCache.js';

const SITE: Record<string, string> = {
  'mkdocs.yml': 'site_name: Cached\nnav:\n  - Home: index.md\n  - Guide: guide.md\n  - Missing: nope.md\n',
  'docs/index.md': '# Home\n\nSee [the guide](guide.md) and [nothing](gone.md).\n\n=== "A"\n    one\n\n=== "B"\n    two\n',
  'docs/guide.md': '# Guide\n\n```ts title="a.ts"\nconst a: number = 1;\n```\n\n!!! note\n    Text[^1].\n\n[^1]: A footnote.\n',
  'docs/img.png': 'png',
};
const source = (files: Record<string, string>) => Object.entries(files).map(([path, text]) => ({ path, content: async () => Buffer.from(text) }));
async function build(files: Record<string, string>, options: Partial<BuildOptions> = {}) {
  const progress: string[] = [];
  const site = await buildSite(source(files), { etag: 'e', now: () => 1_700_000_000_000, onProgress: (m) => progress.push(m), ...options });
  return { site, progress };
}
const contents = (site: BuiltSite) => Object.fromEntries(site.files.map((f) => [f.path, f.content.toString('utf8')]));

describe('page cache', () => {
  const dirs: string[] = [];
  afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

  it('renders no page again when nothing changed, with the same files and warnings as a build without it', async () => {
    const cache = new MemoryPageCache();
    const uncached = await build(SITE);
    const first = await build(SITE, { cache });
    expect(first.progress).toContain('Rendering 2 pages');
    const second = await build(SITE, { cache });
    expect(second.progress).toContain('All 2 pages are unchanged since the last build');
    expect(contents(second.site)).toEqual(contents(uncached.site));
    expect(second.site.warnings).toEqual(uncached.site.warnings);
    expect(second.site.warnings.map((w) => w.file)).toEqual(expect.arrayContaining(['docs/index.md', 'mkdocs.yml']));
  });

  it('renders only the pages that changed, and every page when the file list changes (links depend on it)', async () => {
    const cache = new MemoryPageCache();
    await build(SITE, { cache });
    const edited = { ...SITE, 'docs/guide.md': '# Guide, edited\n\nNew text.\n' };
    const afterEdit = await build(edited, { cache });
    expect(afterEdit.progress).toContain('Rendering 1 pages (1 unchanged pages kept)');
    expect(contents(afterEdit.site)).toEqual(contents((await build(edited)).site));
    // gone.md now exists, so the home page's link to it is no longer broken: it must be rendered again.
    const added = { ...edited, 'docs/gone.md': '# Gone\n' };
    const afterAdd = await build(added, { cache });
    expect(afterAdd.progress).toContain('Rendering 3 pages');
    expect(afterAdd.site.warnings.some((w) => w.message.includes('gone.md'))).toBe(false);
  });

  it('renders a page again when a snippet it includes changed', async () => {
    const cache = new MemoryPageCache();
    const withSnippet = (text: string) => ({ ...SITE, 'docs/guide.md': '# Guide\n\n--8<-- "shared/note.md"\n', 'shared/note.md': text });
    await build(withSnippet('First version.\n'), { cache });
    const again = await build(withSnippet('Second version.\n'), { cache });
    expect(again.progress).toContain('Rendering 1 pages (1 unchanged pages kept)');
    expect(contents(again.site)['guide/index.html']).toContain('Second version.');
  });

  it('keeps pages on disk for the next process, and only the pages the last build used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atrium-page-cache-'));
    dirs.push(dir);
    const a = await openDiskPageCache(dir, '/src/site');
    await build(SITE, { cache: a });
    await a.save();
    const b = await openDiskPageCache(dir, '/src/site');
    const again = await build(SITE, { cache: b });
    expect(again.progress).toContain('All 2 pages are unchanged since the last build');
    expect(b.hits).toBe(2);
    const c = await openDiskPageCache(dir, '/src/other-site');
    expect((await build(SITE, { cache: c })).progress).toContain('Rendering 2 pages');
    await c.save();
    expect((await readdir(dir)).filter((f) => f.endsWith('.json'))).toHaveLength(2); // one per source
    // An edited page replaces its old entry instead of adding to it.
    const d = await openDiskPageCache(dir, '/src/site');
    await build({ ...SITE, 'docs/guide.md': '# Edited\n' }, { cache: d });
    await d.save();
    const stored = await Promise.all((await readdir(dir)).map(async (f) => Object.keys(JSON.parse(await readFile(join(dir, f), 'utf8')).pages).length));
    expect(stored).toEqual([2, 2]);
  });
});

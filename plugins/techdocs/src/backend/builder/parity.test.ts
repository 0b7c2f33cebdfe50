import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { NavItem, TocItem } from '@atrium/plugin-techdocs/common';
import { buildSite, type BuiltSite } from './buildSite.js';
import { readLocalSource } from './localSource.js';

/**
 * Parity with MkDocs itself: the same source is built by `/usr/bin/mkdocs` (with a theme, ./parity,
 * whose pages are JSON of what MkDocs decided: title, URL, headings, nav) and by our builder, and the
 * page list, nav and heading ids/titles must match.
 */
const MKDOCS = '/usr/bin/mkdocs';
const THEME = join(import.meta.dirname, 'parity');
const run = promisify(execFile);
// What Backstage's techdocs-core turns on, limited to what Debian's pymdownx has; saneheaders makes
// Python-Markdown require the space after `#` as CommonMark does (`#946` is not a heading).
const EXTENSIONS = ['toc', 'admonition', 'attr_list', 'def_list', 'footnotes', 'abbr', 'tables', 'pymdownx.details',
  { 'pymdownx.tabbed': { alternate_style: true } }, 'pymdownx.superfences', 'pymdownx.tasklist', 'pymdownx.saneheaders'];

interface OraclePage { title: string; url: string; toc: TocItem[]; nav: OracleNav[] }
interface OracleNav { title: string; url?: string; link?: string; children?: OracleNav[] }

async function mkdocsOracle(sourceDir: string): Promise<Map<string, OraclePage>> {
  if (!existsSync(MKDOCS)) throw new Error(`${MKDOCS} is missing: run scripts/setup-test-env.sh (installs Debian's mkdocs) before these tests`);
  const work = await mkdtemp(join(tmpdir(), 'techdocs-parity-'));
  try {
    await cp(sourceDir, join(work, 'src'), { recursive: true });
    const configPath = ['mkdocs.yaml', 'mkdocs.yml'].map((n) => join(work, 'src', n)).find(existsSync)!;
    const config = parse(await readFile(configPath, 'utf8')) as Record<string, unknown>;
    Object.assign(config, { plugins: [], markdown_extensions: EXTENSIONS, theme: { name: null, custom_dir: THEME }, site_dir: join(work, 'site') });
    await writeFile(configPath, stringify(config));
    await run(MKDOCS, ['build', '-q', '-f', configPath], { cwd: join(work, 'src') });
    const pages = new Map<string, OraclePage>();
    for (const f of await readLocalSource(join(work, 'site'))) {
      if (!f.path.endsWith('index.html')) continue;
      const page = JSON.parse((await f.content()).toString('utf8')) as OraclePage;
      pages.set(page.url, page);
    }
    return pages;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// Whitespace is compared collapsed: the oracle theme's `striptags` folds it (a no-break space becomes a space).
const flatToc = (items: TocItem[]): Array<[string, string]> =>
  items.flatMap((t) => [[t.id, t.title.replace(/\s+/g, ' ').trim()] as [string, string], ...flatToc(t.children)]);
const ourNav = (items: NavItem[]): OracleNav[] => items.map((n) => ({
  title: n.title, ...(n.path !== undefined && { url: n.path }), ...(n.url && { link: n.url }), ...(n.children && { children: ourNav(n.children) }),
}));

/**
 * The one known difference from Debian's MkDocs 1.4: since MkDocs 1.5 (what Backstage's images run) a
 * page's title is its first h1 anywhere in the page; 1.4 only looked at the first line and otherwise used
 * the file name. Where that rule decides, the expected title is the first h1 MkDocs itself found.
 */
async function modernTitles(oracle: Map<string, OraclePage>, dir: string, site: BuiltSite): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const page of site.manifest.pages) {
    const expected = oracle.get(page.path);
    if (!expected) continue;
    const text = await readFile(join(dir, 'docs', page.source), 'utf8');
    const firstLine = text.split('\n').find((l) => l.trim()) ?? '';
    const firstH1 = expected.toc.find((t) => t.level === 1)?.title;
    titles.set(page.path, !firstLine.startsWith('# ') && firstH1 && !/^title:/m.test(text.slice(0, 200)) && expected.nav.length ? firstH1 : expected.title);
  }
  return titles;
}

/**
 * Pages where Python-Markdown departs from CommonMark (which this builder follows), with why. There,
 * every heading MkDocs found must still be found, with the same id; ours may have more.
 */
const COMMONMARK_DIVERGENCES: Record<string, string> = {
  'Guides/Migration-Guide-V5/': 'a closing ``` indented by one space ends the block in CommonMark; Python-Markdown reads on and swallows the next heading',
  'Reference/TypeScript/': 'fences inside list items end where CommonMark says; Python-Markdown swallows a heading, and names headings with `\\<` after its internal placeholders ("RawServer62")',
};

async function compare(oracle: Map<string, OraclePage>, site: BuiltSite, dir: string, explicitNav: boolean) {
  expect(site.manifest.pages.map((p) => p.path).sort()).toEqual([...oracle.keys()].sort());
  const titles = explicitNav ? new Map([...oracle].map(([u, p]) => [u, p.title])) : await modernTitles(oracle, dir, site);
  const retitle = (items: OracleNav[]): OracleNav[] => items.map((n) => ({
    ...n, ...(n.url !== undefined && titles.has(n.url) && { title: titles.get(n.url)! }), ...(n.children && { children: retitle(n.children) }),
  }));
  expect(ourNav(site.manifest.nav)).toEqual(retitle(oracle.values().next().value!.nav));
  for (const page of site.manifest.pages) {
    const expected = oracle.get(page.path)!;
    if (COMMONMARK_DIVERGENCES[page.path]) {
      expect(flatToc(page.toc).map(([id]) => id)).toEqual(expect.arrayContaining(flatToc(expected.toc).map(([id]) => id)));
      expect(page.title).toBe(titles.get(page.path));
      continue;
    }
    expect({ page: page.path, title: page.title, headings: flatToc(page.toc) })
      .toEqual({ page: page.path, title: titles.get(page.path), headings: flatToc(expected.toc) });
  }
}

describe('parity with mkdocs build', () => {
  const sites: Record<string, string> = {
    // Ours: explicit nav with sections, admonitions, tabs, code, tables, images, Mermaid.
    'the example playback-service docs': join(process.cwd(), 'apps/portal/examples/components/playback-service'),
  };
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'techdocs-sources-'));
    // Written by others: Fastify's own docs (41 pages shipped in its npm package), with a derived nav.
    const fastify = join(scratch, 'fastify');
    await cp(join(process.cwd(), 'node_modules/fastify/docs'), join(fastify, 'docs'), { recursive: true });
    await writeFile(join(fastify, 'mkdocs.yml'), 'site_name: Fastify\n');
    sites['Fastify\'s documentation (derived nav)'] = fastify;
    // `mkdocs new`'s skeleton, made by MkDocs itself.
    await run(MKDOCS, ['new', join(scratch, 'skeleton')]);
    sites['the mkdocs new skeleton'] = join(scratch, 'skeleton');
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  for (const name of ['the example playback-service docs', 'Fastify\'s documentation (derived nav)', 'the mkdocs new skeleton']) {
    // Two real builds (ours and Python's) of up to 41 pages: generous for a machine shared with other work.
    it(`builds ${name} with the same pages, nav, titles and heading ids as MkDocs`, { timeout: 120_000 }, async () => {
      const dir = sites[name]!;
      const [oracle, site] = await Promise.all([mkdocsOracle(dir), buildSite(await readLocalSource(dir), { etag: 'test' })]);
      expect(oracle.size).toBeGreaterThan(0);
      await compare(oracle, site, dir, site.manifest.nav.length > 0 && !name.includes('derived'));
    });
  }
});

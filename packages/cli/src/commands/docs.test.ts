import { lstat, mkdtemp, readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestBackend, type TestBackend } from '@atrium/backend/testing';
import { techdocsPlugin } from '@atrium/plugin-techdocs/backend';
import { main } from '../main.js';

/** `atrium docs build` and `atrium docs publish` against a real backend on PGlite. */
describe('atrium docs', () => {
  let dir: string;
  let t: TestBackend;
  let out: string[];
  const run = async (...args: string[]) => {
    out = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => { out.push(String(m)); });
    const err = vi.spyOn(console, 'error').mockImplementation((m: unknown) => { out.push(String(m)); });
    try { return await main(args); } finally { log.mockRestore(); err.mockRestore(); }
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atrium-docs-cli-'));
    // Where --no-cache builds keep the highlighter's patterns: not the home folder of whoever runs the tests.
    vi.stubEnv('XDG_CACHE_HOME', join(dir, 'xdg-cache'));
    await mkdir(join(dir, 'src/docs'), { recursive: true });
    await writeFile(join(dir, 'src/mkdocs.yml'), 'site_name: CLI docs\nnav:\n  - index.md\n  - Missing: missing.md\n');
    await writeFile(join(dir, 'src/docs/index.md'), '# CLI docs\n\nSee [the guide](guide.md).\n');
    t = await startTestBackend({ features: [techdocsPlugin], config: { techdocs: { builder: 'external' } } });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a static site folder and prints warnings as file:line', async () => {
    const cache = ['--cache', join(dir, 'cache')];
    expect(await run('docs', 'build', '--source', join(dir, 'src'), '--out', join(dir, 'site'), ...cache)).toBe(0);
    expect(out).toContain('mkdocs.yml:4: warning: nav entry "missing.md" points at a page that does not exist in the docs folder');
    expect(out).toContain('docs/index.md:3: warning: broken link: "guide.md" is not a file in the docs folder');
    expect(out.at(-1)).toMatch(/^✔ 1 pages built into .*site in \d+ ms \(2 warnings\)$/);
    expect(await readFile(join(dir, 'site/index.html'), 'utf8')).toContain('<h1 id="cli-docs">CLI docs');
    expect(JSON.parse(await readFile(join(dir, 'site/techdocs_metadata.json'), 'utf8'))).toMatchObject({ site_name: 'CLI docs' });
    // The next build takes the unchanged page from the cache and still reports its warnings.
    expect(await run('docs', 'build', '--source', join(dir, 'src'), '--out', join(dir, 'site'), '--strict', ...cache)).toBe(1);
    expect(out).toContain('docs/index.md:3: warning: broken link: "guide.md" is not a file in the docs folder');
    expect(out.at(-1)).toMatch(/^✔ 1 pages built into .*site in \d+ ms, 1 unchanged pages from the cache \(2 warnings\)$/);
    expect(await run('docs', 'build', '--source', join(dir, 'src'), '--out', join(dir, 'site2'), '--no-cache')).toBe(0);
    expect(out.at(-1)).toMatch(/^✔ 1 pages built into .*site2 in \d+ ms \(2 warnings\)$/);
    expect(await readFile(join(dir, 'site2/index.html'), 'utf8')).toBe(await readFile(join(dir, 'site/index.html'), 'utf8'));
  });

  it('leaves only the new site in --out: files of an older build go, links are not written through', async () => {
    const out = join(dir, 'reused');
    await mkdir(join(out, 'old/deep'), { recursive: true });
    await writeFile(join(out, 'old/deep/page.html'), 'stale');
    await writeFile(join(dir, 'outside.css'), 'keep me');
    await mkdir(join(out, 'assets'));
    await symlink(join(dir, 'outside.css'), join(out, 'assets/techdocs.css'));
    await mkdir(join(out, 'index.html')); // a folder where the site has a file
    expect(await run('docs', 'build', '--source', join(dir, 'src'), '--out', out, '--no-cache')).toBe(0);
    expect((await readdir(out, { recursive: true })).sort()).toEqual(['assets', 'assets/techdocs.css', 'index.html', 'search', 'search/search_index.json', 'techdocs_metadata.json', 'techdocs_site.json']);
    expect(await readFile(join(dir, 'outside.css'), 'utf8')).toBe('keep me');
    expect((await lstat(join(out, 'assets/techdocs.css'))).isFile()).toBe(true);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('<h1 id="cli-docs">CLI docs');
  });

  it('says clearly when the source has no mkdocs.yml', async () => {
    expect(await run('docs', 'build', '--source', dir)).toBe(1);
    expect(out).toEqual([`atrium: no mkdocs.yml in ${dir}: pass --source with the folder that holds mkdocs.yml and docs/`]);
  });

  it('publishes a build to a running portal, which serves it', async () => {
    const token = (await t.authHeader()).authorization!.replace('Bearer ', '');
    expect(await run('docs', 'publish', '--url', t.url, '--token', token, '--entity', 'component:default/cli-docs', '--site', join(dir, 'site'))).toBe(0);
    expect(out.at(-1)).toMatch(/^✔ published \d+ files for component:default\/cli-docs \(build [0-9a-f-]{36}\)$/);
    const page = await t.fetch('/api/techdocs/static/docs/default/component/cli-docs/index.html');
    expect(await page.text()).toContain('<h1 id="cli-docs">CLI docs');
    // Built on the fly from a source folder, too.
    expect(await run('docs', 'publish', '--url', t.url, '--token', token, '--entity', 'component:default/cli-docs', '--source', join(dir, 'src'))).toBe(0);
  });

  it('refuses to publish without valid credentials', async () => {
    expect(await run('docs', 'publish', '--url', t.url, '--token', 'not-a-token', '--entity', 'cli-docs', '--site', join(dir, 'site'))).toBe(1);
    expect(out.at(-1)).toMatch(/^atrium: publishing failed \(401\): /);
    expect(await run('docs', 'publish', '--url', t.url, '--entity', 'cli-docs')).toBe(1);
    expect(out.at(-1)).toBe('atrium: a token is required: pass --token or set ATRIUM_TOKEN');
  });
});

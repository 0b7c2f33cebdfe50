import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from './buildSite.js';
import { readLocalSource } from './localSource.js';
import { createRenderPool } from './renderPool.js';

// The pool runs the compiled worker (dist/), which the test run builds first (scripts/test.sh).
const contents = (site: BuiltSite) => Object.fromEntries(site.files.map((f) => [f.path, f.content.toString('utf8')]));

describe('rendering in worker threads', () => {
  // Every build split over the threads, however small: what a big site does.
  const pool = createRenderPool({ threads: 2, minPages: 1, splitChars: 1, idleTimeoutMs: 60_000 });
  afterAll(() => pool.close());

  it('builds the same site as rendering on the calling thread, warnings included', async () => {
    const dir = join(process.cwd(), 'apps/portal/examples/components/playback-service');
    const here = await buildSite(await readLocalSource(dir), { etag: 'e', now: () => 1 });
    const pooled = await buildSite(await readLocalSource(dir), { etag: 'e', now: () => 1, renderer: pool });
    expect(pool.threads).toBeGreaterThan(0);
    expect(pooled.manifest.pages.length).toBeGreaterThanOrEqual(15);
    expect(contents(pooled)).toEqual(contents(here));
    expect(pooled.warnings).toEqual(here.warnings);
  });

  it('builds two sites at once through the same threads', async () => {
    const dir = join(process.cwd(), 'apps/portal/examples/components/playback-service');
    const [a, b] = await Promise.all([1, 2].map(async () => buildSite(await readLocalSource(dir), { etag: 'e', now: () => 1, renderer: pool })));
    expect(contents(a!)).toEqual(contents(b!));
    expect(a!.manifest.pages.length).toBeGreaterThanOrEqual(15);
  });

  it('highlights in its threads a language the calling thread never loaded', async () => {
    const site = await buildSite([
      { path: 'mkdocs.yml', content: async () => Buffer.from('site_name: Elixir\n') },
      { path: 'docs/index.md', content: async () => Buffer.from('# Home\n\n```elixir\ndefmodule A do\n  def b, do: :ok\nend\n```\n') },
    ], { etag: 'e', renderer: pool });
    expect(site.files.find((f) => f.path === 'index.html')!.content.toString()).toContain('<span class="token keyword">defmodule</span> <span class="token module class-name">A</span>');
  });

  it('renders a site of ordinary size on one thread, and splits a big one over two', async () => {
    const dir = join(process.cwd(), 'apps/portal/examples/components/playback-service');
    const ordinary = createRenderPool({ threads: 2, minPages: 1 });
    const big = createRenderPool({ threads: 2, minPages: 1, splitChars: 1 });
    try {
      for (let i = 0; i < 2; i++) {
        await buildSite(await readLocalSource(dir), { etag: 'e', renderer: ordinary });
        await buildSite(await readLocalSource(dir), { etag: 'e', renderer: big });
      }
      // The first build of each starts one thread; only the big one's second build wakes another.
      expect(ordinary.threads).toBe(1);
      expect(big.threads).toBe(2);
    } finally {
      await Promise.all([ordinary.close(), big.close()]);
    }
  });

  it('renders small sites on the calling thread while no worker runs', async () => {
    const small = createRenderPool({ threads: 2 });
    try {
      const site = await buildSite([
        { path: 'mkdocs.yml', content: async () => Buffer.from('site_name: Small\n') },
        { path: 'docs/index.md', content: async () => Buffer.from('# Home\n\n```ts\nconst a = 1;\n```\n') },
      ], { etag: 'e', renderer: small });
      expect(site.manifest.pages.map((p) => p.title)).toEqual(['Home']);
      expect(small.threads).toBe(0);
    } finally {
      await small.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreServices, createBackendPlugin } from '@atrium/backend';
import { startGitServer, startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type GitServer, type TestBackend } from '@atrium/backend/testing';
import { catalogPlugin } from '@atrium/plugin-catalog/backend';
import { MISSING_OK_HEADER, type SearchIndex, type SiteStatus, type TechDocsMetadata } from '@atrium/plugin-techdocs/common';
import { buildSite } from './builder/index.js';
import { techdocsPlugin } from './plugin.js';

/** Records `techdocs.site.built` events, as another plugin (the search collator) would see them. */
const seen: unknown[] = [];
const probePlugin = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({ deps: { events: coreServices.events }, async init({ events }) { events.subscribe('techdocs.site.built', (e) => { seen.push(e.payload); }); } });
  },
});

const repoFiles = {
  'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
  'mkdocs.yml': 'site_name: Shop\nnav:\n  - Home: index.md\n  - Guide: guide.md\n  - Gone: gone.md\n',
  'docs/index.md': '# Shop\n\nWelcome. See the [guide](guide.md).\n\n## Install\n\nRun `make`.\n',
  'docs/guide.md': '# Guide\n\n<script>alert("x")</script>\n\nText.\n',
  'docs/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
};

async function sse(t: TestBackend, path: string): Promise<Array<{ event: string; data: unknown }>> {
  const text = await (await t.fetch(path, { headers: { accept: 'text/event-stream' } })).text();
  return text.split('\n\n').filter(Boolean).map((block) => {
    const event = /^event: (.*)$/m.exec(block)![1]!;
    return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as unknown };
  });
}

describe.each(TEST_DATABASE_CLIENTS)('the techdocs plugin on %s', (client) => {
  let t: TestBackend;
  let git: GitServer;
  const base = '/api/techdocs/static/docs/default/component/shop';

  beforeAll(async () => {
    seen.length = 0;
    git = await startGitServer();
    const repo = await git.createRepo('acme/shop', repoFiles);
    t = await startTestBackend({
      features: [catalogPlugin, techdocsPlugin, probePlugin],
      client,
      config: {
        integrations: { git: [{ host: new URL(git.url).host }] },
        catalog: { processingInterval: { hours: 1 }, locations: [{ type: 'url', target: `${repo.url}/blob/main/catalog-info.yaml` }] },
        techdocs: { checkInterval: 0 },
      },
    });
    await waitFor(async () => ((await t.fetch('/api/catalog/entities/by-name/component/default/shop')).ok ? true : undefined), { timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await t?.stop();
    await git?.close();
  });

  it('builds docs from the git repository on first read, streaming progress, and serves them with types and ETags', async () => {
    expect((await t.fetch(`${base}/search/search_index.json`)).status).toBe(404);
    const events = await sse(t, '/api/techdocs/sync/default/component/shop');
    expect(events.at(-1)).toEqual({ event: 'finish', data: { updated: true } });
    const logs = events.filter((e) => e.event === 'log').map((e) => e.data as string);
    expect(logs[0]).toMatch(/^Checking http:\/\/127\.0\.0\.1:\d+\/acme\/shop\/tree\/main$/);
    expect(logs).toContainEqual(expect.stringMatching(/^Building 5 source files at commit [0-9a-f]{12}$/));

    const page = await t.fetch(`${base}/guide/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('private, no-cache');
    expect(page.headers.get('content-security-policy')).toContain('sandbox');
    const html = await page.text();
    expect(html).toContain('<h1 id="guide">Guide');
    expect(html).not.toContain('<script');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await t.fetch(`${base}/guide/index.html`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const svg = await t.fetch(`${base}/logo.svg`);
    expect([svg.headers.get('content-type'), svg.headers.get('cache-control')]).toEqual(['image/svg+xml', 'private, max-age=300']);
    expect(seen).toContainEqual({ entityRef: 'component:default/shop', buildId: expect.any(String) });
  });

  it('answers the search index, Backstage metadata and the entity with its location', async () => {
    const index = (await (await t.fetch(`${base}/search/search_index.json`)).json()) as SearchIndex;
    expect(index.docs).toContainEqual({ location: '#install', title: 'Install', text: 'Run make .' });
    expect(index.docs.map((d) => d.location)).toEqual(['', '#install', 'guide/']);
    const meta = (await (await t.fetch('/api/techdocs/metadata/techdocs/default/component/shop')).json()) as TechDocsMetadata;
    expect(meta).toMatchObject({ site_name: 'Shop', site_description: '', etag: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(meta.files).toEqual(expect.arrayContaining(['index.html', 'guide/index.html', 'logo.svg', 'search/search_index.json']));
    const entity = (await (await t.fetch('/api/techdocs/metadata/entity/default/component/shop')).json()) as { locationMetadata: unknown };
    expect(entity.locationMetadata).toEqual({ type: 'dir', target: `${git.url}/acme/shop/tree/main` });
  });

  it('reports build warnings (a nav entry to a missing page, a removed script) with file and line', async () => {
    const status = (await (await t.fetch('/api/techdocs/status/default/component/shop')).json()) as SiteStatus;
    expect(status.current!.warnings).toEqual(expect.arrayContaining([
      { file: 'mkdocs.yml', line: 5, message: 'nav entry "gone.md" points at a page that does not exist in the docs folder' },
      { file: 'docs/guide.md', line: 3, message: 'raw HTML <script> removed (not allowed in docs)' },
    ]));
  });

  it('rebuilds only when the source changed, storing only the files that changed', async () => {
    expect((await sse(t, '/api/techdocs/sync/default/component/shop')).at(-1)).toEqual({ event: 'finish', data: { updated: false } });
    await git.commit('acme/shop', { 'docs/guide.md': '# Guide\n\nNew text.\n' });
    const events = await sse(t, '/api/techdocs/sync/default/component/shop');
    expect(events.at(-1)).toEqual({ event: 'finish', data: { updated: true } });
    // The guide page, the search index, the manifest and the metadata changed; the home page, CSS and SVG did not.
    expect(events.map((e) => e.data)).toContainEqual(expect.stringMatching(/^Stored the site \(4 new of 7 files\)$/));
    expect(await (await t.fetch(`${base}/guide/`)).text()).toContain('New text.');
  });

  it('rebuilds a site when the catalog announces its entity changed, without anyone reading it', async () => {
    await git.commit('acme/shop', {
      'docs/guide.md': '# Guide\n\nRebuilt on a catalog change.\n',
      'catalog-info.yaml': repoFiles['catalog-info.yaml'].replace('  name: shop\n', '  name: shop\n  description: The shop\n'),
    });
    const refreshed = await t.fetch('/api/catalog/refresh', { method: 'POST', body: JSON.stringify({ entityRef: 'component:default/shop' }), headers: { 'content-type': 'application/json' } });
    expect(refreshed.status).toBe(200);
    await waitFor(async () => (await (await t.fetch(`${base}/guide/`)).text()).includes('Rebuilt on a catalog change.'), { timeoutMs: 20_000 });
  });

  it('keeps the last good site online when a build fails, and tells the reader why', async () => {
    await git.commit('acme/shop', { 'mkdocs.yml': 'site_name: [unclosed\n' });
    const events = await sse(t, '/api/techdocs/sync/default/component/shop');
    expect(events.at(-1)).toEqual({ event: 'error', data: expect.stringMatching(/^mkdocs\.yml:\d+: invalid YAML/) });
    expect(await (await t.fetch(`${base}/guide/`)).text()).toContain('Rebuilt on a catalog change.');
    const status = (await (await t.fetch('/api/techdocs/status/default/component/shop')).json()) as SiteStatus;
    expect(status.lastFailure!.error).toMatch(/^mkdocs\.yml:\d+: invalid YAML/);
    expect(status.current).toBeDefined();
  });

  it('refuses paths that leave the site and unknown entities', async () => {
    for (const p of ['..%2F..%2Fetc%2Fpasswd', 'a/..%2F..%2Fsecret']) {
      const r = await t.fetch(`${base}/${p}`);
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/must stay inside the site/);
    }
    expect((await t.fetch('/api/techdocs/static/docs/default/component/nope/index.html')).status).toBe(404);
    // The reader asks before it knows whether a site or page exists: with the header, missing is an empty 204.
    const optional = await t.fetch('/api/techdocs/static/docs/default/component/nope/techdocs_site.json', { headers: { [MISSING_OK_HEADER]: 'empty' } });
    expect([optional.status, await optional.text()]).toEqual([204, '']);
    expect((await t.fetch(`${base}/no-such-page/`, { headers: { [MISSING_OK_HEADER]: 'empty' } })).status).toBe(204);
    expect((await t.fetch(`${base}/index.html`, { headers: { [MISSING_OK_HEADER]: 'empty' } })).status).toBe(200);
    // An entity the catalog has not read (yet) is reported, not recorded as a failed build: the next read retries.
    expect((await sse(t, '/api/techdocs/sync/default/component/nope')).at(-1)).toEqual({ event: 'error', data: expect.stringMatching(/is not in the catalog \(yet\)/) });
    expect(((await (await t.fetch('/api/techdocs/status/default/component/nope')).json()) as SiteStatus).lastFailure).toBeUndefined();
    expect((await fetch(`${t.url}${base}/index.html`)).status).toBe(401);
  });

  it('accepts a site built elsewhere, sanitising its pages and checking its paths', async () => {
    const site = await buildSite([
      { path: 'mkdocs.yml', content: async () => Buffer.from('site_name: Published\n') },
      { path: 'docs/index.md', content: async () => Buffer.from('# Published\n\n```ts\nconst a = 1;\n```\n') },
    ], { etag: 'ci-1' });
    const files = site.files.map((f) => ({ path: f.path, content: f.content.toString('base64') }));
    const evil = files.map((f) => f.path === 'index.html'
      ? { ...f, content: Buffer.from(Buffer.from(f.content, 'base64').toString().replace('<h1', '<img src=x onerror="alert(1)"><h1')).toString('base64') } : f);
    const post = (body: unknown) => t.fetch('/api/techdocs/publish/default/component/published', { method: 'POST', body: JSON.stringify(body) });
    const ok = await post({ etag: 'ci-1', commit: 'abcdef1', files: evil });
    expect(ok.status).toBe(201);
    const html = await (await t.fetch('/api/techdocs/static/docs/default/component/published/')).text();
    expect(html).toContain('<h1 id="published">');
    expect(html).not.toContain('onerror');
    // Highlighted code keeps its token classes (its colours are the reader's stylesheet).
    expect(html).toContain('<span class="token keyword">const</span>');
    const bad = await post({ etag: 'x', files: [{ path: '../../etc/passwd', content: 'eA==' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/files\[0\]\.path "\.\.\/\.\.\/etc\/passwd" is not allowed/);
    expect((await post({ etag: 'x', files: [{ path: 'index.html', content: 'eA==' }] })).status).toBe(400);
  });

  it('deletes the docs of an entity removed from the catalog', async () => {
    const entity = (await (await t.fetch('/api/catalog/entities/by-name/component/default/shop')).json()) as { metadata: { uid: string } };
    expect((await t.fetch(`${base}/index.html`)).status).toBe(200);
    expect((await t.fetch(`/api/catalog/entities/by-uid/${entity.metadata.uid}`, { method: 'DELETE' })).status).toBe(204);
    await waitFor(async () => ((await t.fetch(`${base}/index.html`)).status === 404 ? true : undefined), { timeoutMs: 20_000 });
    expect(((await (await t.fetch('/api/techdocs/status/default/component/shop')).json()) as SiteStatus).current).toBeUndefined();
    const sites = (await (await t.fetch('/api/techdocs/sites')).json()) as { items: Array<{ entityRef: string }> };
    expect(sites.items.map((s) => s.entityRef)).not.toContain('component:default/shop');
    // A site published for an entity that is still there is kept.
    expect(sites.items.map((s) => s.entityRef)).toContain('component:default/published');
  });
});

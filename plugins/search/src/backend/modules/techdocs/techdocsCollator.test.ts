import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreServices, createBackendPlugin, type EventsService, type JsonObject } from '@atrium/backend';
import { startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend } from '@atrium/backend/testing';
import { catalogPlugin } from '@atrium/plugin-catalog/backend';
import { toSearchParams, type SearchQuery, type SearchResultSet } from '@atrium/plugin-search/common';
import { searchPlugin } from '../../plugin.js';
import { techdocsCollatorModule } from './techdocsModule.js';
import { TECHDOCS_SITE_BUILT_TOPIC } from './techdocsCollator.js';

const run = promisify(execFile);

/** Builds a tiny site with Debian's MkDocs, so the collator reads a real `search_index.json`. */
async function buildSite(dir: string, runbook: string): Promise<string> {
  await mkdir(join(dir, 'docs'), { recursive: true });
  await writeFile(join(dir, 'mkdocs.yml'), 'site_name: Playback\nnav:\n  - Home: index.md\n  - Runbook: runbook.md\n');
  await writeFile(join(dir, 'docs/index.md'), '# Playback service\n\nStreams audio.\n\n## Getting started\n\nRun make dev.\n');
  await writeFile(join(dir, 'docs/runbook.md'), `# Runbook\n\n${runbook}\n\n## Restarting workers\n\nUse the **restart** button.\n`);
  await run('/usr/bin/mkdocs', ['build', '-q', '-f', join(dir, 'mkdocs.yml'), '-d', join(dir, 'site')]);
  return readFile(join(dir, 'site/search/search_index.json'), 'utf8');
}

const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: playback-service, title: Playback, annotations: { backstage.io/techdocs-ref: 'dir:.' } }
spec: { type: service, lifecycle: production, owner: group:default/team-audio }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: unbuilt-service, annotations: { backstage.io/techdocs-ref: 'dir:.' } }
spec: { type: service, lifecycle: production, owner: group:default/team-audio }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: no-docs-service, description: Streams audio too }
spec: { type: service, lifecycle: production, owner: group:default/team-audio }
`;

describe.each(TEST_DATABASE_CLIENTS)('techdocs collator against real MkDocs output on %s', (client) => {
  let t: TestBackend;
  let dir: string;
  let searchIndexJson = '';
  let events: EventsService | undefined;
  const requests: Array<{ path: string; authorization?: string }> = [];
  const search = async (q: Partial<SearchQuery>) => (await (await t.fetch(`/api/search/query?${toSearchParams(q)}`)).json()) as SearchResultSet;

  // Serves built sites the way TechDocs does, at /api/techdocs/static/docs/:namespace/:kind/:name/...
  const techdocsStand = createBackendPlugin({
    pluginId: 'techdocs',
    register(env) {
      env.registerInit({
        deps: { http: coreServices.http, e: coreServices.events },
        init({ http, e }) {
          events = e;
          http.register((app) => {
            app.get('/static/docs/*', async (request, reply) => {
              requests.push({ path: request.url, authorization: request.headers.authorization });
              if (request.url.endsWith('/default/component/playback-service/search/search_index.json')) {
                return reply.type('application/json').send(searchIndexJson);
              }
              return reply.code(404).send({ error: { name: 'NotFoundError', message: 'not built' } });
            });
          });
        },
      });
    },
  });

  const boot = (schedule: JsonObject) => startTestBackend({
    client,
    features: [catalogPlugin, searchPlugin, techdocsCollatorModule, techdocsStand],
    config: {
      catalog: { locations: [{ type: 'file', target: join(dir, 'catalog-info.yaml') }] },
      search: { collators: { techdocs: { schedule } } },
    },
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'search-techdocs-'));
    searchIndexJson = await buildSite(dir, 'When playback stalls, check the buffer.');
    await writeFile(join(dir, 'catalog-info.yaml'), catalogYaml);
    // Reindexes every second, so the first run after the catalog has read the file finds the sites.
    t = await boot({ frequency: { seconds: 1 }, initialDelay: 0 });
  });
  afterAll(async () => {
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('indexes each page and section of a built site with its entity, owner and heading path', async () => {
    const r = await waitFor(async () => {
      const x = await search({ term: 'restart', types: ['techdocs'] });
      return x.results.length ? x : undefined;
    }, { timeoutMs: 20_000 });
    const section = r.results.find((x) => x.document.location.endsWith('#restarting-workers'));
    expect(section?.document).toEqual({
      title: 'Restarting workers',
      text: 'Use the restart button.',
      location: '/docs/default/component/playback-service/runbook/#restarting-workers',
      path: 'Runbook › Restarting workers',
      entityRef: 'component:default/playback-service',
      entityTitle: 'Playback',
      kind: 'Component',
      namespace: 'default',
      name: 'playback-service',
      type: 'service',
      componentType: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-audio',
    });
    const home = await search({ term: 'getting started', types: ['techdocs'] });
    expect(home.results.map((x) => x.document.location)).toContain('/docs/default/component/playback-service/#getting-started');
    // A site that is not built yet (404) is skipped, not an error; it was asked for with a service token.
    expect(requests.some((q) => q.path.includes('/unbuilt-service/'))).toBe(true);
    expect(requests.every((q) => q.authorization?.startsWith('Bearer '))).toBe(true);
    expect(requests.some((q) => q.path.includes('no-docs-service'))).toBe(false);
    expect((await search({ term: 'audio', types: ['techdocs'] })).results.every((x) => x.document.name === 'playback-service')).toBe(true);
  });

  it('re-reads a site when TechDocs announces a build', async () => {
    await t.stop();
    // No scheduled reindex in this backend: only the event can bring the new text in.
    t = await boot({ frequency: { hours: 24 }, initialDelay: { hours: 24 } });
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/component/default/playback-service')).status === 200, { timeoutMs: 10_000 });
    expect((await search({ term: 'buffer', types: ['techdocs'] })).results).toEqual([]);
    searchIndexJson = await buildSite(dir, 'When playback stalls, drain the jitterbuffer first.');
    await events!.publish(TECHDOCS_SITE_BUILT_TOPIC, { entityRef: 'component:default/playback-service', buildId: 'b2' });
    const hit = await waitFor(async () => (await search({ term: 'jitterbuffer' })).results[0], { timeoutMs: 5_000 });
    expect(hit.document).toMatchObject({ path: 'Runbook', location: '/docs/default/component/playback-service/runbook/' });
    expect((await search({ term: 'buffer', types: ['techdocs'] })).results.map((x) => x.document.title)).not.toContain('Home');
  });
});

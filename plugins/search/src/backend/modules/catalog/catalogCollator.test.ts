import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreServices, createBackendPlugin, type EventsService } from '@atrium/backend';
import { startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend } from '@atrium/backend/testing';
import { CATALOG_ENTITY_CHANGED_TOPIC, catalogPlugin } from '@atrium/plugin-catalog/backend';
import { toSearchParams, type SearchQuery, type SearchResultSet } from '@atrium/plugin-search/common';
import { searchPlugin } from '../../plugin.js';
import { catalogCollatorModule } from './catalogModule.js';

const descriptors = (description: string, withBilling = true) => `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-audio, title: Audio team }
spec: { type: team, children: [], profile: { displayName: Audio People, email: audio@acme.test } }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: playback-service, description: ${description}, tags: [java] }
spec: { type: service, lifecycle: production, owner: team-audio }
${withBilling ? `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: billing-worker, title: Billing worker }
spec: { type: worker, lifecycle: experimental, owner: team-audio }` : ''}
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: new-service, title: Create a new service, description: A Node service with CI }
spec: { type: service, owner: team-audio, steps: [] }
`;

/** Hands the test the events service (to announce a deletion as the catalog would). */
let events: EventsService | undefined;
const eventsProbe = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({ deps: { e: coreServices.events }, init({ e }) { events = e; } });
  },
});

describe.each(TEST_DATABASE_CLIENTS)('catalog collator with a real catalog on %s', (client) => {
  let t: TestBackend;
  let dir: string;
  const search = async (q: Partial<SearchQuery>) => (await (await t.fetch(`/api/search/query?${toSearchParams(q)}`)).json()) as SearchResultSet;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'search-catalog-'));
    await writeFile(join(dir, 'catalog-info.yaml'), descriptors('Streams audio to listeners'));
    t = await startTestBackend({
      client,
      features: [catalogPlugin, searchPlugin, catalogCollatorModule, eventsProbe],
      config: {
        catalog: { locations: [{ type: 'file', target: join(dir, 'catalog-info.yaml') }], processingInterval: { seconds: 1 } },
        search: { collators: { catalog: { schedule: { frequency: { hours: 1 }, initialDelay: 0 } } } },
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('indexes every entity with Backstage\'s document fields, templates linked to the scaffolder', async () => {
    const r = await waitFor(async () => {
      const x = await search({ term: 'playback' });
      return x.results.length ? x : undefined;
    }, { timeoutMs: 20_000 });
    expect(r.results[0]).toMatchObject({
      type: 'software-catalog',
      document: {
        title: 'playback-service', text: 'Streams audio to listeners', location: '/catalog/default/component/playback-service',
        kind: 'Component', type: 'service', componentType: 'service', lifecycle: 'production', namespace: 'default',
        owner: 'group:default/team-audio', tags: ['java'], entityRef: 'component:default/playback-service',
      },
    });
    const template = await waitFor(async () => (await search({ term: 'create service', filters: { kind: 'Template' } })).results[0]);
    expect(template.document).toMatchObject({ title: 'Create a new service', templateLocation: '/create/templates/default/new-service' });
    const group = await waitFor(async () => (await search({ term: 'audio people' })).results.find((x) => x.document.kind === 'Group'));
    expect(group.document).toMatchObject({ title: 'Audio team', text: 'Audio People : audio@acme.test' });
  });

  it('finds a changed entity within 5 seconds, from the catalog\'s change events', async () => {
    await waitFor(async () => (await search({ term: 'billing' })).results.length > 0, { timeoutMs: 20_000 });
    const changedAt = Date.now();
    await writeFile(join(dir, 'catalog-info.yaml'), descriptors('Streams lossless flac audio'));
    const hit = await waitFor(async () => (await search({ term: 'lossless' })).results[0], { timeoutMs: 5_000, intervalMs: 50 });
    expect(hit.document.name).toBe('playback-service');
    expect(Date.now() - changedAt).toBeLessThan(5_000);
    expect((await search({ term: 'listeners' })).results).toEqual([]);
  });

  it('drops an entity that left the catalog once its ref is announced', async () => {
    await writeFile(join(dir, 'catalog-info.yaml'), descriptors('Streams lossless flac audio', false));
    // The catalog announces the refs it stitched; a removed entity is announced by the reindex
    // (or by an event naming it, whose re-read finds nothing).
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/component/default/billing-worker')).status === 404, { timeoutMs: 10_000 });
    await events!.publish(CATALOG_ENTITY_CHANGED_TOPIC, { entityRefs: ['component:default/billing-worker'] });
    await waitFor(async () => (await search({ term: 'billing' })).results.length === 0, { timeoutMs: 5_000, intervalMs: 50 });
    expect((await search({ term: 'playback' })).results).toHaveLength(1);
  });
});

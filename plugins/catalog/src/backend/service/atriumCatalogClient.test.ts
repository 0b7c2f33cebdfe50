import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { CatalogClient, CatalogClientError } from '../../common/index.js';
import { component, seedEntity, startCatalogTestBackend, type CatalogTestBackend } from './catalogTestBackend.js';

// Atrium's own client, which other plugins' backends use, against the real catalog API.
describe.each(TEST_DATABASE_CLIENTS)('CatalogClient (Atrium) on %s', (db) => {
  let t: CatalogTestBackend;
  let client: CatalogClient;

  beforeAll(async () => {
    t = await startCatalogTestBackend({ client: db });
    for (let i = 1; i <= 7; i++) {
      await seedEntity(t.catalog, component(`svc-${i}`, { type: i % 2 ? 'service' : 'website', owner: 'team-a' }, {
        annotations: i === 3 ? { 'backstage.io/techdocs-ref': 'dir:.' } : {},
      }));
    }
    const { authorization } = await t.authHeader();
    client = new CatalogClient({ baseUrl: async () => `${t.url}/api/catalog`, token: async () => authorization!.slice('Bearer '.length) });
  }, 60_000);
  afterAll(async () => { await t?.stop(); });

  it('reads one entity by ref, and undefined for a missing one', async () => {
    expect((await client.getEntityByRef('component:svc-2'))?.metadata.name).toBe('svc-2');
    expect(await client.getEntityByRef({ kind: 'Component', name: 'nope' })).toBeUndefined();
  });

  it('filters, projects and orders entities, including an exists filter', async () => {
    const { items } = await client.getEntities({
      filter: { kind: 'component', 'spec.type': 'service' }, fields: ['metadata.name'], order: { field: 'metadata.name', order: 'desc' },
    });
    expect(items).toEqual(['svc-7', 'svc-5', 'svc-3', 'svc-1'].map((name) => ({ metadata: { name } })));
    const documented = await client.getEntities({ filter: { 'metadata.annotations.backstage.io/techdocs-ref': true } });
    expect(documented.items.map((e) => e.metadata.name)).toEqual(['svc-3']);
  });

  it('streams every page of a query through cursors', async () => {
    const pages: string[][] = [];
    for await (const page of client.streamEntities({ filter: { kind: 'component' }, fields: ['metadata.name'], pageSize: 3 })) {
      pages.push(page.map((e) => e.metadata.name));
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(new Set(pages.flat()).size).toBe(7);
  });

  it('returns by-refs aligned with the request, and facets', async () => {
    const items = await client.getEntitiesByRefs(['component:default/svc-1', 'component:default/missing'], ['metadata.name']);
    expect(items).toEqual([{ metadata: { name: 'svc-1' } }, null]);
    const { facets } = await client.getEntityFacets(['spec.type']);
    expect(facets['spec.type']).toEqual(expect.arrayContaining([{ value: 'service', count: 4 }, { value: 'website', count: 3 }]));
  });

  it("throws the catalog's error message and status", async () => {
    const bad = await client.queryEntities({ cursor: 'not-a-cursor' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(CatalogClientError);
    expect(bad).toMatchObject({ status: 400, errorName: 'InputError' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@atrium/model';
import { component, seedEntity, startCatalogTestBackend, type CatalogTestBackend } from './catalogTestBackend.js';

const names = (items: Array<{ metadata: { name: string } } | undefined>) => items.map((e) => e?.metadata.name);
const owned = (name: string, owner: string, extra: Entity['relations'] = []): Entity => ({
  ...component(name, { type: 'service', owner }),
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }, ...extra],
});

// `relations.*` keys are answered from the relations table, not from search rows: filters, facets,
// order and full-text must behave as for any other key (case-insensitive keys and values).
describe.each(TEST_DATABASE_CLIENTS)('relation keys on %s', (db) => {
  let t: CatalogTestBackend;

  beforeAll(async () => {
    t = await startCatalogTestBackend({ client: db });
    const c = t.catalog;
    await seedEntity(c, owned('alpha', 'team-b', [{ type: 'consumesApi', targetRef: 'api:default/orders' }]));
    await seedEntity(c, owned('bravo', 'team-a'));
    await seedEntity(c, owned('charlie', 'team-a', [{ type: 'consumesApi', targetRef: 'api:default/orders' }, { type: 'consumesApi', targetRef: 'api:default/users' }]));
    await seedEntity(c, { ...component('delta', { type: 'service' }), relations: [] });
    // Seeded invisible (not stitched yet): its relations must not count.
    await seedEntity(c, owned('echo', 'team-a'), { visible: false });
  }, 60_000);
  afterAll(async () => t?.stop());

  it('filters by a relation, its absence, and either of two', async () => {
    expect(names((await t.client.getEntities({ filter: { 'relations.ownedBy': 'Group:Default/Team-A' } })).items)).toEqual(['bravo', 'charlie']);
    expect(names((await t.client.getEntities({ filter: { 'relations.consumesapi': CATALOG_FILTER_EXISTS } })).items)).toEqual(['alpha', 'charlie']);
    expect(names((await t.client.getEntities({ filter: [{ 'relations.ownedBy': 'group:default/team-b' }, { 'metadata.name': 'delta' }] })).items)).toEqual(['alpha', 'delta']);
    const { items } = await t.client.queryEntities({ query: { $not: { 'relations.ownedBy': 'group:default/team-a' } } } as never);
    expect(names(items)).toEqual(['alpha', 'delta']);
  });

  it('counts facets once per entity and value', async () => {
    const { facets } = await t.client.getEntityFacets({ facets: ['relations.ownedBy', 'relations.consumesApi'] });
    expect(facets['relations.ownedBy']).toEqual([{ value: 'group:default/team-a', count: 2 }, { value: 'group:default/team-b', count: 1 }]);
    expect(facets['relations.consumesApi']).toEqual([{ value: 'api:default/orders', count: 2 }, { value: 'api:default/users', count: 1 }]);
    const filtered = await t.client.getEntityFacets({ facets: ['relations.consumesApi'], filter: { 'relations.ownedBy': 'group:default/team-b' } });
    expect(filtered.facets['relations.consumesApi']).toEqual([{ value: 'api:default/orders', count: 1 }]);
  });

  it('orders by a relation, entities without one last', async () => {
    const { items } = await t.client.queryEntities({ orderFields: { field: 'relations.ownedBy', order: 'desc' } });
    // Ties go by ref, in the same direction.
    expect(names(items)).toEqual(['alpha', 'charlie', 'bravo', 'delta']);
    const legacy = await t.client.getEntities({ order: { field: 'relations.ownedBy', order: 'asc' } });
    expect(names(legacy.items)).toEqual(['bravo', 'charlie', 'alpha', 'delta']);
  });

  it('matches a full-text term in a relation, alone or with another field', async () => {
    const alone = await t.client.queryEntities({ fullTextFilter: { term: 'USERS', fields: ['relations.consumesApi'] } });
    expect(names(alone.items)).toEqual(['charlie']);
    const mixed = await t.client.queryEntities({ fullTextFilter: { term: 'delt', fields: ['metadata.name', 'relations.consumesApi'] } });
    expect(names(mixed.items)).toEqual(['delta']);
  });
});

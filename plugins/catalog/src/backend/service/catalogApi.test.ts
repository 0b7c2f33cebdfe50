import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@atrium/model';
import { locationEntityFor } from '../providers/locationEntity.js';
import { component, seedEntity, startCatalogTestBackend, type CatalogTestBackend } from './catalogTestBackend.js';

const names = (items: Array<{ metadata: { name: string } } | undefined | null>) => items.map((e) => e?.metadata.name ?? null);

describe.each(TEST_DATABASE_CLIENTS)("Backstage's CatalogClient against the catalog API on %s", (db) => {
  let t: CatalogTestBackend;
  let dir: string;
  let location: Entity;
  const origin = 'url:https://git.example.com/org/repo/blob/main/catalog-info.yaml';
  const services: Entity[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'catalog-api-'));
    t = await startCatalogTestBackend({ client: db, fileRoot: dir });
    const c = t.catalog;
    location = await seedEntity(c, locationEntityFor({ type: 'url', target: origin.slice(4) }), { provider: 'locations', locationKey: origin });
    await c.db.insertInto('locations').values({ type: 'url', target: origin.slice(4) }).execute();
    await seedEntity(c, { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-a' }, spec: { type: 'team', children: [] } }, { parentRef: 'location:default/' + location.metadata.name });
    for (let i = 1; i <= 25; i++) {
      const n = String(i).padStart(2, '0');
      services.push(await seedEntity(c, component(`svc-${n}`, { type: i % 2 ? 'service' : 'Website' }, {
        // Every third has no title, to page across null sort values.
        ...(i % 3 ? { title: `Title ${String(26 - i).padStart(2, '0')}` } : {}),
        ...(i <= 5 ? { tags: ['java'] } : {}),
        annotations: { 'backstage.io/managed-by-origin-location': origin },
      }), { parentRef: `location:default/${location.metadata.name}`, locationKey: origin }));
    }
    await seedEntity(c, component('broken', { owner: 7 }), { visible: false, parentRef: `location:default/${location.metadata.name}`, errors: [{ name: 'ValidationError', field: 'spec.owner', message: 'must be a string', url: 'https://git.example.com/x.yaml', line: 4 }] });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('getEntities filters (AND within, OR across), projects fields, orders and pages', async () => {
    const { items } = await t.client.getEntities({
      filter: [{ kind: 'component', 'spec.type': 'service' }, { kind: 'GROUP' }],
      fields: ['kind', 'metadata.name'],
      order: { field: 'metadata.name', order: 'desc' },
      offset: 1,
      limit: 4,
    });
    expect(items).toEqual([
      // offset 1 skips team-a, which sorts first descending
      { kind: 'Component', metadata: { name: 'svc-25' } },
      { kind: 'Component', metadata: { name: 'svc-23' } },
      { kind: 'Component', metadata: { name: 'svc-21' } },
      { kind: 'Component', metadata: { name: 'svc-19' } },
    ]);
    const tagged = await t.client.getEntities({ filter: { 'metadata.tags': 'JAVA', 'metadata.title': CATALOG_FILTER_EXISTS } });
    expect(names(tagged.items as never)).toEqual(['svc-01', 'svc-02', 'svc-04', 'svc-05']);
    expect((await t.client.getEntities()).items).toHaveLength(27);
    // Invisible (never valid) entities are not served.
    expect((await t.client.getEntities({ filter: { 'metadata.name': 'broken' } })).items).toEqual([]);
  });

  it('GET /entities announces the next page in a link header whose after cursor continues it', async () => {
    const first = await t.fetch('/api/catalog/entities?filter=kind=component&limit=10&fields=metadata.name');
    const link = first.headers.get('link');
    expect(link).toMatch(/^<\/api\/catalog\/entities\?.*after=.*>; rel="next"$/);
    const next = await t.fetch(link!.slice(1, link!.indexOf('>')));
    expect(names(await next.json())).toEqual(services.slice(10, 20).map((s) => s.metadata.name));
  });

  it('getEntitiesByRefs answers in request order with undefined for missing refs, projected', async () => {
    const { items } = await t.client.getEntitiesByRefs({ entityRefs: ['component:default/svc-03', 'component:default/nope', 'Component:default/SVC-01'], fields: ['metadata.name', 'spec.type'] });
    expect(items).toEqual([{ metadata: { name: 'svc-03' }, spec: { type: 'service' } }, undefined, { metadata: { name: 'svc-01' }, spec: { type: 'service' } }]);
  });

  it('queryEntities pages through everything by cursor, nulls last, and back again', async () => {
    const pages: string[][] = [];
    let res = await t.client.queryEntities({ filter: { kind: 'component' }, orderFields: { field: 'metadata.title', order: 'asc' }, limit: 7, fields: ['metadata'] });
    expect(res.totalItems).toBe(25);
    expect(res.pageInfo.prevCursor).toBeUndefined();
    const cursors: string[] = [];
    for (;;) {
      pages.push(names(res.items as never) as string[]);
      if (!res.pageInfo.nextCursor) break;
      cursors.push(res.pageInfo.nextCursor);
      res = await t.client.queryEntities({ cursor: res.pageInfo.nextCursor, limit: 7 });
      expect(res.totalItems).toBe(25);
    }
    const titled = services.filter((s) => s.metadata.title).sort((a, b) => a.metadata.title!.localeCompare(b.metadata.title!));
    const untitled = services.filter((s) => !s.metadata.title);
    expect(pages.flat()).toEqual([...titled, ...untitled].map((s) => s.metadata.name));
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 4]);
    // From the last page, prevCursor walks back to exactly the page before.
    const back = await t.client.queryEntities({ cursor: res.pageInfo.prevCursor!, limit: 7 });
    expect(names(back.items as never)).toEqual(pages[2]);
    const back2 = await t.client.queryEntities({ cursor: back.pageInfo.prevCursor!, limit: 7 });
    expect(names(back2.items as never)).toEqual(pages[1]);
  });

  it('queryEntities pages whole entities in ref order by cursor, back again, and from an offset', async () => {
    const all = services.map((s) => s.metadata.name);
    const pages: string[][] = [];
    let res = await t.client.queryEntities({ filter: { kind: 'component' }, limit: 10 });
    expect(res.pageInfo.prevCursor).toBeUndefined();
    for (;;) {
      expect(res.items.map((e) => e.metadata.uid)).toEqual(services.slice(pages.length * 10, pages.length * 10 + 10).map((s) => s.metadata.uid));
      pages.push(names(res.items) as string[]);
      if (!res.pageInfo.nextCursor) break;
      res = await t.client.queryEntities({ cursor: res.pageInfo.nextCursor, limit: 10 });
    }
    expect(pages).toEqual([all.slice(0, 10), all.slice(10, 20), all.slice(20)]);
    const back = await t.client.queryEntities({ cursor: res.pageInfo.prevCursor!, limit: 10 });
    expect(names(back.items)).toEqual(all.slice(10, 20));
    expect(back.pageInfo.nextCursor).toBeDefined();
    const first = await t.client.queryEntities({ cursor: back.pageInfo.prevCursor!, limit: 10 });
    expect(names(first.items)).toEqual(all.slice(0, 10));
    expect(first.pageInfo.prevCursor).toBeUndefined();
    const offset = await t.client.queryEntities({ filter: { kind: 'component' }, offset: 22, limit: 10 });
    expect(names(offset.items)).toEqual(all.slice(22));
    expect(offset.pageInfo.nextCursor).toBeUndefined();
    // A full-text term's few matches are found first, then paged in ref order.
    const term = await t.client.queryEntities({ filter: { kind: 'component' }, fullTextFilter: { term: 'SVC-1', fields: ['metadata.name'] }, limit: 4 });
    expect([term.totalItems, names(term.items)]).toEqual([10, ['svc-10', 'svc-11', 'svc-12', 'svc-13']]);
    const termNext = await t.client.queryEntities({ cursor: term.pageInfo.nextCursor!, limit: 4 });
    expect(names(termNext.items)).toEqual(['svc-14', 'svc-15', 'svc-16', 'svc-17']);
    expect(names((await t.client.queryEntities({ cursor: termNext.pageInfo.prevCursor!, limit: 4 })).items)).toEqual(['svc-10', 'svc-11', 'svc-12', 'svc-13']);
    const none = await t.client.queryEntities({ filter: { kind: 'nothing' }, limit: 10 });
    expect(none).toEqual({ items: [], totalItems: 0, pageInfo: {} });
  });

  it('queryEntities sorts descending and applies a case-insensitive full-text filter', async () => {
    const res = await t.client.queryEntities({
      filter: { kind: 'component' },
      orderFields: { field: 'metadata.name', order: 'desc' },
      fullTextFilter: { term: 'SVC-1', fields: ['metadata.name'] },
      limit: 100,
    });
    expect(names(res.items as never)).toEqual(['svc-19', 'svc-18', 'svc-17', 'svc-16', 'svc-15', 'svc-14', 'svc-13', 'svc-12', 'svc-11', 'svc-10']);
    expect(res.totalItems).toBe(10);
    expect(res.pageInfo).toEqual({});
    const streamed = [];
    for await (const page of t.client.streamEntities({ filter: { kind: 'component' }, pageSize: 10 })) streamed.push(...page);
    expect(streamed).toHaveLength(25);
  });

  it('getEntityByRef and getEntityAncestors follow the emitting Location up to the root', async () => {
    const svc = await t.client.getEntityByRef('component:default/svc-07');
    expect(svc?.metadata.uid).toBe(services[6]!.metadata.uid);
    expect(await t.client.getEntityByRef('component:default/missing')).toBeUndefined();
    const locRef = `location:default/${location.metadata.name}`;
    const ancestry = await t.client.getEntityAncestors({ entityRef: 'component:default/svc-07' });
    expect(ancestry.rootEntityRef).toBe('component:default/svc-07');
    expect(ancestry.items.map((i) => [i.entity.metadata.name, i.parentEntityRefs])).toEqual([['svc-07', [locRef]], [location.metadata.name, []]]);
  });

  it('getEntityFacets counts values as written, filtered', async () => {
    const { facets } = await t.client.getEntityFacets({ facets: ['kind', 'spec.type', 'metadata.tags'], filter: { kind: ['component', 'group'] } });
    expect(facets.kind).toEqual([{ value: 'Component', count: 25 }, { value: 'Group', count: 1 }]);
    expect(facets['spec.type']).toEqual([{ value: 'service', count: 13 }, { value: 'team', count: 1 }, { value: 'Website', count: 12 }]);
    expect(facets['metadata.tags']).toEqual([{ value: 'java', count: 5 }]);
  });

  it('refreshEntity schedules the entity and its ancestors now and wakes the engine', async () => {
    const before = t.wakes();
    await t.client.refreshEntity('component:default/svc-02');
    const due = await t.catalog.db.selectFrom('entities').select('ref').where('next_refresh_at', '<=', new Date()).execute();
    expect(due.map((r) => r.ref).sort()).toEqual(['component:default/svc-02', `location:default/${location.metadata.name}`]);
    expect(t.wakes()).toBe(before + 1);
    await expect(t.client.refreshEntity('component:default/missing')).rejects.toThrow(/404|No entity/);
  });

  it('removeEntityByUid deletes the entity and has its parent write its children again', async () => {
    const victim = services[24]!;
    await t.client.removeEntityByUid(victim.metadata.uid!);
    expect(await t.client.getEntityByRef('component:default/svc-25')).toBeUndefined();
    const parent = await t.catalog.db.selectFrom('entities').select('result_hash').where('ref', '=', `location:default/${location.metadata.name}`).executeTakeFirstOrThrow();
    expect(parent.result_hash).toBeNull();
    await t.client.removeEntityByUid('00000000-0000-4000-8000-000000000000'); // absent: still fine
    services.pop();
  });

  it('reads, registers (with dry run), finds and removes locations', async () => {
    const all = await t.client.getLocations();
    expect(all.items).toEqual([{ id: expect.any(String), type: 'url', target: origin.slice(4) }]);
    const seeded = all.items[0]!;
    expect(await t.client.getLocationById(seeded.id)).toEqual(seeded);
    expect(await t.client.getLocationById('11111111-1111-4111-8111-111111111111')).toBeUndefined();
    expect(await t.client.getLocationByRef(origin)).toEqual(seeded);
    expect(await t.client.getLocationByEntity('component:default/svc-04')).toEqual(seeded);

    const file = join(dir, 'catalog-info.yaml');
    await writeFile(file, 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: from-file\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-a\n');
    const dry = await t.client.addLocation({ type: 'file', target: file, dryRun: true });
    expect(dry.exists).toBe(false);
    expect(dry.entities.map((e) => `${e.kind}:${e.metadata.name}`)).toEqual([expect.stringMatching(/^Location:generated-[0-9a-f]{40}$/), 'Component:from-file']);
    expect((await t.client.getLocations()).items).toHaveLength(1);

    const added = await t.client.addLocation({ type: 'file', target: file });
    expect(added.location).toEqual({ id: expect.any(String), type: 'file', target: file });
    expect(t.wakes()).toBeGreaterThan(0);
    const locationRow = await t.catalog.db.selectFrom('entities').select(['ref', 'provider']).where('location_key', '=', `file:${file}`).executeTakeFirstOrThrow();
    expect(locationRow).toEqual({ ref: expect.stringMatching(/^location:default\/generated-/), provider: 'locations' });
    await expect(t.client.addLocation({ type: 'file', target: file })).rejects.toMatchObject({ response: { status: 409 } });
    expect((await t.client.addLocation({ type: 'file', target: file, dryRun: true })).exists).toBe(true);

    await t.client.removeLocationById(added.location.id);
    expect(await t.client.getLocationById(added.location.id)).toBeUndefined();
    expect(await t.catalog.db.selectFrom('entities').select('ref').where('location_key', '=', `file:${file}`).execute()).toEqual([]);
  });

  it('validateEntity reports validation errors', async () => {
    expect(await t.client.validateEntity(component('ok', { type: 'service' }) as never, 'url:https://example.com/x.yaml')).toEqual({ valid: true });
    const bad = await t.client.validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'Not valid!' }, spec: {} } as never, 'url:https://example.com/x.yaml');
    expect(bad.valid).toBe(false);
    expect((bad as { errors: Array<{ message: string }> }).errors.map((e) => e.message).join('\n')).toMatch(/metadata\.name/);
  });

  it('analyzeLocation lists existing descriptor files, or suggests a component to generate', async () => {
    const repo = join(dir, 'repo');
    const empty = await t.client.analyzeLocation({ location: { type: 'file', target: join(dir, 'nothing-here') } });
    expect(empty.existingEntityFiles).toEqual([]);
    expect(empty.generateEntities[0]).toMatchObject({ entity: { kind: 'Component', metadata: { name: 'nothing-here' } }, fields: [{ field: 'spec.owner', state: 'needsUserInput' }] });
    await import('node:fs/promises').then((fs) => fs.mkdir(repo)).then(() => writeFile(join(repo, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n'));
    const found = await t.client.analyzeLocation({ location: { type: 'file', target: repo } });
    expect(found.existingEntityFiles).toEqual([expect.objectContaining({ isRegistered: true, entity: expect.objectContaining({ kind: 'Group' }) })]);
    expect(found.generateEntities).toEqual([]);
  });

  it('queryEntities with a predicate query goes to POST /entities/by-query and pages with its cursors', async () => {
    await seedEntity(t.catalog, { ...component('owned-api', { type: 'openapi' }), kind: 'API', relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }] });
    const res = await t.client.queryEntities({
      query: { $all: [{ kind: 'component' }, { $any: [{ 'metadata.tags': { $contains: 'java' } }, { 'metadata.name': { $in: ['svc-20', 'SVC-21'] } }] }, { $not: { 'metadata.name': 'svc-02' } }] },
      orderFields: [{ field: 'metadata.name', order: 'asc' }],
      limit: 3,
    });
    expect(res.totalItems).toBe(6);
    const all = names(res.items as never);
    let cursor = res.pageInfo.nextCursor;
    expect(JSON.parse(Buffer.from(cursor!, 'base64url').toString())).toHaveProperty('query');
    while (cursor) {
      const next = await t.client.queryEntities({ cursor, limit: 3 });
      all.push(...names(next.items as never));
      cursor = next.pageInfo.nextCursor;
    }
    expect(all).toEqual(['svc-01', 'svc-03', 'svc-04', 'svc-05', 'svc-20', 'svc-21']);

    const prefixed = await t.client.queryEntities({ query: { 'metadata.name': { $hasPrefix: 'SVC-1' }, 'spec.type': { $exists: true } }, limit: 100, totalItems: 'exclude' } as never);
    expect(names(prefixed.items as never)).toHaveLength(10);
    expect(prefixed.totalItems).toBe(0);
    const owned = await t.client.queryEntities({ query: { relations: { $contains: { type: 'ownedBy', targetRef: { $in: ['GROUP:default/team-a'] } } } } });
    expect(names(owned.items as never)).toEqual(['owned-api']);
    const noTitle = await t.client.queryEntities({ query: { kind: 'component', 'metadata.title': { $exists: false } }, limit: 100 });
    expect(noTitle.totalItems).toBe(services.filter((s) => !s.metadata.title).length);

    const { facets } = await t.client.getEntityFacets({ facets: ['spec.type'], query: { kind: { $in: ['api', 'group'] } } });
    expect(facets['spec.type']).toEqual([{ value: 'openapi', count: 1 }, { value: 'team', count: 1 }]);
  });

  it('answers a malformed predicate with a 400 that says where it is wrong', async () => {
    const post = (path: string, body: unknown) => t.fetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const bad = await post('/api/catalog/entities/by-query', { query: { $all: [{ kind: 'component' }, { 'spec.type': { $regex: 'x' } }] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('Invalid query at query.$all[1].spec.type.$regex: unknown matcher; expected $exists, $in, $hasPrefix or $contains');
    const facets = await post('/api/catalog/entity-facets', { facets: [], query: {} });
    expect(facets.status).toBe(400);
  });

  it('queryLocations filters registered locations by predicate and pages; updateLocation repoints one', async () => {
    const fs = await import('node:fs/promises');
    // One after another: locations list in registration order.
    const files = [];
    for (const n of ['a', 'b', 'c']) {
      const file = join(dir, `loc-${n}.yaml`);
      await fs.writeFile(file, `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: loc-${n}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-a\n`);
      files.push((await t.client.addLocation({ type: 'file', target: file })).location);
    }
    const pages: string[][] = [];
    for await (const page of t.client.streamLocations({ query: { type: 'FILE' }, limit: 2 })) pages.push(page.map((l) => l.target));
    expect(pages).toEqual([[files[0]!.target, files[1]!.target], [files[2]!.target]]);
    const byTarget = await t.client.queryLocations({ query: { target: { $hasPrefix: files[1]!.target } } });
    expect(byTarget).toEqual({ items: [files[1]], totalItems: 1, pageInfo: {} });

    const oldEntity = await t.catalog.db.selectFrom('entities').select('ref').where('location_key', '=', `file:${files[0]!.target}`).executeTakeFirstOrThrow();
    const moved = await t.client.updateLocation(files[0]!.id, { type: 'file', target: join(dir, 'loc-moved.yaml') });
    expect(moved).toEqual({ id: files[0]!.id, type: 'file', target: join(dir, 'loc-moved.yaml') });
    expect(await t.client.getLocationById(files[0]!.id)).toEqual(moved);
    const refs = (await t.catalog.db.selectFrom('entities').select('ref').where('provider', '=', 'locations').execute()).map((r) => r.ref);
    expect(refs).not.toContain(oldEntity.ref);
    expect(await t.catalog.db.selectFrom('entities').select('ref').where('location_key', '=', `file:${join(dir, 'loc-moved.yaml')}`).execute()).toHaveLength(1);
    await expect(t.client.updateLocation(files[0]!.id, { type: 'file', target: files[1]!.target })).rejects.toMatchObject({ response: { status: 409 } });
    for (const l of files) await t.client.removeLocationById(l.id);
  });

  it('lists processing errors catalog-wide, including entities that never became visible', async () => {
    const res = await t.fetch('/api/catalog/entities/errors');
    const body = (await res.json()) as { items: Array<{ entityRef: string; visible: boolean; errors: unknown[] }> };
    expect(body.items).toEqual([expect.objectContaining({ entityRef: 'component:default/broken', visible: false, errors: [expect.objectContaining({ field: 'spec.owner', line: 4 })] })]);
  });

  it('serves pages of whole entities from its cache only while their etags stay the same', async () => {
    const seeded = await seedEntity(t.catalog, component('cached-one', { type: 'service' }, { description: 'first' }), { parentRef: `location:default/${location.metadata.name}` });
    const id = seeded.metadata.uid!;
    const page = async (query: string) => ((await (await t.fetch(`/api/catalog/entities/by-query?filter=metadata.name=cached-one${query}`)).json()) as { items: Entity[] }).items;
    try {
      expect((await page('')).map((e) => e.metadata.description)).toEqual(['first']);
      expect(t.texts.get(id, seeded.metadata.etag!)?.toString()).toBe(JSON.stringify(seeded));
      // Restitched: a new etag, so the cached bytes are not served, in ref order nor sorted by a field.
      const changed = { ...seeded, metadata: { ...seeded.metadata, description: 'second', etag: 'etag-second' } };
      await t.catalog.db.updateTable('final_entities').set({ final: JSON.stringify(changed), final_text: JSON.stringify(changed), etag: 'etag-second' }).where('id', '=', id).execute();
      expect((await page('')).map((e) => e.metadata.description)).toEqual(['second']);
      expect((await page('&orderField=metadata.name,asc')).map((e) => e.metadata.description)).toEqual(['second']);
      expect(t.texts.get(id, seeded.metadata.etag!)).toBeUndefined();
    } finally {
      await t.catalog.db.deleteFrom('search').where('entity_id', '=', id).execute();
      await t.catalog.db.deleteFrom('final_entities').where('id', '=', id).execute();
      await t.catalog.db.deleteFrom('entities').where('id', '=', id).execute();
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, createTestLogger, TEST_DATABASE_CLIENTS, type TestDatabase } from '@atrium/backend/testing';
import { catalogMigrations } from '../database/migrations.js';
import { upsertEmitted, removeStale, type CatalogDb, type DeferredEntity } from '../database/entityRows.js';
import { hashOf } from '../database/hash.js';
import { CatalogEngine } from './CatalogEngine.js';
import { writeSearchRows } from './searchRows.js';
import type { CatalogError, EntityProcessor } from './types.js';

/**
 * The engine's database mechanics with a deliberately small processor: an entity's `spec.owner` gives
 * ownedBy/ownerOf, a Location's `spec.emit` lists the entities it emits, and `spec.invalid` fails.
 * (The real processor — validation, placeholders, reading locations — is tested on its own.)
 */
const ref = (e: any) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase();
const testProcessor: EntityProcessor = async ({ ref: self, unprocessed }) => {
  const e = unprocessed as any;
  if (e.spec?.invalid) return { relations: [], errors: [{ name: 'ValidationError', field: 'spec.invalid', message: 'invalid on purpose' }] };
  // A processed form the database refuses (jsonb cannot hold U+0000): its batch's write fails.
  if (e.spec?.unwritable) return { entity: { ...e, spec: { text: 'a\u0000b' } }, relations: [], errors: [] };
  const relations = e.spec?.owner
    ? [{ source: self, type: 'ownedBy', target: `group:default/${e.spec.owner}` }, { source: `group:default/${e.spec.owner}`, type: 'ownerOf', target: self }]
    : [];
  const processed = { ...e, metadata: { namespace: 'default', ...e.metadata } };
  if (e.kind === 'Location' && e.spec.targets) {
    // Read target by target, as the real processor does: `'unreadable'` stands for a target that fails.
    const errors: CatalogError[] = [];
    const outcome = { readFailed: false, keepFrom: [] };
    const batches = (async function* () {
      for (const [i, target] of (e.spec.targets as Array<object[] | 'unreadable'>).entries()) {
        if (target === 'unreadable') {
          errors.push({ name: 'NotFoundError', message: `target ${i} could not be read` });
          outcome.readFailed = true;
          continue;
        }
        yield target.map((c) => ({ ref: ref(c), entity: c, locationKey: `url:${e.metadata.name}/${i}` }));
      }
    })();
    return { entity: processed, relations, errors, childStream: { batches, outcome } };
  }
  const children: DeferredEntity[] | undefined = e.kind === 'Location'
    ? (e.spec.emit as any[]).map((c) => ({ ref: ref(c), entity: c, locationKey: `url:${e.metadata.name}` }))
    : undefined;
  return { entity: processed, relations, errors: [], children };
};
const flatten = (e: any) => [
  { key: 'kind', value: String(e.kind).toLowerCase() },
  { key: 'metadata.name', value: String(e.metadata.name).toLowerCase() },
  ...(e.relations ?? []).map((r: any) => ({ key: `relations.${r.type.toLowerCase()}`, value: r.targetRef })),
];
const entity = (kind: string, name: string, spec: object = {}) => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name }, spec });
const location = (name: string, emit: object[]) => entity('Location', name, { emit });

async function addRoot(c: CatalogDb, root: object) {
  const r = ref(root);
  return upsertEmitted(c, { provider: 'test' }, [{ ref: r, entity: root, locationKey: 'test:config' }], new Map([[r, hashOf(root)]]));
}

describe.each(TEST_DATABASE_CLIENTS)('catalog engine on %s', (client) => {
  let database: TestDatabase;
  let c: CatalogDb;
  let engine: CatalogEngine;
  let changed: string[] = [];
  const final = async (r: string) => (await c.db.selectFrom('entities as e').leftJoin('final_entities as f', 'f.id', 'e.id').select(['f.final', 'e.errors', 'e.orphan']).where('e.ref', '=', r).executeTakeFirst()) as any;

  beforeAll(async () => {
    database = await createTestDatabase(client);
    const service = database.root.forPlugin('catalog');
    await service.migrate(catalogMigrations);
    c = { db: service.getClient(), schema: service.schema };
    engine = new CatalogEngine({ catalog: c, processor: testProcessor, flatten, logger: createTestLogger(), refreshIntervalSeconds: 3600, onStitched: (s) => void changed.push(...s.map((x) => x.ref)) });
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    changed = [];
    await sql`truncate ${sql.table(`${c.schema}.entities`)}, ${sql.table(`${c.schema}.final_entities`)}, ${sql.table(`${c.schema}.stitch_queue`)}, ${sql.table(`${c.schema}.search`)}, ${sql.table(`${c.schema}.relations`)} cascade`.execute(c.db);
  });

  it('reads a batch again within seconds when its results could not be written, not a whole interval later', async () => {
    await addRoot(c, entity('Component', 'unwritable', { unwritable: true }));
    await expect(engine.processOnce()).rejects.toThrow();
    const { rows } = await sql<{ seconds: number }>`select extract(epoch from next_refresh_at - now())::float8 as seconds
      from ${sql.table(`${c.schema}.entities`)} where ref = 'component:default/unwritable'`.execute(c.db);
    // The engine's interval is an hour; the retry comes after ten seconds.
    expect(rows[0]!.seconds).toBeGreaterThan(5);
    expect(rows[0]!.seconds).toBeLessThanOrEqual(10);
    expect(await engine.processOnce()).toBe(0);
  });

  it('stitches more batches than one at a time, with exactly the search rows of each final form', async () => {
    const n = 2500; // over two stitching batches, so both stitching statements run
    await addRoot(c, location('big', [
      ...['a', 'b', 'c'].map((g) => entity('Group', g)),
      ...Array.from({ length: n }, (_, i) => entity('Component', `svc-${i}`, { owner: ['a', 'b', 'c'][i % 3] })),
    ]));
    await engine.runUntilIdle();
    const count = async (where: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(`${c.schema}.search`)} where key = ${where}`.execute(c.db)).rows[0]!.n);
    expect(await count('kind')).toBe(n + 4);
    expect(await count('relations.ownedby')).toBe(n);
    expect(await count('relations.ownerof')).toBe(n);
    expect((await final('group:default/b')).final.relations).toHaveLength(Math.floor(n / 3));
    expect(new Set(changed).size).toBe(n + 4);

    // A batch's rows written late, after a newer stitch of its entity, leave the newer rows alone.
    const row = await c.db.selectFrom('final_entities').select(['id', 'final']).where('ref', '=', 'component:default/svc-7').executeTakeFirstOrThrow();
    const stale = { ...(row.final as any), metadata: { ...(row.final as any).metadata, etag: 'older' }, relations: [] };
    await writeSearchRows(c, [{ id: row.id, ref: 'component:default/svc-7', final: stale }], flatten);
    const rows = await c.db.selectFrom('search').select(['key', 'value']).where('entity_id', '=', row.id).orderBy('key').execute();
    expect(rows.map((r) => r.key)).toEqual(['kind', 'metadata.name', 'relations.ownedby']);
  });

  it('ingests a location tree and stitches both directions of each relation', async () => {
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a' }), entity('Group', 'team-a')]));
    await engine.runUntilIdle();
    const svc = await final('component:default/svc');
    expect(svc.final.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
    expect(svc.final.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(svc.final.metadata.etag).toMatch(/^[0-9a-f]{32}$/);
    const team = await final('group:default/team-a');
    expect(team.final.relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/svc' }]);
    expect(changed.sort()).toEqual(['component:default/svc', 'group:default/team-a', 'location:default/root']);
    const keys = await c.db.selectFrom('search').select(['key', 'value']).where('value', '=', 'group:default/team-a').execute();
    expect(keys).toEqual([{ key: 'relations.ownedby', value: 'group:default/team-a' }]);
  });

  it("processes a location's children in the batch that emits them; child locations wait for their own", async () => {
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a' }), entity('Group', 'team-a', { invalid: true }), location('nested', [entity('Component', 'deep')])]));
    expect(await engine.processOnce()).toBe(1); // the root
    expect(await engine.processOnce()).toBe(1); // root's children: only the nested Location is due
    const rows = await c.db.selectFrom('entities').select(['ref', 'processed', 'errors', 'result_hash']).where('ref', 'in', ['component:default/svc', 'group:default/team-a', 'location:default/nested']).orderBy('ref').execute();
    expect(rows.map((r) => [r.ref, r.processed !== null, (r.errors as unknown[]).length, r.result_hash !== null])).toEqual([
      ['component:default/svc', true, 0, true],
      ['group:default/team-a', false, 1, true],
      ['location:default/nested', true, 0, true],
    ]);
    const relations = await c.db.selectFrom('relations').select(['source_ref', 'type', 'target_ref']).where('source_ref', '=', 'component:default/svc').execute();
    expect(relations).toEqual([{ source_ref: 'component:default/svc', type: 'ownedBy', target_ref: 'group:default/team-a' }]);
    await engine.runUntilIdle();
    expect((await final('component:default/deep')).final.metadata.name).toBe('deep');
    expect((await final('group:default/team-a')).errors).toEqual([{ name: 'ValidationError', field: 'spec.invalid', message: 'invalid on purpose' }]);
  });

  it("keeps a child's new content when the child and its changed Location are processed in one batch", async () => {
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a' }), entity('Group', 'team-a'), entity('Group', 'team-b')]));
    await engine.runUntilIdle();
    // The file changed, and the child is due at the same time (a refresh of the file, or its own schedule).
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-b' }), entity('Group', 'team-a'), entity('Group', 'team-b')]));
    await c.db.updateTable('entities').set({ next_refresh_at: new Date(0), result_hash: null }).where('ref', '=', 'component:default/svc').execute();
    await engine.runUntilIdle();
    expect((await final('component:default/svc')).final.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-b' }]);
    expect((await final('group:default/team-a')).final.relations).toEqual([]);
  });

  it('writes a Location read for the first time target by target, and compares it with the last read afterwards', async () => {
    const targets = (...t: Array<object[] | 'unreadable'>) => entity('Location', 'streamed', { targets: t });
    await addRoot(c, location('root', [targets([entity('Component', 'svc-1', { owner: 'team-a' }), entity('Group', 'team-a')], 'unreadable', [entity('Component', 'svc-2')])]));
    await engine.runUntilIdle();
    // A target that fails does not hold back the others' entities; its error is the Location's.
    expect((await final('component:default/svc-1')).final.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
    expect((await final('group:default/team-a')).final.relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/svc-1' }]);
    expect((await final('component:default/svc-2')).final.metadata.name).toBe('svc-2');
    expect((await final('location:default/streamed')).errors).toEqual([{ name: 'NotFoundError', message: 'target 1 could not be read' }]);

    // Read again with every target readable and svc-2 gone: the result differs, svc-2 is removed.
    await addRoot(c, location('root', [targets([entity('Component', 'svc-1', { owner: 'team-a' }), entity('Group', 'team-a')])]));
    await engine.runUntilIdle();
    expect(await final('component:default/svc-2')).toBeUndefined();
    expect((await final('location:default/streamed')).errors).toEqual([]);

    // Unchanged: nothing is written or published. Unreadable: what it emitted stays.
    changed = [];
    await c.db.updateTable('entities').set({ next_refresh_at: new Date(0) }).execute();
    await engine.runUntilIdle();
    expect(changed).toEqual([]);
    await addRoot(c, location('root', [targets('unreadable')]));
    await engine.runUntilIdle();
    expect((await final('component:default/svc-1')).final.metadata.name).toBe('svc-1');
    expect((await final('location:default/streamed')).errors).toEqual([{ name: 'NotFoundError', message: 'target 0 could not be read' }]);
  });

  it('reprocessing unchanged sources changes nothing and publishes nothing', async () => {
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a' })]));
    await engine.runUntilIdle();
    changed = [];
    await c.db.updateTable('entities').set({ next_refresh_at: new Date(0) }).execute();
    await engine.runUntilIdle();
    expect(changed).toEqual([]);
  });

  it('moves a relation when the owner changes, restitching the old and the new owner', async () => {
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a' }), entity('Group', 'team-a'), entity('Group', 'team-b')]));
    await engine.runUntilIdle();
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-b' }), entity('Group', 'team-a'), entity('Group', 'team-b')]));
    await engine.runUntilIdle();
    expect((await final('group:default/team-a')).final.relations).toEqual([]);
    expect((await final('group:default/team-b')).final.relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/svc' }]);
  });

  it('deletes entities that disappear from their location, with what they emitted', async () => {
    const nested = location('nested', [entity('Component', 'deep')]);
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a' }), entity('Group', 'team-a'), nested]));
    await engine.runUntilIdle();
    expect(await final('component:default/deep')).toBeDefined();
    const searchRowsOf = async (name: string) => (await sql<{ n: string }>`select count(*) as n from ${sql.table(`${c.schema}.search`)} where key = 'metadata.name' and value = ${name}`.execute(c.db)).rows[0]!.n;
    expect(await searchRowsOf('deep')).toBe('1');
    await addRoot(c, location('root', [entity('Group', 'team-a')]));
    await engine.runUntilIdle();
    expect(await final('component:default/svc')).toBeUndefined();
    expect(await final('location:default/nested')).toBeUndefined();
    expect(await searchRowsOf('deep')).toBe('0');
    expect(await final('component:default/deep')).toBeUndefined();
    expect((await final('group:default/team-a')).final.relations).toEqual([]);
  });

  it('keeps a vanished entity marked as orphan when asked to', async () => {
    await addRoot(c, location('root', [entity('Component', 'svc')]));
    await engine.runUntilIdle();
    const stale = await removeStale(c, { provider: 'test' }, [], 'keep');
    expect(stale).toEqual(['location:default/root']);
    await engine.runUntilIdle();
    expect((await final('location:default/root')).final.metadata.annotations['backstage.io/orphan']).toBe('true');
  });

  it('reports a second location claiming an entity as a conflict and keeps the original', async () => {
    await addRoot(c, location('first', [entity('Component', 'svc', { owner: 'team-a' })]));
    await engine.runUntilIdle();
    await upsertEmitted(c, { provider: 'other' }, [{ ref: 'location:default/second', entity: location('second', [entity('Component', 'svc', { owner: 'team-b' })]), locationKey: 'test:other' }],
      new Map([['location:default/second', 'h']]));
    await engine.runUntilIdle();
    expect((await final('component:default/svc')).final.spec.owner).toBe('team-a');
    const second = await final('location:default/second');
    expect(second.errors[0]).toMatchObject({ name: 'ConflictError' });
    expect(second.errors[0].message).toContain('component:default/svc is already defined by url:first');
    expect(second.final.status.items[0]).toMatchObject({ type: 'backstage.io/catalog-processing', level: 'error' });
  });

  it('keeps the last valid version of an entity that becomes invalid, with the error', async () => {
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a' })]));
    await engine.runUntilIdle();
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'team-a', invalid: true })]));
    await engine.runUntilIdle();
    const svc = await final('component:default/svc');
    expect(svc.final.spec.invalid).toBeUndefined();
    expect(svc.errors).toEqual([{ name: 'ValidationError', field: 'spec.invalid', message: 'invalid on purpose' }]);
    expect(svc.final.status.items[0].message).toBe('invalid on purpose');
  });

  it('gives every final form its own etag, a kept older form with the same error included', async () => {
    const svc = (spec: object) => entity('Component', 'svc', { owner: 'team-a', ...spec });
    const etags: string[] = [];
    const lifecycles: unknown[] = [];
    // Valid, invalid (the first form kept), valid with new content, then invalid again with the very
    // same result as the first time: the form kept now is the second one, so the etag must differ.
    for (const spec of [{ lifecycle: 'one' }, { lifecycle: 'bad', invalid: true }, { lifecycle: 'two' }, { lifecycle: 'bad', invalid: true }]) {
      await addRoot(c, location('root', [svc(spec)]));
      await engine.runUntilIdle();
      const row = await final('component:default/svc');
      etags.push(row.final.metadata.etag);
      lifecycles.push(row.final.spec.lifecycle);
    }
    expect(lifecycles).toEqual(['one', 'one', 'two', 'two']);
    expect(new Set(etags).size).toBe(4);
  });
});

describe.each(TEST_DATABASE_CLIENTS)('dangling references on %s', (client) => {
  let database: TestDatabase;
  let c: CatalogDb;
  let engine: CatalogEngine;
  beforeAll(async () => {
    database = await createTestDatabase(client);
    const service = database.root.forPlugin('catalog');
    await service.migrate(catalogMigrations);
    c = { db: service.getClient(), schema: service.schema };
    engine = new CatalogEngine({ catalog: c, processor: testProcessor, flatten, logger: createTestLogger(), refreshIntervalSeconds: 3600 });
  });
  afterAll(() => database?.close());

  it('warns about a relation to a missing entity, and clears the warning when it arrives', async () => {
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'ghost-team' })]));
    await engine.runUntilIdle();
    const before = (await c.db.selectFrom('final_entities').select('final').where('ref', '=', 'component:default/svc').executeTakeFirstOrThrow()).final as any;
    expect(before.status.items).toEqual([expect.objectContaining({ level: 'warning', message: 'ownedBy group:default/ghost-team: no such entity in the catalog' })]);
    await addRoot(c, location('root', [entity('Component', 'svc', { owner: 'ghost-team' }), entity('Group', 'ghost-team')]));
    await engine.runUntilIdle();
    const after = (await c.db.selectFrom('final_entities').select('final').where('ref', '=', 'component:default/svc').executeTakeFirstOrThrow()).final as any;
    expect(after.status).toBeUndefined();
  });
});

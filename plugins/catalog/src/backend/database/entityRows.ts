import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CatalogTables } from './tables.js';
import { withAsyncCommit } from './asyncCommit.js';

/** The catalog's Kysely client (queries default to its schema) and the schema name for raw SQL. */
export interface CatalogDb {
  db: Kysely<CatalogTables>;
  schema: string;
  /** Told the refs of entities deleted from the catalog (the plugin publishes them as changes). */
  onRemoved?: (refs: string[]) => void;
}

/** A table of the catalog's schema, for raw SQL (the query builder adds the schema by itself). */
export function table(c: CatalogDb, name: keyof CatalogTables) {
  return sql.table(`${c.schema}.${name}`);
}

/** An entity as a provider or a Location emits it, before processing. */
export interface DeferredEntity {
  ref: string;
  entity: object;
  locationKey: string;
  position?: EntityPosition;
  /** Problems found while reading it; processing treats the entity as invalid while there are any. */
  ingestionErrors?: Array<{ name: string; message: string; field?: string; url?: string; line?: number; column?: number }>;
  /**
   * Set when the engine processed the entity in the batch that emitted it: the row is written already
   * processed and is not due again until its next refresh (instead of being claimed and rewritten).
   */
  result?: {
    processed: object | null;
    errors: object[];
    hash: string;
    refreshSeconds: number;
    /** The relations it originates, written with it when it is valid. */
    relations: Array<{ source: string; type: string; target: string }>;
  };
}

/** Where an entity was read, with the line of each field that has one (for error messages). */
export interface EntityPosition {
  url: string;
  line: number;
  column?: number;
  fields?: Record<string, number>;
}

export interface Conflict {
  ref: string;
  locationKey: string;
  existingLocationKey: string | null;
}

export type Owner = { provider: string } | { parentRef: string };

export interface UpsertResult {
  conflicts: Conflict[];
  /** Refs inserted or updated (content changed), with their ids. */
  written: Map<string, string>;
}

const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes emitted entities for one owner (a provider's bucket, or the Location that emitted them):
 * new refs are inserted, refs the owner already has are updated when their content changed, and a
 * ref that another owner already has is a conflict — the original stays. Returns the conflicts.
 */
export async function upsertEmitted(c: CatalogDb, owner: Owner, emitted: DeferredEntity[], hashes: Map<string, string>): Promise<UpsertResult> {
  const provider = 'provider' in owner ? owner.provider : null;
  const parentRef = 'parentRef' in owner ? owner.parentRef : null;
  const conflicts: Conflict[] = [];
  const writtenRefs = new Map<string, string>();
  for (const part of chunks(emitted)) {
    const rows = part.map((e) => ({
      // Time-ordered ids (RFC 9562 v7) for new rows: they land next to each other in every index keyed
      // by entity id (the search rows' especially), where random ids scattered inserts over the whole
      // index and made large ingestions slower per entity as the catalog grew. A conflict keeps the old id.
      id: uuidv7(),
      ref: e.ref,
      location_key: e.locationKey,
      unprocessed: e.entity,
      unprocessed_hash: hashes.get(e.ref)!,
      position: e.position ?? null,
      ingestion_errors: e.ingestionErrors ?? [],
      // Rows of one statement need the same columns: unprocessed rows take what a plain insert would.
      processed: e.result?.processed ?? null,
      errors: e.result?.errors ?? [],
      result_hash: e.result?.hash ?? null,
      refresh_seconds: e.result?.refreshSeconds ?? null,
    }));
    // The rows travel as one JSON parameter: a thousand rows of fourteen columns as parameters took
    // longer to encode, bind and plan than to insert.
    const { rows: written } = await withAsyncCommit(c, (t) => sql<{ ref: string; id: string }>`
      with written as (
      insert into ${table(c, 'entities')} as entities (id, ref, provider, parent_ref, location_key, unprocessed, unprocessed_hash, position,
        ingestion_errors, processed, errors, result_hash, next_refresh_at, processed_at)
      select r.id, r.ref, ${provider}::text, ${parentRef}::text, r.location_key, r.unprocessed, r.unprocessed_hash, r.position,
        r.ingestion_errors, r.processed, r.errors, r.result_hash,
        case when r.refresh_seconds is null then now() else now() + make_interval(secs => r.refresh_seconds * (0.9 + random() * 0.2)) end,
        case when r.refresh_seconds is null then null else now() end
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(id uuid, ref text, location_key text, unprocessed jsonb, unprocessed_hash text,
        position jsonb, ingestion_errors jsonb, processed jsonb, errors jsonb, result_hash text, refresh_seconds float8)
      -- Same owner and same file: take the new content (and schedule processing now) if it changed.
      on conflict (ref) do update set
        unprocessed = excluded.unprocessed, unprocessed_hash = excluded.unprocessed_hash, position = excluded.position,
        ingestion_errors = excluded.ingestion_errors,
        -- Processed in the emitting batch: take its result. Otherwise the row is due now, and keeps its
        -- last valid processed form, errors and result hash until it is processed again.
        processed = coalesce(excluded.processed, entities.processed),
        errors = case when excluded.result_hash is null then entities.errors else excluded.errors end,
        result_hash = coalesce(excluded.result_hash, entities.result_hash),
        next_refresh_at = excluded.next_refresh_at,
        processed_at = coalesce(excluded.processed_at, entities.processed_at),
        orphan = false,
        updated_at = now()
      where entities.provider is not distinct from excluded.provider
        and entities.parent_ref is not distinct from excluded.parent_ref
        and (entities.location_key is not distinct from excluded.location_key or entities.orphan)
        and (entities.unprocessed_hash <> excluded.unprocessed_hash or entities.orphan)
      returning entities.ref, entities.id, entities.processed is not null as processed
      ),
      -- Rows with a processed form are queued for stitching (the others are queued once processed).
      -- In id order, as every statement that queues entities does (see writeChildren).
      queued as (insert into ${table(c, 'stitch_queue')} (entity_id) select id from written where processed order by id on conflict do nothing)
      select ref, id from written`.execute(t.db));
    for (const w of written) writtenRefs.set(w.ref, w.id);
    if (written.length === rows.length) continue;
    // Not written: unchanged, or another owner's (a conflict).
    const keyOf = new Map(part.filter((p) => !writtenRefs.has(p.ref)).map((p) => [p.ref, p.locationKey]));
    const { rows: existing } = await sql<{ ref: string; provider: string | null; parent_ref: string | null; location_key: string | null }>`
      select ref, provider, parent_ref, location_key from ${table(c, 'entities')} where ref = any(${[...keyOf.keys()]}::text[])`.execute(c.db);
    for (const row of existing) {
      const locationKey = keyOf.get(row.ref)!;
      const mine = row.provider === provider && row.parent_ref === parentRef && row.location_key === locationKey;
      if (!mine) conflicts.push({ ref: row.ref, locationKey, existingLocationKey: row.location_key });
    }
  }
  return { conflicts, written: writtenRefs };
}

/**
 * Removes an owner's entities that it no longer emits, with everything they emitted in turn.
 * With `keep`, they stay and are marked orphaned instead. Returns the refs removed or orphaned.
 */
export async function removeStale(c: CatalogDb, owner: Owner, keepRefs: string[], strategy: 'delete' | 'keep', keepLocationKeys: string[] = []): Promise<string[]> {
  const column = sql.ref('provider' in owner ? 'provider' : 'parent_ref');
  const value = 'provider' in owner ? owner.provider : owner.parentRef;
  // One array parameter, not one per ref: a provider's bucket can hold 100,000 entities.
  const { rows } = await sql<{ ref: string }>`
    select ref from ${table(c, 'entities')} where ${column} = ${value} and not (ref = any(${keepRefs}::text[]))
      and (location_key is null or not (location_key = any(${keepLocationKeys}::text[])))`.execute(c.db);
  return removeEntities(c, rows.map((r) => r.ref), strategy);
}

/**
 * Removes these entities with everything they emitted, or with `keep` marks them orphaned. Returns
 * the refs removed or orphaned. Callers pass only refs of the owner they act for.
 */
export async function removeEntities(c: CatalogDb, refs: string[], strategy: 'delete' | 'keep'): Promise<string[]> {
  const { db } = c;
  if (refs.length === 0) return [];
  if (strategy === 'keep') {
    await sql`with marked as (
        update ${table(c, 'entities')} set orphan = true, updated_at = now() where ref = any(${refs}::text[]) returning id
      )
      insert into ${table(c, 'stitch_queue')} (entity_id) select id from marked order by id on conflict do nothing`.execute(db);
    return refs;
  }
  const { rows } = await sql<{ ref: string; id: string }>`
    with recursive subtree(ref, id) as (
      select ref, id from ${table(c, 'entities')} where ref = any(${refs})
      union
      select e.ref, e.id from ${table(c, 'entities')} e join subtree s on e.parent_ref = s.ref
    )
    select ref, id from subtree`.execute(db);
  // What the removed entities said about others (e.g. "ownerOf") disappears with them: restitch those.
  await markRelationTargetsForStitch(c, rows.map((r) => r.id));
  await deleteEntityRows(c, rows.map((r) => r.id));
  const removed = rows.map((r) => r.ref);
  c.onRemoved?.(removed);
  return removed;
}

/** Deletes entity rows with their final forms, search rows, queue entries and the relations they originate. */
export async function deleteEntityRows(c: CatalogDb, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // The entities first: a stitch holds a key-share lock on each entity it builds until it commits, so
  // this waits for one in flight, whose final form is then deleted below, and no later stitch finds
  // them. (Deleting the final forms first let a stitch that had read an entity write its final form
  // back afterwards: a deleted entity stayed visible.)
  await sql`delete from ${table(c, 'entities')} where id = any(${ids}::uuid[])`.execute(c.db);
  await sql`delete from ${table(c, 'stitch_queue')} where entity_id = any(${ids}::uuid[])`.execute(c.db);
  await sql`delete from ${table(c, 'final_entities')} where id = any(${ids}::uuid[])`.execute(c.db);
  await sql`delete from ${table(c, 'search')} where entity_id = any(${ids}::uuid[])`.execute(c.db);
  // After the entities: relation inserts lock their originating entities (replaceRelations), so one
  // that raced with this deletion has committed by now, and none can start.
  await sql`delete from ${table(c, 'relations')} where originating_id = any(${ids}::uuid[])`.execute(c.db);
}

/** Flags the targets of the relations that these entities originate, so their final form is rebuilt. */
export async function markRelationTargetsForStitch(c: CatalogDb, originatingIds: string[]): Promise<void> {
  if (originatingIds.length === 0) return;
  await sql`insert into ${table(c, 'stitch_queue')} (entity_id)
    select id from ${table(c, 'entities')}
    where ref in (select target_ref from ${table(c, 'relations')} where originating_id = any(${originatingIds}::uuid[]))
      -- Not the entities themselves (their inverse rows name them): they are being deleted.
      and not (id = any(${originatingIds}::uuid[]))
    order by id
    on conflict do nothing`.execute(c.db);
}

import { sql } from 'kysely';
import { hashOf, stableHashOf } from '../database/hash.js';
import { removeStale, table, upsertEmitted, type CatalogDb, type Conflict, type DeferredEntity } from '../database/entityRows.js';
import { withAsyncCommit } from '../database/asyncCommit.js';
import type { CatalogError, ClaimedEntity, ProcessingOutput, RelationRow } from './types.js';

export interface WriteOptions {
  orphanStrategy: 'delete' | 'keep';
  /**
   * Processes a chunk of a changed Location's children before they are written (see CatalogEngine),
   * so each is written once, processed. Chunk by chunk: a 100,000-entity Location never holds every
   * child's processed form at once.
   */
  prepareChildren?: (children: DeferredEntity[]) => Promise<DeferredEntity[]>;
}

const CHILD_CHUNK = 1000;

export interface WriteSummary {
  /** Relation rows written (the engine refreshes the table's visibility map after many). */
  relationRows: number;
}

/** What a processing result is compared by: an unchanged result is not written again. */
export function resultHashOf(output: ProcessingOutput, childHashes: Map<string, string> = new Map()): string {
  return stableHashOf({ e: output.entity ?? null, r: output.relations, x: output.errors, c: [...childHashes], k: output.keepFrom ?? [] });
}

/** A Location's child as the batch that emitted it processed it (see CatalogEngine). */
export function withResult(child: DeferredEntity, output: ProcessingOutput, refreshSeconds: number): DeferredEntity {
  return { ...child, result: { processed: output.entity ?? null, errors: output.errors, hash: resultHashOf(output), refreshSeconds, relations: output.relations } };
}

const CHUNK = 5000;

/** Chunks of a Location's children whose relations are written at once (see writeChildren). */
const RELATION_WRITERS = 2;

/**
 * Stores what processing produced for a batch, with a fixed handful of statements whatever its size.
 * Unchanged results (same hash as last time) cost nothing beyond the claim. Otherwise: a Location's
 * children (upserted, conflicts reported, stale ones removed), relations replaced (old and new ends
 * queued for stitching), and the processed entity (kept from last time when invalid) with its errors.
 */
export async function writeResults(c: CatalogDb, items: Array<{ claimed: ClaimedEntity; output: ProcessingOutput }>, options: WriteOptions): Promise<WriteSummary> {
  const summary: WriteSummary = { relationRows: 0 };
  const changed: Array<{ claimed: ClaimedEntity; output: ProcessingOutput; errors: CatalogError[]; hash: string }> = [];
  // Refs a Location of this batch just rewrote (new content, processed with it): results this batch
  // computed for them from their old content are stale and must not overwrite the new ones.
  const rewritten = new Set<string>();
  for (const item of items) {
    const { claimed } = item;
    let { output } = item;
    if (output.childStream && claimed.resultHash === null) {
      // Read for the first time (a first ingestion, a newly registered Location): nothing to compare
      // with, so its children are written target by target as they are read.
      const childHashes = new Map<string, string>();
      const written = await writeChildren(c, claimed.ref, output.childStream.batches, childHashes, options, rewritten, summary);
      const { readFailed, keepFrom } = output.childStream.outcome;
      // The result is hashed as a gathered one would be: children by their hashes, keepFrom only when read.
      output = { ...output, childStream: undefined, ...(readFailed ? {} : { keepFrom }) };
      const errors = [...output.errors, ...conflictErrors(written.conflicts)];
      if (!readFailed) await removeStale(c, { parentRef: claimed.ref }, written.refs, options.orphanStrategy, keepFrom);
      changed.push({ claimed, output, errors, hash: resultHashOf(output, readFailed ? new Map() : childHashes) });
      continue;
    }
    if (output.childStream) output = await collectChildren(output);
    const childHashes = new Map((output.children ?? []).map((ch) => [ch.ref, childHashOf(ch)]));
    const hash = resultHashOf(output, childHashes);
    if (hash === claimed.resultHash) continue;
    const errors = [...output.errors];
    if (output.children) {
      const written = await writeChildren(c, claimed.ref, [output.children], childHashes, options, rewritten, summary);
      errors.push(...conflictErrors(written.conflicts));
      await removeStale(c, { parentRef: claimed.ref }, written.refs, options.orphanStrategy, output.keepFrom ?? []);
    }
    changed.push({ claimed, output, errors, hash });
  }
  const current = changed.filter((x) => !rewritten.has(x.claimed.ref));
  summary.relationRows += await replaceRelationsOf(c, current.filter((x) => x.output.entity).map((x) => ({ id: x.claimed.id, relations: x.output.relations })));
  if (current.length === 0) return summary;

  const ids = current.map((x) => x.claimed.id);
  const processed = current.map((x) => (x.output.entity ? JSON.stringify(x.output.entity) : null));
  const errors = current.map((x) => JSON.stringify(x.errors));
  const hashes = current.map((x) => x.hash);
  const sources = current.map((x) => x.claimed.unprocessedHash);
  await withAsyncCommit(c, (t) => sql`
    with updated as (
      update ${table(c, 'entities')} e
      set processed = coalesce(v.processed::jsonb, e.processed), errors = v.errors::jsonb, result_hash = v.hash, updated_at = now()
      from unnest(${ids}::uuid[], ${processed}::text[], ${errors}::text[], ${hashes}::text[], ${sources}::text[]) as v(id, processed, errors, hash, source)
      -- Not over content that changed since the claim (another instance's Location rewrote it): that
      -- row is already processed from its new content, or due again.
      where e.id = v.id and e.unprocessed_hash = v.source
      returning e.id
    )
    insert into ${table(c, 'stitch_queue')} (entity_id) select id from updated order by id on conflict do nothing`.execute(t.db));
  return summary;
}

/** What a child's stored form is compared by (its content, read errors and field lines). */
const childHashOf = (ch: DeferredEntity) => hashOf({ e: ch.entity, x: ch.ingestionErrors ?? [], p: ch.position?.fields ?? null });

/** A streamed Location's output with its children gathered (when it has a result to compare with). */
async function collectChildren(output: ProcessingOutput): Promise<ProcessingOutput> {
  const children: DeferredEntity[] = [];
  for await (const batch of output.childStream!.batches) children.push(...batch);
  const { readFailed, keepFrom } = output.childStream!.outcome;
  return { ...output, childStream: undefined, ...(readFailed ? {} : { children, keepFrom }) };
}

function conflictErrors(conflicts: Conflict[]): CatalogError[] {
  return conflicts.map((conflict) => ({
    name: 'ConflictError',
    message: `${conflict.ref} is already defined by ${conflict.existingLocationKey ?? 'another location'}; the original stays and ${conflict.locationKey} is ignored for it`,
  }));
}

/** Batches of children in chunks of `size`, each child's hash recorded as it passes (unless known). */
async function* inChunks(batches: AsyncIterable<DeferredEntity[]> | Iterable<DeferredEntity[]>, size: number, hashes: Map<string, string>, record: boolean): AsyncGenerator<DeferredEntity[]> {
  let chunk: DeferredEntity[] = [];
  for await (const batch of batches) {
    for (const child of batch) {
      if (record) hashes.set(child.ref, childHashOf(child));
      chunk.push(child);
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Writes a Location's children a chunk at a time: each chunk is read (for a streamed Location),
 * processed (prepareChildren) and then upserted, and while the database writes one chunk the next is
 * read and processed (two cores, both busy). Returns every child's ref and the conflicts.
 */
async function writeChildren(c: CatalogDb, parentRef: string, batches: AsyncIterable<DeferredEntity[]> | Iterable<DeferredEntity[]>,
  hashes: Map<string, string>, options: WriteOptions, rewritten: Set<string>, summary: WriteSummary): Promise<{ refs: string[]; conflicts: Conflict[] }> {
  const refs: string[] = [];
  const conflicts: Conflict[] = [];
  // Streamed children are hashed as they arrive; gathered ones were hashed to compare the result.
  const source = inChunks(batches, CHILD_CHUNK, hashes, hashes.size === 0)[Symbol.asyncIterator]();
  const prepareNext = () => {
    const prepared = source.next().then((r) => (r.done ? undefined : options.prepareChildren ? options.prepareChildren(r.value) : r.value));
    prepared.catch(() => {}); // awaited below; a write failing first must not leave it unhandled
    return prepared;
  };
  let next = prepareNext();
  const relating: Array<Promise<void>> = [];
  try {
    for (;;) {
      const prepared = await next;
      if (!prepared) break;
      for (const child of prepared) refs.push(child.ref);
      const writing = upsertEmitted(c, { parentRef }, prepared, hashes);
      next = prepareNext();
      const upserted = await writing;
      conflicts.push(...upserted.conflicts);
      // Children processed here and written (new or changed) get their relations now too.
      const withRelations: Array<{ id: string; relations: RelationRow[] }> = [];
      for (const child of prepared) {
        const id = upserted.written.get(child.ref);
        if (id) rewritten.add(child.ref);
        if (id && child.result?.processed) withRelations.push({ id, relations: child.result.relations });
      }
      // A chunk's relations are written on other connections while the next chunks' entities are:
      // they only need this chunk's ids, and new entities are queued for stitching anyway. Inserting
      // relation rows was what a bulk ingestion waited on (25-35 µs a row, 14 rows per component), so
      // two chunks' run at once. Every statement queues entities in id order, so two of them waiting
      // for each other's queue rows wait in turn and never in a cycle.
      if (relating.length >= RELATION_WRITERS) await relating.shift();
      const writingRelations = replaceRelationsOf(c, withRelations).then((n) => { summary.relationRows += n; });
      writingRelations.catch(() => {}); // awaited below
      relating.push(writingRelations);
    }
  } finally {
    for (const writingRelations of relating) await writingRelations;
    // A failed write leaves the reading where it was: end it.
    await source.return?.(undefined);
  }
  return { refs, conflicts };
}

/** Returns how many relation rows it wrote. */
async function replaceRelationsOf(c: CatalogDb, entities: Array<{ id: string; relations: RelationRow[] }>): Promise<number> {
  if (entities.length === 0) return 0;
  return replaceRelations(c, entities.map((x) => x.id), entities.flatMap((x) => dedupe(x.relations).map((r) => ({ ...r, originating: x.id }))));
}

/** Replaces the relations these entities originate, and queues both ends of old and new rows for stitching. */
async function replaceRelations(c: CatalogDb, originatingIds: string[], rows: Array<RelationRow & { originating: string }>): Promise<number> {
  // Ids and refs are compared through `= any(array(select ...))`: the planner cannot see those values,
  // so each side stays an index lookup. With the values in sight it estimated from statistics that lag
  // far behind a bulk ingestion, and these statements had become scans of every relation and entity
  // (200 ms a batch at 100,000 entities, deleting nothing for new entities).
  await withAsyncCommit(c, (t) => sql`
    with old as (
      delete from ${table(c, 'relations')} where originating_id = any(array(select unnest(${originatingIds}::uuid[])))
      returning source_ref, target_ref
    )
    insert into ${table(c, 'stitch_queue')} (entity_id)
    select id from ${table(c, 'entities')} where ref = any(array(select source_ref from old union select target_ref from old))
    order by id
    on conflict do nothing`.execute(t.db));
  // Each chunk's rows travel as one JSON parameter (cheaper to encode than four text arrays), and
  // their ends are queued in the same statement.
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK).map((r) => ({ o: r.originating, s: r.source, t: r.type, g: r.target }));
    const owners = [...new Set(part.map((r) => r.o))];
    await withAsyncCommit(c, (t) => sql`
      with owners as (
        -- Rows only for entities that still exist, locked until this commits (a foreign key did this
        -- row by row, at twice the cost): deleteEntityRows removes relations after the entity.
        select id from ${table(c, 'entities')} where id = any(array(select unnest(${owners}::uuid[]))) for key share
      ),
      added as (
        insert into ${table(c, 'relations')} (originating_id, source_ref, type, target_ref)
        select r.o, r.s, r.t, r.g from json_to_recordset(${JSON.stringify(part)}::json) as r(o uuid, s text, t text, g text)
        join owners on owners.id = r.o
        returning source_ref, target_ref
      )
      insert into ${table(c, 'stitch_queue')} (entity_id)
      select id from ${table(c, 'entities')} where ref = any(array(select source_ref from added union select target_ref from added))
      order by id
      on conflict do nothing`.execute(t.db));
  }
  return rows.length;
}

function dedupe<T extends RelationRow>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.source}\n${r.type}\n${r.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}


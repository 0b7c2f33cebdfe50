import { flattenEntity, type Entity } from '@atrium/model';
import { sql } from 'kysely';
import { table, type CatalogDb } from '../database/entityRows.js';
import { withAsyncCommit } from '../database/asyncCommit.js';
import { FILTER_COLUMNS } from '../service/filterColumns.js';
import type { StitchedEntity } from './stitch.js';

export type Flatten = (entity: Record<string, unknown>) => Array<{ key: string; value: string | null; originalValue?: string | null }>;

/** Replaces the filter keys of freshly stitched entities (what `filter=` and facets query). */
export async function writeSearchRows(c: CatalogDb, stitched: StitchedEntity[], flatten: Flatten): Promise<void> {
  if (stitched.length === 0) return;
  const keysOf = stitched.map((s) => flatten(s.final));
  const etags = stitched.map((s) => String((s.final.metadata as { etag?: unknown } | undefined)?.etag ?? ''));
  // One transaction: a reader never sees an entity between its old rows and its new ones.
  await withAsyncCommit(c, async (t) => {
    // Batches are stitched and written two at a time (CatalogEngine), so an entity stitched again
    // meanwhile may have had its newer rows written already: rows are only written for the form an
    // entity still has, and that form is share-locked until they are. An entity a stitch holds locked
    // right now is skipped: that stitch writes its rows (and waiting for it could deadlock).
    const { rows: current } = await sql<{ id: string }>`select e.id
      from unnest(${stitched.map((s) => s.id)}::uuid[], ${etags}::text[]) as v(id, etag)
      join ${table(t, 'final_entities')} e on e.id = v.id and e.etag = v.etag
      for share of e skip locked`.execute(t.db);
    const live = current.length < stitched.length ? new Set(current.map((r) => r.id)) : undefined;
    const entityIds: string[] = [];
    const keys: string[] = [];
    const values: Array<string | null> = [];
    const originals: Array<string | null> = [];
    const replaced: string[] = [];
    stitched.forEach((s, i) => {
      if (live && !live.has(s.id)) return;
      // First stitches have no rows to replace (most of an ingestion); skipping them skips a costly delete.
      if (!s.created) replaced.push(s.id);
      for (const kv of keysOf[i]!) {
        entityIds.push(s.id);
        keys.push(kv.key);
        values.push(kv.value);
        // Only when it differs: most values are already lowercase, and nulls cost nothing.
        originals.push(kv.originalValue != null && kv.originalValue !== kv.value ? kv.originalValue : null);
      }
    });
    if (replaced.length > 0) await sql`delete from ${table(t, 'search')} where entity_id = any(${replaced}::uuid[])`.execute(t.db);
    // Three array parameters instead of three per row: one round trip per 20,000 rows, no SQL to build.
    for (let i = 0; i < keys.length; i += 20_000) {
      const end = i + 20_000;
      await sql`insert into ${table(t, 'search')} (entity_id, key, value, original_value)
        select * from unnest(${entityIds.slice(i, end)}::uuid[], ${keys.slice(i, end)}::text[], ${values.slice(i, end)}::text[], ${originals.slice(i, end)}::text[])`.execute(t.db);
    }
  });
}

/**
 * The model's flattening (Backstage's search-table rules) in the shape the table takes, without the
 * `relations.*` keys: those are answered from the relations table (service/keyRows.ts). Keys with a
 * column of their own (service/filterColumns.ts) are filtered, sorted and counted from the column; a
 * row is kept only to remember a spelling other than the lowercased value (facets show it), and
 * `kind` not at all (its spelling is read from the final entity, through the kind index). That is a
 * quarter fewer rows to write at every first stitch (measured: 18.3 rows per entity before, 13.x after).
 */
export const flattenForSearch: Flatten = (entity) => flattenEntity(entity as unknown as Entity).filter((kv) =>
  !kv.key.startsWith('relations.') && kv.key !== 'kind' && !(FILTER_COLUMNS[kv.key] && (kv.originalValue == null || kv.originalValue === kv.value)));

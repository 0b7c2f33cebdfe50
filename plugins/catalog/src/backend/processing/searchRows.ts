import { flattenEntity, type Entity } from '@atrium/model';
import { sql } from 'kysely';
import { table, type CatalogDb } from '../database/entityRows.js';
import type { StitchedEntity } from './stitch.js';

export type Flatten = (entity: Record<string, unknown>) => Array<{ key: string; value: string | null }>;

/** Replaces the filter keys of freshly stitched entities (what `filter=` and facets query). */
export async function writeSearchRows(c: CatalogDb, stitched: StitchedEntity[], flatten: Flatten): Promise<void> {
  if (stitched.length === 0) return;
  const ids = stitched.map((s) => s.id);
  await sql`delete from ${table(c, 'search')} where entity_id = any(${ids}::uuid[])`.execute(c.db);
  const entityIds: string[] = [];
  const keys: string[] = [];
  const values: Array<string | null> = [];
  for (const s of stitched) {
    for (const kv of flatten(s.final)) {
      entityIds.push(s.id);
      keys.push(kv.key);
      values.push(kv.value);
    }
  }
  // Three array parameters instead of three per row: one round trip per 20,000 rows, no SQL to build.
  for (let i = 0; i < keys.length; i += 20_000) {
    await sql`insert into ${table(c, 'search')} (entity_id, key, value)
      select * from unnest(${entityIds.slice(i, i + 20_000)}::uuid[], ${keys.slice(i, i + 20_000)}::text[], ${values.slice(i, i + 20_000)}::text[])`.execute(c.db);
  }
}

/** The model's flattening (Backstage's search-table rules) in the shape the table takes. */
export const flattenForSearch: Flatten = (entity) => flattenEntity(entity as unknown as Entity).map((r) => ({ key: r.key, value: r.value }));

import { flattenEntity, type Entity } from '@atrium/model';
import type { CatalogDb } from '../database/entityRows.js';
import type { StitchedEntity } from './stitch.js';

export type Flatten = (entity: Record<string, unknown>) => Array<{ key: string; value: string | null }>;

/** Replaces the filter keys of freshly stitched entities (what `filter=` and facets query). */
export async function writeSearchRows(c: CatalogDb, stitched: StitchedEntity[], flatten: Flatten): Promise<void> {
  if (stitched.length === 0) return;
  await c.db.deleteFrom('search').where('entity_id', 'in', stitched.map((s) => s.id)).execute();
  const rows = stitched.flatMap((s) => flatten(s.final).map((kv) => ({ entity_id: s.id, key: kv.key, value: kv.value })));
  for (let i = 0; i < rows.length; i += 2000) await c.db.insertInto('search').values(rows.slice(i, i + 2000)).execute();
}

/** The model's flattening (Backstage's search-table rules) in the shape the table takes. */
export const flattenForSearch: Flatten = (entity) => flattenEntity(entity as unknown as Entity).map((r) => ({ key: r.key, value: r.value }));

import { sql } from 'kysely';
import { table, type CatalogDb } from '../database/entityRows.js';
import { withAsyncCommit } from '../database/asyncCommit.js';
import type { ClaimedEntity } from './types.js';

/**
 * Claims up to `limit` entities due for processing and pushes their next refresh out by the interval
 * (±10% so refreshes spread out). SKIP LOCKED lets several instances claim disjoint batches.
 */
export async function claimDue(c: CatalogDb, limit: number, intervalSeconds: number): Promise<ClaimedEntity[]> {
  const { rows } = await withAsyncCommit(c, (t) => sql<{ id: string; ref: string; unprocessed: Record<string, unknown>; location_key: string | null; position: ClaimedEntity['position']; ingestion_errors: ClaimedEntity['ingestionErrors']; result_hash: string | null; unprocessed_hash: string }>`
    update ${table(c, 'entities')} set processed_at = now(), next_refresh_at = now() + make_interval(secs => ${intervalSeconds} * (0.9 + random() * 0.2))
    where id in (
      select id from ${table(c, 'entities')} where next_refresh_at <= now()
      order by next_refresh_at limit ${limit} for update skip locked
    )
    returning id, ref, unprocessed, unprocessed_hash, location_key, position, ingestion_errors, result_hash`.execute(t.db));
  return rows.map((r) => ({ id: r.id, ref: r.ref, unprocessed: r.unprocessed, locationKey: r.location_key, position: r.position, ingestionErrors: r.ingestion_errors ?? [], resultHash: r.result_hash, unprocessedHash: r.unprocessed_hash }));
}

/**
 * Makes entities due again after `seconds`: for a batch whose results could not be written, which the
 * claim had scheduled a whole interval out.
 */
export async function retrySoon(c: CatalogDb, ids: string[], seconds: number): Promise<void> {
  if (ids.length === 0) return;
  await sql`update ${table(c, 'entities')} set next_refresh_at = now() + make_interval(secs => ${seconds})
    where id = any(${ids}::uuid[])`.execute(c.db);
}

import { sql } from 'kysely';
import { hashOf } from '../database/hash.js';
import { markRelationTargetsForStitch, removeStale, upsertEmitted, type CatalogDb } from '../database/entityRows.js';
import type { CatalogError, ClaimedEntity, ProcessingOutput } from './types.js';

export interface WriteOptions {
  orphanStrategy: 'delete' | 'keep';
}

/**
 * Stores what processing produced. Unchanged results (same hash as last time) cost nothing more than
 * the claim. Otherwise: the processed entity (when valid), errors, relations (replaced, with both
 * old and new targets flagged for stitching), and a Location's children (upserted; stale ones removed).
 */
export async function writeResults(c: CatalogDb, items: Array<{ claimed: ClaimedEntity; output: ProcessingOutput }>, options: WriteOptions): Promise<void> {
  for (const { claimed, output } of items) {
    const childHashes = new Map((output.children ?? []).map((ch) => [ch.ref, hashOf({ e: ch.entity, x: ch.ingestionErrors ?? [], p: ch.position?.fields ?? null })]));
    const resultHash = hashOf({ e: output.entity ?? null, r: output.relations, x: output.errors, c: [...childHashes] });
    if (resultHash === claimed.resultHash) continue;

    const errors: CatalogError[] = [...output.errors];
    if (output.children) {
      const conflicts = await upsertEmitted(c, { parentRef: claimed.ref }, output.children, childHashes);
      for (const conflict of conflicts) {
        errors.push({
          name: 'ConflictError',
          message: `${conflict.ref} is already defined by ${conflict.existingLocationKey ?? 'another location'}; the original stays and ${conflict.locationKey} is ignored for it`,
        });
      }
      await removeStale(c, { parentRef: claimed.ref }, output.children.map((ch) => ch.ref), options.orphanStrategy);
    }

    if (output.entity) {
      await markRelationTargetsForStitch(c, [claimed.id]);
      await c.db.deleteFrom('relations').where('originating_id', '=', claimed.id).execute();
      const rows = dedupe(output.relations).map((r) => ({ originating_id: claimed.id, source_ref: r.source, type: r.type, target_ref: r.target }));
      for (let i = 0; i < rows.length; i += 1000) await c.db.insertInto('relations').values(rows.slice(i, i + 1000)).execute();
      const targets = [...new Set(rows.map((r) => r.target_ref).concat(rows.map((r) => r.source_ref)))];
      if (targets.length > 0) await c.db.updateTable('entities').set({ needs_stitch: true }).where('ref', 'in', targets).where('needs_stitch', '=', false).execute();
    }

    await c.db
      .updateTable('entities')
      .set({
        ...(output.entity ? { processed: JSON.stringify(output.entity) } : {}),
        errors: JSON.stringify(errors),
        result_hash: resultHash,
        needs_stitch: true,
        updated_at: sql`now()`,
      })
      .where('id', '=', claimed.id)
      .execute();
  }
}

function dedupe<T extends { source: string; type: string; target: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.source}\n${r.type}\n${r.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

import { stringifyEntityRef, type Entity } from '@atrium/model';
import { hashOf } from '../database/hash.js';
import { removeStale, upsertEmitted, type CatalogDb, type Conflict } from '../database/entityRows.js';

/**
 * Replaces everything a provider has in the catalog with `entities`: new and changed ones are written
 * (and processed soon), ones it no longer has are removed with what they emitted.
 */
export async function applyFullMutation(
  c: CatalogDb,
  provider: string,
  entities: Array<{ entity: Entity; locationKey: string }>,
  orphanStrategy: 'delete' | 'keep' = 'delete',
): Promise<{ conflicts: Conflict[]; removed: string[] }> {
  const emitted = entities.map(({ entity, locationKey }) => ({ ref: stringifyEntityRef(entity), entity, locationKey }));
  const hashes = new Map(emitted.map((e) => [e.ref, hashOf(e.entity)]));
  const { conflicts } = await upsertEmitted(c, { provider }, emitted, hashes);
  const removed = await removeStale(c, { provider }, emitted.map((e) => e.ref), orphanStrategy);
  return { conflicts, removed };
}

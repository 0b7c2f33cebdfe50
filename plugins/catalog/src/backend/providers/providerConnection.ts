import { sql } from 'kysely';
import { stringifyEntityRef } from '@atrium/model';
import { hashOf } from '../database/hash.js';
import { removeEntities, table, upsertEmitted, type CatalogDb } from '../database/entityRows.js';
import { applyFullMutation } from './applyFullMutation.js';
import type { EntityProvider, EntityProviderConnection } from './extensionPoint.js';

/** The connection a provider writes through: its mutations land in its own bucket, and wake the engine. */
export function createProviderConnection(c: CatalogDb, provider: EntityProvider, options: { orphanStrategy: 'delete' | 'keep'; wake(): void; warn(message: string): void }): EntityProviderConnection {
  const name = provider.getProviderName();
  const keyOf = (e: { locationKey?: string }) => e.locationKey ?? `provider:${name}`;
  return {
    async applyMutation(mutation) {
      if (mutation.type === 'full') {
        const { conflicts } = await applyFullMutation(c, name, mutation.entities.map((e) => ({ entity: e.entity, locationKey: keyOf(e) })), options.orphanStrategy);
        for (const x of conflicts) options.warn(`Provider ${name}: ${x.ref} is already defined by ${x.existingLocationKey}; the original stays`);
      } else {
        const added = mutation.added.map((e) => ({ ref: stringifyEntityRef(e.entity), entity: e.entity, locationKey: keyOf(e) }));
        const { conflicts } = await upsertEmitted(c, { provider: name }, added, new Map(added.map((a) => [a.ref, hashOf(a.entity)])));
        for (const x of conflicts) options.warn(`Provider ${name}: ${x.ref} is already defined by ${x.existingLocationKey}; the original stays`);
        const removedRefs = mutation.removed.map((r) => ('entityRef' in r ? r.entityRef.toLowerCase() : stringifyEntityRef(r.entity)));
        if (removedRefs.length > 0) {
          // Only refs in this provider's own bucket: a provider cannot remove another's entities.
          const { rows } = await sql<{ ref: string }>`select ref from ${table(c, 'entities')} where provider = ${name} and ref = any(${removedRefs}::text[])`.execute(c.db);
          await removeEntities(c, rows.map((r) => r.ref), options.orphanStrategy);
        }
      }
      options.wake();
    },
    async refresh({ locationKeys }) {
      if (locationKeys.length === 0) return;
      // Only the Location entities: reading them re-reads the files, and their children are processed with
      // what is read. Making the children due as well would process each of them twice.
      await sql`update ${table(c, 'entities')} set next_refresh_at = now()
        where location_key = any(${locationKeys}::text[]) and lower(unprocessed->>'kind') = 'location'`.execute(c.db);
      options.wake();
    },
  };
}

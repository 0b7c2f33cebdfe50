import { randomUUID } from 'node:crypto';
import { coreServices, createBackendPlugin, createLocalFileProvider, createUrlReaderFromProviders } from '@atrium/backend';
import { startTestBackend, type TestBackend, type TestDatabaseClient } from '@atrium/backend/testing';
import { CatalogClient } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@atrium/model';
import { catalogMigrations } from '../database/migrations.js';
import type { CatalogDb } from '../database/entityRows.js';
import { createCatalogRoutes } from './createCatalogRoutes.js';
import { EntityTextCache } from './entityTextCache.js';
import { flattenForSearch, writeSearchRows } from '../processing/searchRows.js';
import { writeFinalEntity } from '../processing/stitch.js';

/**
 * Test support (not part of the plugin): a backend with only the catalog's tables and REST API, no
 * processing engine, so tests seed final entities directly and see exactly what the API makes of them.
 */
export interface CatalogTestBackend extends TestBackend {
  catalog: CatalogDb;
  client: CatalogClient;
  wakes: () => number;
  /** The routes' cache of whole entities (small, so pages also read past it). */
  texts: EntityTextCache;
}

export async function startCatalogTestBackend(options: { client: TestDatabaseClient; readonly?: boolean; fileRoot?: string }): Promise<CatalogTestBackend> {
  let catalog: CatalogDb | undefined;
  let wakes = 0;
  const texts = new EntityTextCache(16 * 1024);
  const plugin = createBackendPlugin({
    pluginId: 'catalog',
    register(env) {
      env.registerInit({
        deps: { database: coreServices.database, http: coreServices.http, httpAuth: coreServices.httpAuth, logger: coreServices.logger },
        async init({ database, http, httpAuth, logger }) {
          await database.migrate(catalogMigrations);
          catalog = { db: database.getClient(), schema: database.schema };
          const reader = createUrlReaderFromProviders(options.fileRoot ? [createLocalFileProvider({ roots: [options.fileRoot] })] : [], logger);
          http.register(createCatalogRoutes({
            catalog,
            httpAuth,
            logger,
            engine: { wake: () => void wakes++ },
            texts,
            reader,
            allowedLocationTypes: ['url', 'file'],
            readonly: options.readonly ?? false,
          }));
        },
      });
    },
  });
  const t = await startTestBackend({ features: [plugin], client: options.client });
  const { authorization } = await t.authHeader();
  const client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => `${t.url}/api/catalog` },
    fetchApi: { fetch: (u, init) => fetch(u, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: authorization! } }) },
  });
  return Object.assign(t, { catalog: catalog!, client, wakes: () => wakes, texts });
}

/** Writes an entity as the engine would once stitched: final JSON with uid/etag, its search rows and relations. */
export async function seedEntity(
  c: CatalogDb,
  entity: Entity,
  options: { parentRef?: string; provider?: string; errors?: object[]; visible?: boolean; locationKey?: string } = {},
): Promise<Entity> {
  const id = randomUUID();
  const ref = stringifyEntityRef(entity);
  const final: Entity = { ...entity, metadata: { namespace: 'default', ...entity.metadata, uid: id, etag: `etag-${id.slice(0, 8)}` } };
  const visible = options.visible ?? true;
  await c.db.insertInto('entities').values({
    id,
    ref,
    provider: options.parentRef ? null : (options.provider ?? 'test'),
    parent_ref: options.parentRef ?? null,
    location_key: options.locationKey ?? null,
    unprocessed: JSON.stringify(entity),
    unprocessed_hash: id,
    processed: visible ? JSON.stringify(final) : null,
    errors: JSON.stringify(options.errors ?? []),
    next_refresh_at: '2999-01-01T00:00:00Z',
  }).execute();
  if (visible) {
    // The engine's own writer, so seeded rows are exactly what stitching would write.
    await writeFinalEntity(c, id, ref, final);
    await writeSearchRows(c, [{ id, ref: stringifyEntityRef(final), final: final as unknown as Record<string, unknown> }], flattenForSearch);
    // Relations the entity states, where `relations.*` filters and facets read them (processing
    // writes canonical, lowercased refs).
    const relations = (final.relations ?? []).map((r) => ({ originating_id: id, source_ref: ref, type: r.type, target_ref: r.targetRef.toLowerCase() }));
    if (relations.length > 0) await c.db.insertInto('relations').values(relations).execute();
  }
  return final;
}

export function component(name: string, spec: Record<string, unknown>, metadata: Partial<Entity['metadata']> = {}): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name, ...metadata }, spec: { lifecycle: 'production', owner: 'team-a', ...spec } };
}

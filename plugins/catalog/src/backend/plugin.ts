import { isAbsolute, resolve } from 'node:path';
import { coreServices, createBackendPlugin, parseHumanDuration } from '@atrium/backend';
import { createEntityValidator } from '@atrium/model';
import { catalogConfigSchema, readCatalogSettings } from './config.js';
import { catalogMigrations } from './database/migrations.js';
import type { CatalogDb } from './database/entityRows.js';
import { CatalogEngine } from './processing/CatalogEngine.js';
import { createDescriptorParser } from './ingestion/parseThread.js';
import { createEntityProcessor } from './processing/entityProcessor.js';
import { createKindPolicy, type KindRule } from './processing/kindRules.js';
import { flattenForSearch } from './processing/searchRows.js';
import { applyFullMutation } from './providers/applyFullMutation.js';
import { locationEntityFor } from './providers/locationEntity.js';
import { trustedRootOf, withTrustedRoots } from './providers/trustedReader.js';
import { createCatalogRoutes } from './service/index.js';
import { AggregateCache } from './service/aggregateCache.js';
import { EntityTextCache } from './service/entityTextCache.js';
import { eventStreamRoutes } from './service/eventStreamRoutes.js';
import { catalogProcessingExtensionPoint, type EntityProvider } from './providers/extensionPoint.js';
import { createProviderConnection } from './providers/providerConnection.js';

/**
 * Published with the refs of entities whose final form changed, `{ entityRefs }`, and of entities
 * deleted, `{ entityRefs, removed: true }` (UI live updates, search indexing): consumers look the refs
 * up again and find each one changed or gone.
 */
export const CATALOG_ENTITY_CHANGED_TOPIC = 'catalog.entity.changed';

/**
 * The software catalog: reads locations from config and registrations, processes and stitches their
 * entities in the background on every instance, and serves Backstage's catalog API at /api/catalog.
 */
export const catalogPlugin = createBackendPlugin({
  pluginId: 'catalog',
  configSchema: catalogConfigSchema,
  register(env) {
    const providers: EntityProvider[] = [];
    env.registerExtensionPoint(catalogProcessingExtensionPoint, {
      addEntityProvider: (...added) => void providers.push(...added),
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        reader: coreServices.urlReader,
        http: coreServices.http,
        httpAuth: coreServices.httpAuth,
        events: coreServices.events,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, database, reader, http, httpAuth, events, lifecycle }) {
        const settings = readCatalogSettings(config, parseHumanDuration);
        await database.migrate(catalogMigrations);
        // Deleted entities are announced like changed ones: a consumer that looks them up finds them gone.
        const announceRemoved = (refs: string[]) => {
          for (let i = 0; i < refs.length; i += 1000) {
            events.publish(CATALOG_ENTITY_CHANGED_TOPIC, { entityRefs: refs.slice(i, i + 1000), removed: true })
              .catch((e: unknown) => logger.warn(`Could not announce removed entities: ${(e as Error).message}`));
          }
        };
        const catalog: CatalogDb = { db: database.getClient(), schema: database.schema, onRemoved: announceRemoved };

        // Config file locations are trusted (see trustedReader.ts); relative ones resolve against the working directory.
        const configLocations = settings.locations.map((l) => ({
          ...l,
          target: l.type === 'file' && !isAbsolute(l.target) && !l.target.startsWith('file:') ? resolve(l.target) : l.target,
        }));
        const trustedReader = withTrustedRoots(reader, configLocations.filter((l) => l.type === 'file').map((l) => trustedRootOf(l.target)));
        const perLocationRules = new Map<string, KindRule[]>(configLocations.filter((l) => l.rules).map((l) => [`${l.type}:${l.target}`, l.rules as KindRule[]]));

        const parser = createDescriptorParser();
        const engine = new CatalogEngine({
          catalog,
          logger,
          processor: createEntityProcessor({
            reader: trustedReader,
            logger,
            parser,
            validator: createEntityValidator(),
            kinds: createKindPolicy(settings.rules, perLocationRules),
          }),
          flatten: flattenForSearch,
          // Not on a schedule (processingInterval: false): only on demand, so "next" is far away.
          refreshIntervalSeconds: settings.refreshIntervalSeconds ?? 100 * 365 * 24 * 3600,
          orphanStrategy: settings.orphanStrategy,
          onStitched: (stitched) => events.publish(CATALOG_ENTITY_CHANGED_TOPIC, { entityRefs: stitched.map((s) => s.ref) }),
        });

        const { conflicts } = await applyFullMutation(
          catalog,
          'config',
          configLocations.map((l) => ({ entity: locationEntityFor(l), locationKey: `${l.type}:${l.target}` })),
          settings.orphanStrategy,
        );
        for (const c of conflicts) logger.warn(`Config location ${c.locationKey} conflicts with ${c.existingLocationKey}`);

        // Facet counts and totals are reused for a moment; any change, on any instance, drops them.
        const aggregates = new AggregateCache({ ttlMs: settings.aggregateCacheTtlMs });
        events.subscribe(CATALOG_ENTITY_CHANGED_TOPIC, () => aggregates.invalidate());
        http.register(createCatalogRoutes({
          catalog,
          httpAuth,
          logger,
          engine,
          aggregates,
          texts: new EntityTextCache(settings.entityCacheBytes),
          reader: trustedReader,
          allowedLocationTypes: settings.allowedLocationTypes,
          readonly: settings.readonly,
        }));
        http.register(eventStreamRoutes({ httpAuth, events, topic: CATALOG_ENTITY_CHANGED_TOPIC }));
        lifecycle.addStartupHook(async () => {
          engine.start();
          for (const provider of providers) {
            const connection = createProviderConnection(catalog, provider, {
              orphanStrategy: settings.orphanStrategy,
              wake: () => engine.wake(),
              warn: (m) => logger.warn(m),
            });
            await provider.connect(connection);
          }
        });
        lifecycle.addShutdownHook(async () => {
          await engine.stop();
          await parser.close();
        });
      },
    });
  },
});

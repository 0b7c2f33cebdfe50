import { coreServices, createBackendPlugin } from '@atrium/backend';
import { SEARCH_PLUGIN_ID } from '@atrium/plugin-search/common';
import { defaultMaxConcurrentQueries, defaultMaxTermLength, searchConfigSchema } from './config.js';
import { searchMigrations } from './database/migrations.js';
import { IndexChanges } from './engine/indexChanges.js';
import { SearchEngine } from './engine/SearchEngine.js';
import { SearchIndex, type SearchTables } from './engine/SearchIndex.js';
import { searchIndexRegistryExtensionPoint, type SearchCollator, type SearchIndexWriter } from './extensionPoint.js';
import { reindexType } from './reindex.js';
import { createSearchRoutes } from './service/routes.js';

/**
 * Search over everything collators index (catalog entities, TechDocs pages, templates...), in the
 * plugin's own PostgreSQL schema, with Backstage's query API at /api/search/query.
 */
export const searchPlugin = createBackendPlugin({
  pluginId: SEARCH_PLUGIN_ID,
  configSchema: searchConfigSchema,
  register(env) {
    const collators = new Map<string, SearchCollator>();
    env.registerExtensionPoint(searchIndexRegistryExtensionPoint, {
      addCollator(...added) {
        for (const c of added) {
          if (collators.has(c.type)) throw new Error(`Two search collators for the document type "${c.type}": remove one of the modules`);
          collators.set(c.type, c);
        }
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        http: coreServices.http,
        httpAuth: coreServices.httpAuth,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, database, http, httpAuth, scheduler, lifecycle }) {
        await database.migrate(searchMigrations);
        const db = database.getClient<SearchTables>();
        // The embedded database is this process's alone (its folder is locked): no other instance writes it.
        const changes = new IndexChanges(db, database.schema, database.client !== 'pglite');
        const index = new SearchIndex(db, database.schema, changes);
        const cacheSeconds = config.getOptionalNumber('search.resultCacheSeconds');
        const engine = new SearchEngine(db, database.schema, {
          smallIndex: config.getOptionalNumber('search.smallIndexDocuments'),
          maxConcurrentQueries: config.getOptionalNumber('search.maxConcurrentQueries') ?? defaultMaxConcurrentQueries,
          ...(cacheSeconds !== undefined && { resultCacheMs: cacheSeconds * 1000 }),
        }, changes);
        for (const c of collators.values()) await index.registerType(c.type, c.textWeight ?? 'summary');
        const knownTypes: ReadonlySet<string> = new Set(collators.keys());

        http.register(createSearchRoutes({
          engine,
          index,
          httpAuth,
          knownTypes: () => knownTypes,
          maxTermLength: config.getOptionalNumber('search.maxTermLength') ?? defaultMaxTermLength,
        }));

        const writes = new WriteActivity();
        for (const collator of collators.values()) {
          // Without a configured delay, the first reindex of this process waits until the type's incremental
          // writes pause: at start-up the catalog ingests (and announces) everything, so its entities arrive
          // through the change events anyway, and a reindex meanwhile would only compete with the ingestion.
          let settle = collator.schedule?.initialDelay === undefined;
          // Global: one instance rebuilds a type at a time; the others keep serving the live generation.
          await scheduler.schedule({
            id: `reindex-${collator.type}`,
            scope: 'global',
            frequency: collator.schedule?.frequency ?? { minutes: 10 },
            timeout: collator.schedule?.timeout ?? { minutes: 15 },
            initialDelay: collator.schedule?.initialDelay ?? { seconds: 3 },
            fn: async (signal) => {
              if (settle) await writes.quiet(collator.type, signal);
              settle = false;
              await reindexType(index, collator, logger.child({ type: collator.type }), signal);
            },
          });
        }
        lifecycle.addStartupHook(async () => {
          for (const collator of collators.values()) await collator.subscribe?.(writes.track(collator.type, index.writerFor(collator.type)));
        });
      },
    });
  },
});

/** Incremental writes count as paused after this long without one. */
const QUIET_MS = 5_000;
/** A start-up reindex waits for a pause at most this long. */
const MAX_SETTLE_MS = 120_000;

/** When each type was last written incrementally, so a start-up reindex can wait for a pause. */
class WriteActivity {
  private readonly since = Date.now();
  private readonly last = new Map<string, number>();

  track(type: string, writer: SearchIndexWriter): SearchIndexWriter {
    const mark = () => void this.last.set(type, Date.now());
    return {
      upsert: async (documents) => { mark(); await writer.upsert(documents); },
      remove: async (locations) => { mark(); await writer.remove(locations); },
      replaceEntity: async (entityRef, documents) => { mark(); await writer.replaceEntity(entityRef, documents); },
    };
  }

  /** Resolves once `type` saw no incremental write (nor the process start) for QUIET_MS, or after MAX_SETTLE_MS. */
  async quiet(type: string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + MAX_SETTLE_MS;
    for (;;) {
      const wait = (this.last.get(type) ?? this.since) + QUIET_MS - Date.now();
      if (wait <= 0 || Date.now() >= deadline || signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
    }
  }
}

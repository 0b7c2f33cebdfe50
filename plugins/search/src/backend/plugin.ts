import { coreServices, createBackendPlugin } from '@atrium/backend';
import { SEARCH_PLUGIN_ID } from '@atrium/plugin-search/common';
import { defaultMaxTermLength, searchConfigSchema } from './config.js';
import { searchMigrations } from './database/migrations.js';
import { SearchEngine } from './engine/SearchEngine.js';
import { SearchIndex, type SearchTables } from './engine/SearchIndex.js';
import { searchIndexRegistryExtensionPoint, type SearchCollator } from './extensionPoint.js';
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
        const index = new SearchIndex(db, database.schema);
        const engine = new SearchEngine(db, database.schema, { smallIndex: config.getOptionalNumber('search.smallIndexDocuments') });
        for (const c of collators.values()) await index.registerType(c.type, c.textWeight ?? 'summary');
        const knownTypes: ReadonlySet<string> = new Set(collators.keys());

        http.register(createSearchRoutes({
          engine,
          index,
          httpAuth,
          knownTypes: () => knownTypes,
          maxTermLength: config.getOptionalNumber('search.maxTermLength') ?? defaultMaxTermLength,
        }));

        for (const collator of collators.values()) {
          // Global: one instance rebuilds a type at a time; the others keep serving the live generation.
          await scheduler.schedule({
            id: `reindex-${collator.type}`,
            scope: 'global',
            frequency: collator.schedule?.frequency ?? { minutes: 10 },
            timeout: collator.schedule?.timeout ?? { minutes: 15 },
            initialDelay: collator.schedule?.initialDelay ?? { seconds: 3 },
            fn: async (signal) => void (await reindexType(index, collator, logger.child({ type: collator.type }), signal)),
          });
        }
        lifecycle.addStartupHook(async () => {
          for (const collator of collators.values()) await collator.subscribe?.(index.writerFor(collator.type));
        });
      },
    });
  },
});

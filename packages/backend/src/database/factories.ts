import { coreServices } from '../api/coreServices.js';
import { createServiceFactory } from '../api/serviceRef.js';
import { createRootDatabase } from './rootDatabase.js';

/** The backend's one database connection (pool, LISTEN connection, embedded engine); closed on shutdown. */
export const rootDatabaseServiceFactory = createServiceFactory({
  service: coreServices.rootDatabase,
  deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger, lifecycle: coreServices.rootLifecycle },
  async factory({ config, logger, lifecycle }) {
    const db = await createRootDatabase({ config, logger });
    lifecycle.addShutdownHook(() => db.close());
    return db;
  },
});

/** Each plugin's database: its own PostgreSQL schema named after the plugin id. */
export const databaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: { rootDatabase: coreServices.rootDatabase, pluginMetadata: coreServices.pluginMetadata },
  factory({ rootDatabase, pluginMetadata }) {
    return rootDatabase.forPlugin(pluginMetadata.getId());
  },
});

export { createRootDatabase } from './rootDatabase.js';
export { rootDatabaseServiceFactory, databaseServiceFactory } from './factories.js';
export { FRAMEWORK_SCHEMA, pluginSchemaName } from './pluginDatabase.js';
export { migrateFrameworkTables } from './frameworkTables.js';
export { readDatabaseSettings, type DatabaseSettings } from './connectionConfig.js';

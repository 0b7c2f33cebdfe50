export { loadConfig, type LoadConfigOptions } from './loadConfig.js';
export { ConfigReader } from './ConfigReader.js';
export { validateConfig } from './validateConfig.js';
export { secretValues, frontendConfig } from './filterConfig.js';
export { visibility, configNumber, configBoolean, type ConfigVisibility } from './schemaHelpers.js';
export { coreConfigSchema, coreConfigSchemaEntry } from './coreConfigSchema.js';
export { configServiceFactory } from './configServiceFactory.js';
export { formatPath, originOf, type ConfigSchemaEntry, type ConfigSources, type LoadedConfig, type PathSegment } from './types.js';

export { catalogPlugin, CATALOG_ENTITY_CHANGED_TOPIC } from './plugin.js';
export * from './ingestion/index.js';
export { validateDescriptorFiles, type FileValidation, type ValidationProblem } from './validate/validateFiles.js';
export {
  catalogProcessingExtensionPoint, type CatalogProcessingExtensionPoint, type EntityProvider, type EntityProviderConnection, type EntityProviderMutation,
} from './providers/extensionPoint.js';
export { locationEntityFor } from './providers/locationEntity.js';
export { discoveryModule } from './modules/discovery/index.js';
export { githubOrgModule, GithubOrgEntityProvider, readGithubOrgConfigs, type GithubOrgProviderConfig } from './modules/github/index.js';

export { catalogPlugin, CATALOG_ENTITY_CHANGED_TOPIC } from './plugin.js';
export * from './ingestion/index.js';
export { validateDescriptorFiles, type FileValidation, type ValidationProblem } from './validate/validateFiles.js';

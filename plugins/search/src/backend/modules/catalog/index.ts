export { catalogCollatorModule } from './catalogModule.js';
export { createCatalogCollator, type CatalogCollatorOptions } from './catalogCollator.js';
export { entityToDocument, entityLocation } from './entityDocument.js';

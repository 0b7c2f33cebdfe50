export { searchPlugin } from './plugin.js';
export {
  searchIndexRegistryExtensionPoint, type SearchCollator, type SearchIndexRegistryExtensionPoint, type SearchIndexWriter, type TextWeight,
} from './extensionPoint.js';
export { catalogCollatorModule } from './modules/catalog/index.js';
export { techdocsCollatorModule } from './modules/techdocs/index.js';

export { techdocsCollatorModule } from './techdocsModule.js';
export { createTechdocsCollator, TECHDOCS_SITE_BUILT_TOPIC, type TechdocsCollatorOptions } from './techdocsCollator.js';
export { sectionsOf, mkdocsSearchIndexSchema } from './mkdocsIndex.js';

/** The techdocs plugin's API contract, shared by its backend and frontend. */
export const TECHDOCS_PLUGIN_ID = 'techdocs';
/** Published after each successful build with `{ entityRef, buildId }`. */
export const TECHDOCS_SITE_BUILT_TOPIC = 'techdocs.site.built';
export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';
export const TECHDOCS_ENTITY_ANNOTATION = 'backstage.io/techdocs-entity';
export const SITE_MANIFEST_FILE = 'techdocs_site.json';
export const METADATA_FILE = 'techdocs_metadata.json';
export const SEARCH_INDEX_FILE = 'search/search_index.json';
export type * from './types.js';
export * from './routes.js';

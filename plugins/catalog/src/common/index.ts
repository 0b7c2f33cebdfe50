/** The catalog's API contract, shared by its backend and frontend. Filled in as the API lands. */
export const CATALOG_PLUGIN_ID = 'catalog';

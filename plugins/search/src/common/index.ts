/** The search plugin's API contract, shared by its backend and frontend. */
export const SEARCH_PLUGIN_ID = 'search';

/** The techdocs plugin's API contract, shared by its backend and frontend. */
export const TECHDOCS_PLUGIN_ID = 'techdocs';

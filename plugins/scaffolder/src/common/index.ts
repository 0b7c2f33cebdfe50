/** The scaffolder plugin's API contract, shared by its backend and frontend. */
export const SCAFFOLDER_PLUGIN_ID = 'scaffolder';

export * from './types.js';
export * from './routes.js';
export * from './repoUrl.js';

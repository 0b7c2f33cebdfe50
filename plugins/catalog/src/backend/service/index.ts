export { createCatalogRoutes } from './createCatalogRoutes.js';
export type { CatalogRoutesDeps } from './deps.js';

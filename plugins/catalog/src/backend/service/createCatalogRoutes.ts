import type { AtriumFastify } from '@atrium/backend';
import { serializeWithRawJson } from './rawJson.js';
import { actionRoutes } from './actionRoutes.js';
import { analyzeRoutes } from './analyzeRoutes.js';
import type { CatalogRoutesDeps } from './deps.js';
import { entityRoutes } from './entityRoutes.js';
import { errorRoutes } from './errorRoutes.js';
import { facetRoutes } from './facetRoutes.js';
import { importPreviewRoutes } from './importPreviewRoutes.js';
import { locationRoutes } from './locationRoutes.js';
import { queryRoutes } from './queryRoutes.js';

/**
 * The catalog's REST API, path for path and status for status Backstage's (so `CatalogClient` and
 * other existing clients work unchanged), plus `GET /entities/errors`. Mount with
 * `http.register(createCatalogRoutes(deps))`; the plugin's routes live under `/api/catalog`.
 */
export function createCatalogRoutes(deps: CatalogRoutesDeps): (app: AtriumFastify) => void {
  return (app) => {
    // Entities read as JSON text go out without being parsed and serialised again (rawJson.ts).
    // Fastify sends a serializer's Buffer as it is; its type only admits strings.
    app.setReplySerializer(serializeWithRawJson as (payload: unknown) => string);
    errorRoutes(app, deps);
    entityRoutes(app, deps);
    queryRoutes(app, deps);
    facetRoutes(app, deps);
    locationRoutes(app, deps);
    actionRoutes(app, deps);
    analyzeRoutes(app, deps);
    importPreviewRoutes(app, deps);
  };
}

import { z } from 'zod';
import { NotFoundError, type AtriumFastify, type HttpAuthService } from '@atrium/backend';
import { ANNOTATION_TECHDOCS_REF } from '@atrium/model';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import { METADATA_FILE, techdocsRoutes } from '@atrium/plugin-techdocs/common';
import type { DocsService } from '../docsService.js';
import { resolveDocsSource } from '../docsSource.js';
import type { SiteStore } from '../store/siteStore.js';
import { entityParams, entityRefOf } from './params.js';

/** Backstage's metadata routes, the site status the reader shows, and the list of built sites. */
export function metadataRoutes(deps: { httpAuth: HttpAuthService; docs: DocsService; store: SiteStore; catalog: (token: string) => CatalogClient }) {
  return (app: AtriumFastify) => {
    const auth = (request: Parameters<HttpAuthService['credentials']>[0]) => deps.httpAuth.credentials(request, { allow: ['user', 'service'] });

    app.get('/metadata/techdocs/:namespace/:kind/:name', { schema: { params: entityParams } }, async (request, reply) => {
      await auth(request);
      const entityRef = entityRefOf(request.params);
      const file = await deps.docs.file(entityRef, METADATA_FILE);
      if (!file) throw new NotFoundError(`${entityRef} has no built docs yet`);
      return reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'private, no-cache').send(await file.content());
    });

    app.get('/metadata/entity/:namespace/:kind/:name', { schema: { params: entityParams } }, async (request) => {
      await auth(request);
      const entityRef = entityRefOf(request.params);
      const token = String(request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      // The caller's own token: they see the entity only if the catalog lets them.
      const entity = await deps.catalog(token).getEntityByRef(entityRef);
      if (!entity) throw new NotFoundError(`${entityRef} is not in the catalog`);
      const ref = entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF];
      if (!ref) return entity;
      const [type] = ref.split(':');
      let target: string;
      try { target = resolveDocsSource(entity).url; } catch { target = ref.slice(ref.indexOf(':') + 1); }
      return { ...entity, locationMetadata: { type, target } };
    });

    app.get('/status/:namespace/:kind/:name', { schema: { params: entityParams } }, async (request) => {
      await auth(request);
      return deps.docs.status(entityRefOf(request.params));
    });

    app.get(techdocsRoutes.sites, { schema: { querystring: z.object({}).loose() } }, async (request) => {
      await auth(request);
      const rows = await deps.store.listSites();
      return { items: rows.map((r) => ({
        entityRef: r.entity_ref, siteName: r.site_name ?? '', buildTimestamp: new Date(r.created_at).getTime(), ...(r.commit_sha && { commit: r.commit_sha }),
      })) };
    });
  };
}

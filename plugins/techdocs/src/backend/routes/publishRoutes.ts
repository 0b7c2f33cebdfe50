import { z } from 'zod';
import { InputError, type AtriumFastify, type HttpAuthService, type Logger } from '@atrium/backend';
import { SITE_MANIFEST_FILE } from '@atrium/plugin-techdocs/common';
import { contentTypeFor, sanitizePublishedHtml, type BuiltFile } from '../builder/index.js';
import { normalizeRelative } from '../builder/paths.js';
import type { DocsService } from '../docsService.js';
import { entityParams, entityRefOf } from './params.js';

const MAX_BYTES = 200 * 1024 * 1024;
const ARTICLE = /(<article class="techdocs-content">)([\s\S]*?)(<\/article>)/;

const body = z.object({
  etag: z.string().min(1).max(200),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/i, 'a git commit sha').optional(),
  files: z.array(z.object({ path: z.string().min(1).max(1024), content: z.string().max(MAX_BYTES).base64() })).min(1).max(50_000),
});

const manifestShape = z.object({ siteName: z.string().min(1), pages: z.array(z.object({ path: z.string() })), nav: z.array(z.unknown()) }).loose();

/**
 * `POST /publish/:namespace/:kind/:name` (Atrium's counterpart of techdocs-cli publish): a site built in
 * CI with `atrium docs build`. Paths are checked and every page's article sanitised again, since the
 * uploader, not this server, ran the builder.
 */
export function publishRoutes(deps: { httpAuth: HttpAuthService; docs: DocsService; logger: Logger }) {
  return (app: AtriumFastify) => {
    app.post('/publish/:namespace/:kind/:name', { bodyLimit: Math.ceil(MAX_BYTES * 1.4), schema: { params: entityParams, body } }, async (request, reply) => {
      const { principal } = await deps.httpAuth.credentials(request, { allow: ['user', 'service'] });
      const entityRef = entityRefOf(request.params);
      const files: BuiltFile[] = [];
      let manifest: z.infer<typeof manifestShape> | undefined;
      request.body.files.forEach((f, i) => {
        const path = normalizeRelative(f.path);
        if (!path || f.path.split('/').includes('..')) throw new InputError(`files[${i}].path "${f.path}" is not allowed: paths must be relative and stay inside the site`);
        let content = Buffer.from(f.content, 'base64');
        if (path.endsWith('.html')) {
          content = Buffer.from(content.toString('utf8').replace(ARTICLE, (_m, open: string, inner: string, close: string) => open + sanitizePublishedHtml(inner) + close));
        }
        if (path === SITE_MANIFEST_FILE) {
          let json: unknown;
          try { json = JSON.parse(content.toString('utf8')); } catch { throw new InputError(`files[${i}] ${SITE_MANIFEST_FILE} is not valid JSON`); }
          const parsed = manifestShape.safeParse(json);
          if (!parsed.success) throw new InputError(`files[${i}] ${SITE_MANIFEST_FILE} is not a site manifest: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
          manifest = parsed.data;
        }
        files.push({ path, content, contentType: contentTypeFor(path) });
      });
      if (!manifest) throw new InputError(`the upload has no ${SITE_MANIFEST_FILE}: publish the folder "atrium docs build" wrote`);
      const buildId = await deps.docs.publish(entityRef, {
        files, etag: request.body.etag, ...(request.body.commit && { commit: request.body.commit }), siteName: manifest.siteName, warnings: [],
      });
      deps.logger.info(`docs of ${entityRef} published by ${principal.type === 'user' ? principal.userEntityRef : principal.subject}`, { buildId, files: files.length });
      return reply.code(201).send({ entityRef, buildId, files: files.length });
    });
  };
}

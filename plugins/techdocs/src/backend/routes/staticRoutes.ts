import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AtriumFastify, HttpAuthService } from '@atrium/backend';
import { NotFoundError } from '@atrium/backend';
import type { DocsService } from '../docsService.js';
import { MISSING_OK_HEADER } from '@atrium/plugin-techdocs/common';
import { entityParams, entityRefOf, sitePath } from './params.js';

// Built files are served from the portal's origin, so they must never run as a page of it: an SVG or
// HTML file opened directly gets no script, no plugins and a unique origin.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; sandbox",
  'x-content-type-options': 'nosniff',
};

/** `GET /static/docs/:namespace/:kind/:name/*`: the files of a site's current build (Backstage's path). */
export function staticRoutes(deps: { httpAuth: HttpAuthService; docs: DocsService }) {
  return (app: AtriumFastify) => {
    const params = entityParams.extend({ '*': z.string().max(2048).optional() });
    const handler = async (request: FastifyRequest<{ Params: z.infer<typeof params> }>, reply: FastifyReply) => {
      await deps.httpAuth.credentials(request, { allow: ['user', 'service'] });
      const entityRef = entityRefOf(request.params);
      let path = sitePath(request.params['*'] ?? '');
      let file = await deps.docs.file(entityRef, path);
      // The server ignores trailing slashes, so `guide/` arrives as `guide`: a folder means its index page.
      if (!file && !/\.[a-z0-9]+$/i.test(path)) {
        path = `${path}/index.html`;
        file = await deps.docs.file(entityRef, path);
      }
      // The reader asks for a site's manifest and a page before it knows they exist (in parallel with
      // the status): with this header a missing file is an empty 204, not a 404 the browser logs.
      if (!file && request.headers[MISSING_OK_HEADER] === 'empty') return reply.code(204).header('cache-control', 'no-store').send();
      if (!file) throw new NotFoundError(`${path} is not part of the docs of ${entityRef}${path === 'search/search_index.json' ? ' (it has no built site yet)' : ''}`);
      const etag = `"${file.hash}"`;
      reply.headers({
        ...SECURITY_HEADERS,
        etag,
        'content-type': file.contentType,
        // Pages and indexes change with every build: revalidate (a 304 is cheap). Other assets: briefly cached.
        'cache-control': /^(text\/html|application\/json)/.test(file.contentType) ? 'private, no-cache' : 'private, max-age=300',
      });
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(await file.content());
    };
    app.get('/static/docs/:namespace/:kind/:name', { schema: { params } }, handler);
    app.get('/static/docs/:namespace/:kind/:name/*', { schema: { params } }, handler);
  };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { AtriumFastify, JsonObject, Logger } from '../api/services.js';
import { errorBody } from './errorBody.js';

const CONFIG_PLACEHOLDER = '<!--atrium-config-->';

/** JSON inside a <script> must not be able to close the tag or open a comment. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Serves the built frontend: hashed assets cached for a year, index.html never cached and carrying
 * the frontend config, and index.html for every other GET so client-side routes can be shared.
 */
type SendIndex = (reply: FastifyReply) => FastifyReply;

export async function mountSpa(app: AtriumFastify, options: { dir: string; frontendConfig: JsonObject; logger: Logger }): Promise<SendIndex> {
  let template: string;
  try {
    template = await readFile(join(options.dir, 'index.html'), 'utf8');
  } catch {
    throw new Error(`The frontend is not built: ${join(options.dir, 'index.html')} is missing; run "npm run build"`);
  }
  if (!template.includes(CONFIG_PLACEHOLDER)) options.logger.warn(`index.html has no ${CONFIG_PLACEHOLDER} placeholder; the frontend will fetch its config`);
  const html = template.replace(CONFIG_PLACEHOLDER, `<script id="atrium-config" type="application/json">${scriptSafeJson(options.frontendConfig)}</script>`);

  await app.register(fastifyStatic, {
    root: options.dir,
    index: false,
    wildcard: false,
    setHeaders(res, path) {
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    },
  });
  const sendIndex: SendIndex = (reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  app.get('/', (_req, reply) => sendIndex(reply));
  return sendIndex;
}

/**
 * 404 for API paths, and for anything but a browser's page navigation; index.html for page
 * navigations when a frontend is served, so client-side routes (even `/catalog/default/component/a.b`)
 * can be shared and reloaded. Existing files never get here: the static handler serves them first.
 */
export function installNotFoundHandler(app: AtriumFastify, sendIndex?: SendIndex): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isApi = path.startsWith('/api/') || path === '/api';
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (sendIndex && !isApi && wantsPage) return sendIndex(reply);
    return reply.code(404).send(errorBody(request, 404, 'NotFoundError', `No route ${request.method} ${path}`, 'ATRIUM_ERR_NOT_FOUND'));
  });
}

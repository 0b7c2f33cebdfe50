import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
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

  // One route for every file instead of @fastify/static's two per file (wildcard: false): the portal's
  // ~260 built files made ~520 routes, ~80 ms of every start-up. Files are still the ones present at
  // start, served by @fastify/static's own sendFile; any other path goes to the not-found handler.
  await app.register(fastifyStatic, {
    root: options.dir,
    serve: false,
    setHeaders(res, path) {
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    },
  });
  const files = builtFiles(options.dir);
  app.route({
    method: ['HEAD', 'GET'],
    url: '/*',
    schema: { hide: true },
    handler: (request, reply) => {
      const file = `/${(request.params as { '*': string })['*']}`;
      return files.has(file) ? reply.sendFile(file) : reply.callNotFound();
    },
    // As @fastify/static's routes: a client that went away mid-file is not an error to report.
    errorHandler: (error, request, reply) => {
      if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return void request.raw.destroy();
      return app.errorHandler(error, request, reply);
    },
  });
  const sendIndex: SendIndex = (reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  app.get('/', (_req, reply) => sendIndex(reply));
  return sendIndex;
}

/** `/assets/app-1a2b.js`, … for every file under `dir` outside dot-folders, as @fastify/static would serve them. */
function builtFiles(dir: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    // Links are followed, as @fastify/static's glob does.
    if (!entry.isFile() && !(entry.isSymbolicLink() && statSync(join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.isFile())) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep);
    if (path.some((segment) => segment.startsWith('.'))) continue;
    files.add(`/${path.join('/')}`);
  }
  return files;
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

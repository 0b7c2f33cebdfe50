import Fastify from 'fastify';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AtriumFastify, Credentials, Logger } from '../api/services.js';
import { createErrorHandler } from './errorBody.js';
import { InputError } from '../api/errors.js';
import { rejectNulCharacters } from './nulCharacters.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook for every `/api/*` request. */
    atriumCredentials?: Credentials;
  }
}

export interface PluginRoutes {
  pluginId: string;
  routes: Array<(app: AtriumFastify) => void | Promise<void>>;
}

/**
 * Creates the one Fastify instance of a backend: zod schemas, compression, the error format and the
 * API 404. Each plugin's routes are registered in their own encapsulated context under `/api/<id>`.
 */
export function createHttpServer(options: { logger: Logger; bodyLimit?: number }): AtriumFastify {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    // Keep-alive sockets are closed on shutdown; in-flight requests still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    // Every schema is zod's: with its compilers given here, Fastify never builds its default Ajv and
    // fast-json-stringify compilers (~65 ms of every start-up, measured in a CPU profile).
    // (Its types only know Ajv's compilers.)
    schemaController: { compilersFactory: { buildValidator: (() => validatorCompiler) as never, buildSerializer: (() => serializerCompiler) as never } },
  }).withTypeProvider() as unknown as AtriumFastify;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(createErrorHandler(options.logger));
  app.decorateRequest('atriumCredentials', undefined);
  // Every plugin's routes: a NUL character (which PostgreSQL cannot store) in a path parameter, query
  // parameter or JSON body field is a 400 naming it, not a database failure.
  app.addHook('preValidation', rejectNulCharacters);
  void app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  sendLargeBodiesAsBuffers(app);
  acceptEmptyJsonBodies(app);
  return app;
}

/**
 * Node writes a large string to a socket several times slower than the same bytes as a Buffer
 * (measured on Node 20 with a 130 KB JSON body, a page of 100 entities: 1,969 against 5,695 responses
 * a second over loopback, the conversion included), so large serialized bodies are encoded once here.
 */
function sendLargeBodiesAsBuffers(app: AtriumFastify): void {
  app.addHook('onSend', async (_request, _reply, payload) => (typeof payload === 'string' && payload.length >= 4096 ? Buffer.from(payload) : payload));
}

/**
 * Some clients (Backstage's catalog client among them) send `Content-Type: application/json` with
 * no body on DELETE; Fastify's parser rejects that. Here an empty body is no body.
 */
function acceptEmptyJsonBodies(app: AtriumFastify): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      // Dropping __proto__ keys keeps Fastify's protection against prototype poisoning.
      done(null, JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)) as unknown);
    } catch {
      done(new InputError('The request body is not valid JSON'), undefined);
    }
  });
}

/**
 * Mounts a plugin's routes in its own context under `/api/<id>`, with an OpenAPI document of them at
 * `/api/<id>/openapi.json` generated from the routes' zod schemas. An unknown path under it gets the
 * root not-found handler's API 404 (spa.ts): a handler per plugin answered the same, and Fastify adds
 * one for every HTTP method under the prefix, ~35 ms of a start for six plugins.
 */
export function mountPluginRoutes(app: AtriumFastify, plugin: PluginRoutes): void {
  void app.register(
    async (child) => {
      await child.register(swagger, {
        openapi: {
          info: { title: `Atrium ${plugin.pluginId} API`, version: '1' },
          servers: [{ url: `/api/${plugin.pluginId}` }],
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
          security: [{ bearer: [] }],
        },
        transform: jsonSchemaTransform,
        transformObject: jsonSchemaTransformObject,
      });
      for (const routes of plugin.routes) await routes(child as AtriumFastify);
      let document: unknown;
      child.get('/openapi.json', { schema: { hide: true } }, async () => {
        if (document) return document;
        const doc = child.swagger() as { paths?: Record<string, unknown> };
        // Paths are documented relative to the plugin base (the `servers` entry).
        const prefix = `/api/${plugin.pluginId}`;
        const paths = Object.fromEntries(Object.entries(doc.paths ?? {}).map(([p, v]) => [p.startsWith(prefix) ? p.slice(prefix.length) || '/' : p, v]));
        document = { ...doc, paths };
        return document;
      });
    },
    { prefix: `/api/${plugin.pluginId}` },
  );
}

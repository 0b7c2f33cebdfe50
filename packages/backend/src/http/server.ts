import Fastify from 'fastify';
import compress from '@fastify/compress';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AtriumFastify, Credentials, Logger } from '../api/services.js';
import { createErrorHandler, errorBody } from './errorBody.js';

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
  }).withTypeProvider() as unknown as AtriumFastify;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(createErrorHandler(options.logger));
  app.decorateRequest('atriumCredentials', undefined);
  void app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  return app;
}

export function mountPluginRoutes(app: AtriumFastify, plugin: PluginRoutes): void {
  void app.register(
    async (child) => {
      for (const routes of plugin.routes) await routes(child as AtriumFastify);
      child.setNotFoundHandler((request, reply) => {
        reply.code(404).send(errorBody(request, 404, 'NotFoundError', `No route ${request.method} ${request.url.split('?')[0]}`, 'ATRIUM_ERR_NOT_FOUND'));
      });
    },
    { prefix: `/api/${plugin.pluginId}` },
  );
}

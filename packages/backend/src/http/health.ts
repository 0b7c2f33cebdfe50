import type { AtriumFastify } from '../api/services.js';

/**
 * `/healthz`: the process is alive and serving. `/readyz`: every plugin started and the database
 * answers; load balancers should only send traffic to ready instances.
 */
export function mountHealthRoutes(app: AtriumFastify, options: { isStarted(): boolean; ping(): Promise<void> }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (!options.isStarted()) return reply.code(503).send({ status: 'starting', message: 'Plugins are still starting' });
    try {
      await options.ping();
      return { status: 'ok' };
    } catch (e) {
      return reply.code(503).send({ status: 'error', message: `Database unreachable: ${(e as Error).message}` });
    }
  });
}

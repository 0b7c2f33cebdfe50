import type { ServerResponse } from 'node:http';
import type { AtriumFastify, HttpAuthService } from '@atrium/backend';
import type { DocsService, SyncEvent } from '../docsService.js';
import { entityParams, entityRefOf } from './params.js';

/**
 * `GET /sync/:namespace/:kind/:name`: Backstage's build trigger, a `text/event-stream` of `log` lines,
 * then `finish` (`{ updated }`) or `error`. The reader opens it with every docs page view; it builds only
 * when the source changed since the last check.
 */
export function syncRoutes(deps: { httpAuth: HttpAuthService; docs: DocsService }) {
  return (app: AtriumFastify) => {
    const open = new Set<ServerResponse>();
    app.addHook('preClose', (done) => {
      for (const res of open) res.end();
      open.clear();
      done();
    });
    app.get('/sync/:namespace/:kind/:name', { schema: { params: entityParams, hide: true } }, async (request, reply) => {
      await deps.httpAuth.credentials(request, { allow: ['user', 'service'] });
      const entityRef = entityRefOf(request.params);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no',
      });
      open.add(res);
      res.on('close', () => open.delete(res));
      const send = (e: SyncEvent) => {
        if (res.writableEnded) return;
        const data = e.type === 'finish' ? { updated: e.updated } : e.message;
        res.write(`event: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      await deps.docs.sync(entityRef, send);
      res.end();
    });
  };
}

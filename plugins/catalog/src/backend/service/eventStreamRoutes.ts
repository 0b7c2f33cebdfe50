import type { ServerResponse } from 'node:http';
import type { AtriumFastify, EventsService, HttpAuthService } from '@atrium/backend';

export interface EventStreamDeps {
  httpAuth: HttpAuthService;
  events: EventsService;
  /** The topic whose `{ entityRefs }` payloads are forwarded. */
  topic: string;
  /** How long changes are gathered into one message; stitching publishes many small batches. */
  coalesceMs?: number;
  heartbeatMs?: number;
}

/** Refs per message: a full re-ingestion of a large catalog would otherwise send megabyte-sized lines. */
export const MAX_REFS_PER_MESSAGE = 500;

const refsOf = (payload: unknown): string[] => {
  const refs = (payload as { entityRefs?: unknown } | null)?.entityRefs;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
};

/**
 * `GET /events` (Atrium only): a server-sent-events stream of `{ entityRefs }` messages, one per burst of
 * catalog changes, so open pages can refetch what changed. The browser reads it with `fetch` (which,
 * unlike `EventSource`, sends the bearer token in a header, so tokens never land in access logs).
 * Comment lines every `heartbeatMs` keep proxies from closing an idle stream and reveal dead clients.
 */
export function eventStreamRoutes(deps: EventStreamDeps): (app: AtriumFastify) => void {
  const coalesceMs = deps.coalesceMs ?? 250;
  const heartbeatMs = deps.heartbeatMs ?? 20_000;
  return (app) => {
    const open = new Set<ServerResponse>();
    // Streams never finish on their own; end them before the server waits for in-flight requests.
    app.addHook('preClose', (done) => {
      for (const res of open) res.end();
      open.clear();
      done();
    });

    app.get('/events', { schema: { hide: true } }, async (request, reply) => {
      await deps.httpAuth.credentials(request, { allow: ['user', 'service'] });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx buffers responses unless told not to, which would hold events back.
        'x-accel-buffering': 'no',
      });
      open.add(res);
      res.write('retry: 5000\n: connected\n\n');

      let pending = new Set<string>();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = () => {
        timer = undefined;
        const refs = [...pending];
        pending = new Set();
        for (let i = 0; i < refs.length; i += MAX_REFS_PER_MESSAGE) {
          res.write(`event: entities-changed\ndata: ${JSON.stringify({ entityRefs: refs.slice(i, i + MAX_REFS_PER_MESSAGE) })}\n\n`);
        }
      };
      const unsubscribe = deps.events.subscribe(deps.topic, (event) => {
        const refs = refsOf(event.payload);
        if (refs.length === 0) return;
        for (const r of refs) pending.add(r);
        timer ??= setTimeout(flush, coalesceMs);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      const cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(timer);
        open.delete(res);
      };
      res.on('close', cleanup);
      res.on('error', cleanup);
    });
  };
}

import { Writable } from 'node:stream';
import type { ServiceFactory } from '../api/serviceRef.js';
import type { JsonObject } from '../api/services.js';
import { createBackend, type Backend } from '../kernel/createBackend.js';
import type { Feature } from '../kernel/featureGraph.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseClient } from './database.js';

export interface TestBackend {
  backend: Backend;
  url: string;
  /** Log lines the backend wrote (JSON strings), for asserting on logs and redaction. */
  logs: string[];
  /** A signed-in guest's `Authorization` header. */
  authHeader(): Promise<Record<string, string>>;
  /** fetch against the backend, signed in as the guest unless `headers.authorization` is given. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = prev && typeof prev === 'object' && !Array.isArray(prev) && v && typeof v === 'object' && !Array.isArray(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

/**
 * Boots a real backend with the given features on a real database (a fresh PGlite in memory, or a new
 * database on the local PostgreSQL server), listening on a random loopback port.
 * Pass `database` to start a second instance on the same PostgreSQL database.
 */
export async function startTestBackend(options: {
  features: Array<Feature | ServiceFactory>;
  client?: TestDatabaseClient;
  database?: TestDatabase;
  config?: JsonObject;
  frontendDir?: string;
}): Promise<TestBackend & { database?: TestDatabase }> {
  const client = options.database?.client ?? options.client ?? 'pglite';
  // For PGlite the backend opens its own in-memory instance: a second one here would double the cost.
  const database = options.database ?? (client === 'pg' ? await createTestDatabase('pg') : undefined);
  const ownsDatabase = !options.database && database !== undefined;
  const databaseConfig: JsonObject = database?.configData ?? { backend: { database: { client: 'pglite', connection: ':memory:' } } };
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { logs.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  const config = deepMerge(deepMerge({ backend: { listen: { port: 0, host: '127.0.0.1' }, log: { format: 'json', level: 'debug' } } }, databaseConfig), options.config ?? {});
  const backend = createBackend({ config, frontendDir: options.frontendDir, logDestination: sink, configFiles: [] });
  for (const f of options.features) backend.add(f);
  let started: { url: string };
  try {
    started = await backend.start();
  } catch (e) {
    if (ownsDatabase) await database!.close();
    throw e;
  }
  let header: Record<string, string> | undefined;
  const authHeader = async () => {
    if (!header) {
      const r = await fetch(`${started.url}/api/auth/guest/token`, { method: 'POST' });
      header = { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
    }
    return header;
  };
  return {
    backend,
    database,
    url: started.url,
    logs,
    authHeader,
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', (await authHeader()).authorization!);
      if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${started.url}${path}`, { ...init, headers });
    },
    async stop() {
      await backend.stop();
      if (ownsDatabase) await database!.close();
    },
  };
}

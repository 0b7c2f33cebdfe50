import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createBackendPlugin } from '../api/plugin.js';
import { coreServices } from '../api/coreServices.js';
import type { EventMessage } from '../api/services.js';
import { startTestBackend, type TestBackend } from '../testing/backend.js';
import { createTestDatabase, waitFor, type TestDatabase } from '../testing/database.js';

/**
 * Two real backends on one PostgreSQL database, as in a deployment with several instances: a global
 * task runs on one instance at a time, local tasks on each, and events cross between instances.
 */
function counterPlugin(instance: string, received: EventMessage[]) {
  return createBackendPlugin({
    pluginId: 'counter',
    register(env) {
      env.registerInit({
        deps: { db: coreServices.database, scheduler: coreServices.scheduler, events: coreServices.events, http: coreServices.http },
        async init({ db, scheduler, events, http }) {
          await db.migrate({
            '0001': {
              up: async (k) => {
                await k.schema.createTable('runs').addColumn('id', 'serial', (c) => c.primaryKey())
                  .addColumn('task', 'text', (c) => c.notNull()).addColumn('instance', 'text', (c) => c.notNull())
                  .addColumn('started_at', 'timestamptz', (c) => c.notNull()).addColumn('ended_at', 'timestamptz', (c) => c.notNull()).execute();
              },
            },
          });
          const k = db.getClient();
          const record = (task: string) => async () => {
            const startedAt = new Date();
            await new Promise((r) => setTimeout(r, 150));
            await k.insertInto('runs').values({ task, instance, started_at: startedAt, ended_at: new Date() }).execute();
          };
          await scheduler.schedule({ id: 'global-job', scope: 'global', frequency: { milliseconds: 100 }, timeout: { seconds: 5 }, fn: record('global') });
          await scheduler.schedule({ id: 'local-job', scope: 'local', frequency: { milliseconds: 200 }, timeout: { seconds: 5 }, fn: record('local') });
          events.subscribe('counter.ping', (e) => void received.push(e));
          http.register((app) => {
            app.post('/ping', async () => {
              await events.publish('counter.ping', { from: instance });
              return { ok: true };
            });
          });
        },
      });
    },
  });
}

describe('two backend instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestBackend;
  let b: TestBackend;
  const receivedA: EventMessage[] = [];
  const receivedB: EventMessage[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('pg');
    // No backend.auth.secret: the instances must agree on the signing key kept in the database.
    [a, b] = await Promise.all([
      startTestBackend({ database, features: [counterPlugin('a', receivedA)] }),
      startTestBackend({ database, features: [counterPlugin('b', receivedB)] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
  });

  it('runs a global task on one instance at a time and a local task on each', async () => {
    const k = database.root.getRootClient();
    await waitFor(async () => {
      const { rows } = await sql<{ n: string }>`select count(*) as n from counter.runs where task = 'local' group by instance`.execute(k);
      const global = await sql<{ n: string }>`select count(*) as n from counter.runs where task = 'global'`.execute(k);
      return rows.length === 2 && Number(global.rows[0]?.n) >= 4;
    }, { timeoutMs: 20_000 });
    const { rows } = await sql<{ started_at: Date; ended_at: Date }>`select started_at, ended_at from counter.runs where task = 'global' order by started_at`.execute(k);
    for (let i = 1; i < rows.length; i++) {
      // Never two global runs at once: each starts after the previous one ended.
      expect(rows[i]!.started_at.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.ended_at.getTime() - 5);
    }
  });

  it('delivers an event published on one instance to subscribers on both', async () => {
    const r = await a.fetch('/api/counter/ping', { method: 'POST' });
    expect(r.status).toBe(200);
    await waitFor(() => receivedB.some((e) => (e.payload as { from?: string }).from === 'a'));
    expect(receivedA.filter((e) => (e.payload as { from?: string }).from === 'a')).toHaveLength(1);
  });

  it('accepts a token issued by the other instance', async () => {
    const header = await a.authHeader();
    const r = await fetch(`${b.url}/api/auth/whoami`, { headers: header });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ type: 'user', userEntityRef: 'user:default/guest' });
  });
});

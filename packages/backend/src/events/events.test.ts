import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, RootDatabaseService } from '../api/services.js';
import { createRootDatabase } from '../database/rootDatabase.js';
import { createTestDatabase, createTestLogger, TEST_DATABASE_CLIENTS, waitFor, type TestDatabase } from '../testing/database.js';
import { createRootEventBus, type RootEventBus } from './rootEventBus.js';

describe.each(TEST_DATABASE_CLIENTS)('events on %s', (client) => {
  let testDb: TestDatabase;
  /** Instance b's own database connection (pg); PGlite instances share the engine but not the bus. */
  let otherRoot: RootDatabaseService;
  let busA: RootEventBus;
  let busB: RootEventBus;
  const logger = createTestLogger();

  beforeAll(async () => {
    testDb = await createTestDatabase(client, logger);
    otherRoot = client === 'pg' ? await createRootDatabase({ config: testDb.config, logger }) : testDb.root;
    busA = createRootEventBus({ db: testDb.root, logger, instanceId: 'instance-a' });
    busB = createRootEventBus({ db: otherRoot, logger, instanceId: 'instance-b' });
    await Promise.all([busA.start(), busB.start()]);
  });
  afterAll(async () => {
    await busA?.stop();
    await busB?.stop();
    if (otherRoot !== testDb?.root) await otherRoot?.close();
    await testDb?.close();
  });

  it('delivers an event to subscribers on both instances, once each', async () => {
    const onA: EventMessage[] = [];
    const onB: EventMessage[] = [];
    const offA = busA.forPlugin('catalog').subscribe('entity.changed', (e) => void onA.push(e));
    const offB = busB.forPlugin('search').subscribe(['other.topic', 'entity.changed'], (e) => void onB.push(e));
    await busA.forPlugin('catalog').publish('entity.changed', { ref: 'component:default/web' });
    expect(onA).toHaveLength(1); // local delivery is done when publish resolves
    await waitFor(() => onB.length === 1);
    expect(onB[0]).toEqual({ topic: 'entity.changed', payload: { ref: 'component:default/web' }, origin: 'instance-a' });
    // A marker published after it arrives at b only once a's echo of the first event would have too.
    const markers: EventMessage[] = [];
    const offMarker = busA.forPlugin('x').subscribe('marker', (e) => void markers.push(e));
    await busB.forPlugin('x').publish('marker', null);
    await waitFor(() => markers.length === 1);
    expect(onA).toHaveLength(1);
    expect(onB).toHaveLength(1);
    offA();
    offB();
    offMarker();
  });

  it('carries payloads larger than a NOTIFY allows through the payload table', async () => {
    const big = { items: Array.from({ length: 2_000 }, (_, i) => `item-${i}-${'x'.repeat(10)}`) };
    expect(JSON.stringify(big).length).toBeGreaterThan(20_000);
    const onB: EventMessage[] = [];
    const off = busB.forPlugin('search').subscribe('bulk', (e) => void onB.push(e));
    await busA.forPlugin('catalog').publish('bulk', big);
    await waitFor(() => onB.length === 1);
    expect(onB[0]?.payload).toEqual(big);
    const stored = await sql<{ n: string }>`select count(*) as n from atrium_backend.event_payloads`.execute(testDb.root.getRootClient());
    expect(Number(stored.rows[0]?.n)).toBeGreaterThanOrEqual(1);
    off();
  });

  it('logs a failing handler without affecting other handlers or the publisher', async () => {
    const received: string[] = [];
    const offBad = busA.forPlugin('broken').subscribe('job.done', () => {
      throw new Error('handler exploded');
    });
    const offGood = busA.forPlugin('good').subscribe('job.done', (e) => void received.push(String(e.payload)));
    await expect(busA.forPlugin('jobs').publish('job.done', 'j1')).resolves.toBeUndefined();
    expect(received).toEqual(['j1']);
    const entry = logger.entries.find((e) => e.message.includes('"job.done" failed'));
    expect(entry).toMatchObject({ level: 'error', fields: expect.objectContaining({ plugin: 'broken' }) });
    offBad();
    offGood();
  });

  it('stops delivering after unsubscribe', async () => {
    const received: unknown[] = [];
    const off = busB.forPlugin('p').subscribe('ping', (e) => void received.push(e.payload));
    await busA.forPlugin('p').publish('ping', 1);
    await waitFor(() => received.length === 1);
    off();
    await busA.forPlugin('p').publish('ping', 2);
    const markers: unknown[] = [];
    const offMarker = busB.forPlugin('p').subscribe('marker2', (e) => void markers.push(e));
    await busA.forPlugin('p').publish('marker2', null);
    await waitFor(() => markers.length === 1);
    expect(received).toEqual([1]);
    offMarker();
  });
});

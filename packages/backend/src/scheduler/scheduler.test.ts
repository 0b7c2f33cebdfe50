import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RootDatabaseService } from '../api/services.js';
import { ConflictError, NotFoundError } from '../api/errors.js';
import { createRootDatabase } from '../database/rootDatabase.js';
import { createTestDatabase, createTestLogger, TEST_DATABASE_CLIENTS, waitFor, type TestDatabase } from '../testing/database.js';
import { createRootScheduler, type RootScheduler } from './rootScheduler.js';

const never = new Promise<void>(() => {});
const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASE_CLIENTS)('scheduler on %s', (client) => {
  let testDb: TestDatabase;
  /** A second backend instance: its own connection to the same PostgreSQL database (PGlite: the same engine). */
  let otherRoot: RootDatabaseService;
  const schedulers: RootScheduler[] = [];
  const logger = createTestLogger();

  const newScheduler = (instanceId: string, db: RootDatabaseService = testDb.root, shutdownGraceMs = 200) => {
    const scheduler = createRootScheduler({ db, logger, instanceId, pollIntervalMs: 1_000, shutdownGraceMs });
    schedulers.push(scheduler);
    return scheduler;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(client, logger);
    otherRoot = client === 'pg' ? await createRootDatabase({ config: testDb.config, logger }) : testDb.root;
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    if (otherRoot !== testDb?.root) await otherRoot?.close();
    await testDb?.close();
  });

  it('runs a global task on only one of two instances', async () => {
    const runs: string[] = [];
    for (const [name, db] of [['a', testDb.root], ['b', otherRoot]] as const) {
      const scheduler = newScheduler(`${name}-only-one`, db);
      await scheduler.forPlugin('one').schedule({
        id: 'sync',
        frequency: { hours: 1 },
        timeout: { seconds: 5 },
        fn: async () => void runs.push(name),
      });
      scheduler.start();
    }
    await waitFor(() => runs.length === 1);
    await sleep(1_300); // longer than a poll interval: the other instance has looked and found nothing due
    expect(runs).toHaveLength(1);
    const [task] = await schedulers[1]!.forPlugin('one').list();
    expect(task).toMatchObject({ id: 'sync', scope: 'global', frequencyMs: 3_600_000, running: false, lastRunError: null });
    expect(Date.parse(task!.nextRunAt!) - Date.now()).toBeGreaterThan(3_500_000);
  });

  it('never runs a frequent global task on two instances at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    for (const [name, db] of [['a', testDb.root], ['b', otherRoot]] as const) {
      const scheduler = newScheduler(`${name}-overlap`, db);
      await scheduler.forPlugin('overlap').schedule({
        id: 'tick',
        frequency: 50,
        timeout: { seconds: 5 },
        fn: async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await sleep(30);
          running--;
          runs++;
        },
      });
      scheduler.start();
    }
    await waitFor(() => runs >= 5);
    expect(maxRunning).toBe(1);
  });

  it('lets another instance take over when the lease of a stuck instance expires', async () => {
    const started: string[] = [];
    const a = newScheduler('a-stuck');
    const b = newScheduler('b-healthy', otherRoot);
    const task = (name: string) => ({
      id: 'takeover',
      frequency: { hours: 1 },
      timeout: 1_000,
      // Instance a hangs and ignores its abort signal, like a frozen process.
      fn: async () => {
        started.push(name);
        if (name === 'a') await never;
      },
    });
    await a.forPlugin('lease').schedule(task('a'));
    a.start();
    await waitFor(() => started.includes('a'));
    await b.forPlugin('lease').schedule(task('b'));
    b.start();
    await sleep(500);
    expect(started).toEqual(['a']); // the lease is still live
    await waitFor(() => started.includes('b'), { timeoutMs: 5_000 });
    expect(started).toEqual(['a', 'b']);
  });

  it('runs local tasks on every instance', async () => {
    const runs = { a: 0, b: 0 };
    for (const [name, db] of [['a', testDb.root], ['b', otherRoot]] as const) {
      const scheduler = newScheduler(`${name}-local`, db);
      await scheduler.forPlugin('cache').schedule({
        id: 'refresh',
        scope: 'local',
        frequency: 50,
        timeout: 1_000,
        fn: async () => void runs[name]++,
      });
      scheduler.start();
    }
    await waitFor(() => runs.a >= 2 && runs.b >= 2);
    const [task] = await schedulers[0]!.forPlugin('cache').list();
    expect(task).toMatchObject({ id: 'refresh', scope: 'local', frequencyMs: 50 });
  });

  it.each(['global', 'local'] as const)('aborts the signal of a %s task at its timeout and records the error', async (scope) => {
    const scheduler = newScheduler(`timeout-${scope}`);
    let aborted = false;
    const service = scheduler.forPlugin(`timeouts-${scope}`);
    await service.schedule({
      id: 'slow',
      scope,
      frequency: { hours: 1 },
      timeout: 150,
      fn: async (signal) => {
        await untilAborted(signal).catch(() => {});
        aborted = signal.aborted;
      },
    });
    scheduler.start();
    await waitFor(async () => (await service.list())[0]?.lastRunError?.includes('timed out after 150 ms'));
    expect(aborted).toBe(true);
  });

  it('logs and stores a failing task and still schedules its next run', async () => {
    const scheduler = newScheduler('failing');
    let runs = 0;
    const service = scheduler.forPlugin('flaky');
    await service.schedule({
      id: 'boom',
      frequency: 100,
      timeout: 1_000,
      fn: async () => {
        runs++;
        throw new Error('boom: upstream is down');
      },
    });
    scheduler.start();
    await waitFor(() => runs >= 2);
    const task = await waitFor(async () => (await service.list()).find((t) => t.lastRunError));
    expect(task).toMatchObject({ lastRunError: 'boom: upstream is down' });
    expect(task.nextRunAt).not.toBeNull();
    expect(logger.entries.some((e) => e.level === 'error' && e.message.includes('flaky.boom failed: boom'))).toBe(true);
  });

  it.each(['global', 'local'] as const)('runs a manual %s task when triggered, refusing a second trigger while it runs', async (scope) => {
    const scheduler = newScheduler(`manual-${scope}`);
    const service = scheduler.forPlugin(`manual-${scope}`);
    let release!: () => void;
    let runs = 0;
    await service.schedule({
      id: 'reindex',
      scope,
      frequency: { manual: true },
      timeout: { seconds: 10 },
      fn: async () => {
        runs++;
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    scheduler.start();
    await sleep(100);
    expect(runs).toBe(0);
    await service.trigger('reindex');
    await waitFor(() => runs === 1);
    await expect(service.trigger('reindex')).rejects.toBeInstanceOf(ConflictError);
    expect((await service.list())[0]).toMatchObject({ running: true, frequencyMs: null });
    release();
    await waitFor(async () => !(await service.list())[0]?.running);
    expect((await service.list())[0]?.nextRunAt).toBeNull();
    await expect(service.trigger('missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('aborts running tasks on stop and waits for them', async () => {
    const scheduler = newScheduler('stopping');
    let ended = false;
    await scheduler.forPlugin('stopper').schedule({
      id: 'long',
      frequency: { hours: 1 },
      timeout: { minutes: 1 },
      fn: async (signal) => {
        await untilAborted(signal).catch(() => {});
        await sleep(20);
        ended = true;
      },
    });
    scheduler.start();
    await waitFor(async () => (await scheduler.forPlugin('stopper').list())[0]?.running);
    await scheduler.stop();
    expect(ended).toBe(true);
    // Stopping released the lease, so another instance can run the task right away.
    expect((await scheduler.forPlugin('stopper').list())[0]).toMatchObject({ running: false });
  });
});

describe('scheduler when a backend instance dies (pg)', () => {
  it('lets another instance run the task after the first lost its database mid-run', async () => {
    const logger = createTestLogger();
    const testDb = await createTestDatabase('pg', logger);
    const rootA = await createRootDatabase({ config: testDb.config, logger });
    const options = { logger, pollIntervalMs: 1_000, shutdownGraceMs: 100 };
    const a = createRootScheduler({ ...options, db: rootA, instanceId: 'a-dies' });
    const b = createRootScheduler({ ...options, db: testDb.root, instanceId: 'b-survives' });
    const started: string[] = [];
    let releaseA = () => {};
    const task = (name: string) => ({
      id: 'job',
      frequency: { hours: 1 },
      timeout: 1_000,
      fn: async () => {
        started.push(name);
        if (name === 'a') await new Promise<void>((resolve) => (releaseA = resolve));
      },
    });
    try {
      await a.forPlugin('jobs').schedule(task('a'));
      a.start();
      await waitFor(() => started.includes('a'));
      await rootA.close(); // the instance is gone: its lease is never released
      await b.forPlugin('jobs').schedule(task('b'));
      b.start();
      await waitFor(() => started.includes('b'), { timeoutMs: 5_000 });
      expect(started).toEqual(['a', 'b']);
    } finally {
      releaseA();
      await Promise.all([a.stop(), b.stop()]);
      await testDb.close();
    }
  });
});

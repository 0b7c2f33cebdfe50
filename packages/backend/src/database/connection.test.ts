import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ServiceUnavailableError } from '../api/errors.js';
import { ConfigReader } from '../config/ConfigReader.js';
import { createTestDatabase, createTestLogger, waitFor } from '../testing/database.js';
import { acquireFolderLock } from './lockFile.js';
import { createRootDatabase } from './rootDatabase.js';

const SECRET = 'hunter2-do-not-print';

function pgConfig(connection: string | Record<string, string | number>) {
  return new ConfigReader({ backend: { database: { client: 'pg', connection } } });
}

describe('connecting to a PostgreSQL server', () => {
  it('fails with one line naming host and port when the server is unreachable, without the password', async () => {
    const logger = createTestLogger();
    const error = await createRootDatabase({
      config: pgConfig({ host: '127.0.0.1', port: 1, user: 'atrium', password: SECRET, database: 'atrium' }),
      logger,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/atrium as atrium \(ECONNREFUSED\)\. Start the server, or fix backend\.database\.connection\.$/);
    expect(message).not.toContain(SECRET);
    expect(JSON.stringify(logger.entries)).not.toContain(SECRET);
  });

  it('never shows the password of a connection string', async () => {
    const error = await createRootDatabase({
      config: pgConfig(`postgres://atrium:${SECRET}@127.0.0.1:1/atrium`),
      logger: createTestLogger(),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('says which database is missing', async () => {
    const error = await createRootDatabase({
      config: pgConfig({ host: '/var/run/postgresql', user: 'root', database: 'atrium_no_such_db' }),
      logger: createTestLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/atrium_no_such_db.*does not exist.*backend\.database\.connection/);
  });

  it('re-LISTENs after the listening connection is killed', async () => {
    const testDb = await createTestDatabase('pg');
    try {
      const received: string[] = [];
      const unlisten = await testDb.root.listen('reconnect_channel', (payload) => received.push(payload));
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`.execute(testDb.root.getRootClient());
      // Notifications sent while reconnecting are lost by design; keep sending until one arrives.
      await waitFor(async () => {
        await testDb.root.notify('reconnect_channel', 'after');
        return received.includes('after');
      }, { intervalMs: 100 });
      await unlisten();
    } finally {
      await testDb.close();
    }
  });
});

describe('the embedded database folder lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-db-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('refuses a second open of the same folder and allows it again after close', async () => {
    const dir = tempDir();
    const config = new ConfigReader({ backend: { database: { client: 'pglite', connection: dir } } });
    const first = await createRootDatabase({ config, logger: createTestLogger() });
    try {
      await first.forPlugin('demo').migrate({ '1': { up: async (db) => void (await db.schema.createTable('t').addColumn('x', 'text').execute()) } });
      const error = await createRootDatabase({ config, logger: createTestLogger() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(
        `The embedded database folder ${dir} is in use by another Atrium process (pid ${process.pid}). ` +
          'Stop it, or set backend.database.connection to another folder.',
      );
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, '.atrium.lock'))).toBe(false);
    const reopened = await createRootDatabase({ config, logger: createTestLogger() });
    try {
      expect(await reopened.forPlugin('demo').getClient().selectFrom('t').selectAll().execute()).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = tempDir();
    // Pids are below 2^22 on Linux, so this one cannot be running.
    fs.writeFileSync(path.join(dir, '.atrium.lock'), String(2 ** 22 + 12345));
    const release = acquireFolderLock(dir);
    expect(fs.readFileSync(path.join(dir, '.atrium.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, '.atrium.lock'))).toBe(false);
  });
});

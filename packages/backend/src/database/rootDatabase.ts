import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config, DatabaseService, Logger, RootDatabaseService } from '../api/services.js';
import { ServiceUnavailableError } from '../api/errors.js';
import { readDatabaseSettings, type DatabaseSettings } from './connectionConfig.js';
import { acquireFolderLock } from './lockFile.js';
import type { NotificationHub } from './notificationHub.js';
import { openPgPool } from './pgConnection.js';
import { PgNotificationHub } from './pgNotifications.js';
import { createPluginDatabase } from './pluginDatabase.js';

const PING_TIMEOUT_MS = 3_000;
/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more. */
const MAX_NOTIFY_BYTES = 7_999;

interface OpenedDatabase {
  pool: pg.Pool;
  hub: NotificationHub;
  /** Releases whatever is below the pool (the PGlite instance and its folder lock). */
  closeEngine(): Promise<void>;
}

/**
 * Opens the database named by `backend.database.*`: embedded PGlite (default) or a PostgreSQL server. Both
 * are reached through one Kysely PostgresDialect over a `pg` pool, so plugins run the same SQL on either.
 */
export async function createRootDatabase(options: { config: Config; logger: Logger }): Promise<RootDatabaseService> {
  const logger = options.logger.child({ component: 'database' });
  const settings = readDatabaseSettings(options.config);
  const opened = settings.client === 'pglite' ? await openPglite(settings, logger) : await openPg(settings, logger);
  const { pool, hub } = opened;
  try {
    // Search (pg_trgm similarity, gin_trgm_ops) relies on it; on a server this needs the contrib package.
    await pool.query('create extension if not exists pg_trgm');
  } catch (error) {
    await closeAll(opened);
    throw new ServiceUnavailableError(
      `Could not enable the pg_trgm extension (${(error as Error).message}). Install PostgreSQL's contrib ` +
        'package or run "create extension pg_trgm" as a superuser.',
    );
  }
  const rootClient = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const plugins = new Map<string, DatabaseService>();
  let closing: Promise<void> | undefined;

  return {
    client: settings.client,
    forPlugin(pluginId) {
      let db = plugins.get(pluginId);
      if (!db) {
        db = createPluginDatabase({ pluginId, client: settings.client, pool });
        plugins.set(pluginId, db);
      }
      return db;
    },
    getRootClient: () => rootClient,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ServiceUnavailableError('The database did not answer within 3 s.')), PING_TIMEOUT_MS);
      });
      try {
        await Promise.race([pool.query('select 1'), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    listen: (channel, onNotify) => hub.listen(channel, onNotify),
    async notify(channel, payload) {
      if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
        throw new RangeError(`NOTIFY payload on "${channel}" is ${Buffer.byteLength(payload)} bytes; PostgreSQL allows < 8000.`);
      }
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close() {
      closing ??= closeAll(opened);
      return closing;
    },
  };
}

async function closeAll(opened: OpenedDatabase): Promise<void> {
  await opened.hub.close();
  await opened.pool.end();
  await opened.closeEngine();
}

async function openPglite(settings: Extract<DatabaseSettings, { client: 'pglite' }>, logger: Logger): Promise<OpenedDatabase> {
  let releaseLock = () => {};
  if (settings.dir) {
    fs.mkdirSync(settings.dir, { recursive: true });
    releaseLock = acquireFolderLock(settings.dir);
  }
  // Imported here, not above: a backend on a PostgreSQL server never loads PGlite's ~500 KB of JavaScript.
  const [{ PGlite }, { pg_trgm }, { createPgConfig }, { PgliteNotificationHub }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/node-postgres'),
    import('./pgliteNotifications.js'),
  ]);
  let pglite: PGlite;
  try {
    // The data lives in a subfolder so PGlite's initdb never meets our lock file.
    const dataDir = settings.dir ? path.join(settings.dir, 'pgdata') : undefined;
    pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  } catch (error) {
    releaseLock();
    throw error;
  }
  logger.info(settings.dir ? `Using the embedded database in ${settings.dir}` : 'Using an in-memory embedded database');
  const pool = new pg.Pool(createPgConfig(pglite));
  return {
    pool,
    hub: new PgliteNotificationHub(pglite, pool, logger),
    async closeEngine() {
      try {
        await pglite.close();
      } finally {
        releaseLock();
      }
    },
  };
}

async function openPg(settings: Extract<DatabaseSettings, { client: 'pg' }>, logger: Logger): Promise<OpenedDatabase> {
  const pool = await openPgPool(settings, logger);
  logger.info(`Using PostgreSQL at ${settings.target}`);
  const { max: _max, connectionTimeoutMillis, ...clientConfig } = settings.poolConfig;
  return {
    pool,
    hub: new PgNotificationHub({ ...clientConfig, connectionTimeoutMillis }, settings.password, logger),
    closeEngine: async () => {},
  };
}

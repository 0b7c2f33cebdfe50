import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config, JsonObject, Logger, LogMeta, RootDatabaseService } from '../api/services.js';
import { ConfigReader } from '../config/ConfigReader.js';
import { createRootDatabase } from '../database/rootDatabase.js';

/** Database suites run once per client: `describe.each(TEST_DATABASE_CLIENTS)('%s', (client) => …)`. */
export const TEST_DATABASE_CLIENTS = ['pglite', 'pg'] as const;
export type TestDatabaseClient = (typeof TEST_DATABASE_CLIENTS)[number];

export interface TestDatabase {
  client: TestDatabaseClient;
  /** Config data pointing at this database; open more instances on the same database with it (pg). */
  configData: JsonObject;
  config: Config;
  root: RootDatabaseService;
  /** Closes the root and, for pg, drops the database. */
  close(): Promise<void>;
}

const DEFAULT_ADMIN: pg.ClientConfig = { host: '/var/run/postgresql', user: 'root', database: 'postgres' };

/**
 * A fresh database: PGlite in memory, or a new randomly named database on the local PostgreSQL server
 * (`ATRIUM_TEST_PG_URL`, else user `root` over `/var/run/postgresql`). An unreachable server fails the
 * test loudly: the pg run must never pass by skipping.
 */
export async function createTestDatabase(client: TestDatabaseClient, logger: Logger = createTestLogger()): Promise<TestDatabase> {
  if (client === 'pglite') {
    const configData: JsonObject = { backend: { database: { client: 'pglite', connection: ':memory:' } } };
    const config = new ConfigReader(configData);
    const root = await createRootDatabase({ config, logger });
    return { client, configData, config, root, close: () => root.close() };
  }
  const url = process.env.ATRIUM_TEST_PG_URL;
  const admin = new pg.Client(url ? { connectionString: url } : DEFAULT_ADMIN);
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The pg test run needs PostgreSQL at ${url ? 'ATRIUM_TEST_PG_URL' : '/var/run/postgresql as user root'} ` +
        `(${(error as Error).message}). Start it (pg_ctlcluster 15 main start) or set ATRIUM_TEST_PG_URL.`,
      { cause: error },
    );
  }
  const name = `atrium_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const connection = url ? withDatabase(url, name) : { ...DEFAULT_ADMIN, database: name };
  const configData: JsonObject = { backend: { database: { client: 'pg', connection: connection as JsonObject | string } } };
  const config = new ConfigReader(configData);
  const root = await createRootDatabase({ config, logger });
  return {
    client,
    configData,
    config,
    root,
    async close() {
      await root.close();
      const dropper = new pg.Client(url ? { connectionString: url } : DEFAULT_ADMIN);
      await dropper.connect();
      try {
        // FORCE: a test that left a second instance open must not leak the database.
        await dropper.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface LogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta?: LogMeta;
  fields: Record<string, unknown>;
}

/** A logger that keeps entries in memory (`logger.entries`) so tests can assert on what was logged. */
export function createTestLogger(
  entries: LogEntry[] = [],
  fields: Record<string, unknown> = {},
): Logger & { entries: LogEntry[] } {
  const log = (level: LogEntry['level']) => (message: string, meta?: LogMeta) => {
    entries.push({ level, message, meta, fields });
    if (process.env.ATRIUM_TEST_LOG) console.log(`[${level}]`, message, fields, meta ?? '');
  };
  return {
    entries,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (more) => createTestLogger(entries, { ...fields, ...more }),
  };
}

/** Polls until `condition` returns a truthy value (or stops throwing); fails with the last reason after `timeoutMs`. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw lastError instanceof Error ? lastError : new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

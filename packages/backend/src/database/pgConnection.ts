import pg from 'pg';
import type { Logger } from '../api/services.js';
import { ConfigError, ServiceUnavailableError, type AtriumError } from '../api/errors.js';
import { redactPassword, type DatabaseSettings } from './connectionConfig.js';

type PgSettings = Extract<DatabaseSettings, { client: 'pg' }>;

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT', 'ECONNRESET']);

/**
 * Opens the pool and proves it can connect, so a wrong address fails the start with one line saying what
 * to fix instead of failing the first query of some plugin later.
 */
export async function openPgPool(settings: PgSettings, logger: Logger): Promise<pg.Pool> {
  const pool = new pg.Pool(settings.poolConfig);
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would kill the process.
  pool.on('error', (error) => {
    logger.warn(`PostgreSQL connection at ${settings.target} dropped: ${redactPassword(error.message, settings.password)}`);
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw describeConnectError(error, settings);
  }
  return pool;
}

/** Turns a driver error into one actionable line; never includes the password. */
export function describeConnectError(error: unknown, settings: Pick<PgSettings, 'target' | 'password'>): AtriumError {
  const err = error as { code?: string; message?: string };
  const detail = redactPassword(err.message ?? String(error), settings.password);
  const where = `PostgreSQL at ${settings.target}`;
  if (err.code && UNREACHABLE_CODES.has(err.code)) {
    return new ServiceUnavailableError(
      `Cannot reach ${where} (${err.code}). Start the server, or fix backend.database.connection.`,
    );
  }
  if (/timeout/i.test(detail)) {
    return new ServiceUnavailableError(
      `Timed out connecting to ${where}. Check that the server is up and reachable, or fix backend.database.connection.`,
    );
  }
  if (err.code === '28P01' || err.code === '28000') {
    return new ConfigError(`${where} refused the login (${detail}). Fix the user/password in backend.database.connection.`);
  }
  if (err.code === '3D000') {
    return new ConfigError(`${where}: ${detail}. Create the database, or fix backend.database.connection.`);
  }
  return new ServiceUnavailableError(`Cannot connect to ${where}: ${detail}`);
}

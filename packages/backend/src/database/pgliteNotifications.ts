import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Logger } from '../api/services.js';
import { NotificationHub, quoteIdentifier } from './notificationHub.js';

/**
 * LISTEN/NOTIFY on the embedded database. PGlite is a single session: LISTEN goes through the same pool
 * as every other query (so it never lands inside someone else's open transaction), and PGlite hands every
 * notification of that session to `onNotification`.
 */
export class PgliteNotificationHub extends NotificationHub {
  readonly #pool: pg.Pool;
  readonly #unsubscribe: () => void;

  constructor(pglite: PGlite, pool: pg.Pool, logger: Logger) {
    super(logger);
    this.#pool = pool;
    this.#unsubscribe = pglite.onNotification((channel, payload) => this.dispatch(channel, payload));
  }

  protected async startChannel(channel: string): Promise<void> {
    await this.#pool.query(`LISTEN ${quoteIdentifier(channel)}`);
  }

  protected async stopChannel(channel: string): Promise<void> {
    await this.#pool.query(`UNLISTEN ${quoteIdentifier(channel)}`);
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    this.clearChannels();
  }
}

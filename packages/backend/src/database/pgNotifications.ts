import pg from 'pg';
import type { Logger } from '../api/services.js';
import { redactPassword } from './connectionConfig.js';
import { NotificationHub, quoteIdentifier } from './notificationHub.js';

const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * LISTEN/NOTIFY on a PostgreSQL server. LISTEN is tied to a session, so it uses one dedicated client outside
 * the pool (a pooled client would be handed to other queries and recycled). If that connection drops it is
 * re-opened with backoff and every channel is LISTENed again; notifications sent meanwhile are lost,
 * which PostgreSQL does not buffer for absent listeners anyway.
 */
export class PgNotificationHub extends NotificationHub {
  readonly #clientConfig: pg.ClientConfig;
  readonly #password: string | undefined;
  #client: Promise<pg.Client> | undefined;
  #closed = false;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #reconnectDelay = 250;

  constructor(clientConfig: pg.ClientConfig, password: string | undefined, logger: Logger) {
    super(logger);
    this.#clientConfig = clientConfig;
    this.#password = password;
  }

  protected async startChannel(channel: string): Promise<void> {
    const client = await this.#connected();
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
  }

  protected async stopChannel(channel: string): Promise<void> {
    if (!this.#client) return;
    const client = await this.#client.catch(() => undefined);
    await client?.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => {});
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    this.clearChannels();
    const client = await this.#client?.catch(() => undefined);
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #connected(): Promise<pg.Client> {
    this.#client ??= this.#connect().catch((error) => {
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client(this.#clientConfig);
    client.on('notification', (msg) => this.dispatch(msg.channel, msg.payload ?? ''));
    client.on('error', (error) => this.#onDropped(client, error));
    client.on('end', () => this.#onDropped(client));
    await client.connect();
    return client;
  }

  #onDropped(client: pg.Client, error?: Error): void {
    if (this.#closed || this.#reconnectTimer) return;
    client.removeAllListeners();
    client.on('error', () => {}); // late errors from the dead socket
    client.end().catch(() => {});
    const reason = error ? redactPassword(error.message, this.#password) : 'connection ended';
    this.logger.warn(`LISTEN connection to PostgreSQL dropped (${reason}); reconnecting`);
    this.#client = undefined;
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    this.#reconnectTimer = setTimeout(async () => {
      this.#reconnectTimer = undefined;
      if (this.#closed) return;
      try {
        const client = await this.#connected();
        for (const channel of this.activeChannels()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
        this.#reconnectDelay = 250;
        this.logger.info('LISTEN connection to PostgreSQL restored');
      } catch (error) {
        this.logger.warn(`Reconnecting the LISTEN connection failed: ${redactPassword(String((error as Error).message), this.#password)}`);
        this.#reconnectDelay = Math.min(this.#reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
        const failed = this.#client;
        this.#client = undefined;
        failed?.then((c) => c.end()).catch(() => {});
        if (!this.#closed && !this.#reconnectTimer) this.#scheduleReconnect();
      }
    }, this.#reconnectDelay);
    this.#reconnectTimer.unref();
  }
}

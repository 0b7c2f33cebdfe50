import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Migration, RootDatabaseService } from '../api/services.js';
import { FRAMEWORK_SCHEMA } from '../database/pluginDatabase.js';
import { migrateFrameworkTables } from '../database/frameworkTables.js';

const migrations: Record<string, Migration> = {
  '20260101_event_payloads': {
    async up(db) {
      await db.schema
        .createTable('event_payloads')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('message_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('event_payloads_created_at').on('event_payloads').column('created_at').execute();
    },
  },
};

/**
 * Holds event messages too large for a NOTIFY (PostgreSQL's limit is 8000 bytes); the NOTIFY then carries
 * only the row id. Rows are kept for a while so slow instances can still read them, then deleted.
 */
export class EventPayloadStore {
  readonly #root: RootDatabaseService;
  readonly #db: Kysely<any>;

  constructor(root: RootDatabaseService) {
    this.#root = root;
    this.#db = root.getRootClient().withSchema(FRAMEWORK_SCHEMA);
  }

  migrate(): Promise<void> {
    return migrateFrameworkTables(this.#root, 'events', migrations);
  }

  async save(messageJson: string): Promise<string> {
    const id = randomUUID();
    await this.#db.insertInto('event_payloads').values({ id, message_json: messageJson }).execute();
    return id;
  }

  async load(id: string): Promise<string | undefined> {
    const row = await this.#db.selectFrom('event_payloads').select('message_json').where('id', '=', id).executeTakeFirst();
    return row?.message_json as string | undefined;
  }

  async deleteOlderThan(ageMs: number): Promise<number> {
    const result = await this.#db
      .deleteFrom('event_payloads')
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${ageMs}::float8 / 1000)`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

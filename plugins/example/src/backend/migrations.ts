import { sql, type Kysely, type Migration } from 'kysely';

/** The example plugin's tables, in its own schema (the database service scopes them). */
export const migrations: Record<string, Migration> = {
  '0001_greetings': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('greetings')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('entity_ref', 'text')
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('greetings_entity_ref_idx').on('greetings').columns(['entity_ref', 'id']).execute();
    },
  },
  '0002_heartbeat': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('heartbeat')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_run_at', 'timestamptz')
        .execute();
      await db.insertInto('heartbeat').values({ id: 1, runs: 0 }).execute();
    },
  },
};

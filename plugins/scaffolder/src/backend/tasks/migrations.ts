import { sql, type Kysely, type Migration } from 'kysely';

/** The scaffolder's tables, in its own schema. */
export const migrations: Record<string, Migration> = {
  '0001_tasks': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('tasks')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('spec', 'jsonb', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('template_ref', 'text')
        // AES-GCM ciphertext of the secrets; cleared when the task ends.
        .addColumn('secrets', 'text')
        .addColumn('output', 'jsonb')
        .addColumn('claimed_by', 'text')
        .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_heartbeat_at', 'timestamptz')
        .addColumn('completed_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('tasks_status_idx').on('tasks').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('tasks_created_by_idx').on('tasks').columns(['created_by', 'created_at']).execute();
      await db.schema
        .createTable('task_events')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('body', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('task_events_task_idx').on('task_events').columns(['task_id', 'id']).execute();
      await db.schema
        .createTable('keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

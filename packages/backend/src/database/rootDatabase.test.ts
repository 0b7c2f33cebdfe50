import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Migration } from '../api/services.js';
import { createRootDatabase } from './rootDatabase.js';
import { createTestDatabase, createTestLogger, TEST_DATABASE_CLIENTS, waitFor, type TestDatabase } from '../testing/database.js';

const itemsTable: Record<string, Migration> = {
  '0001_items': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('items').addColumn('name', 'text', (c) => c.primaryKey()).execute();
    },
  },
  // Raw SQL must land in the plugin's schema too, not in public.
  '0002_raw_notes': {
    async up(db: Kysely<any>) {
      await sql`create table notes (body text)`.execute(db);
    },
  },
};

describe.each(TEST_DATABASE_CLIENTS)('database on %s', (client) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(client);
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('gives each plugin its own schema, so equal table names do not collide', async () => {
    const catalog = testDb.root.forPlugin('catalog');
    const techDocs = testDb.root.forPlugin('tech-docs');
    expect(techDocs.schema).toBe('tech_docs');
    expect(catalog.client).toBe(client);
    await catalog.migrate(itemsTable);
    await techDocs.migrate(itemsTable);
    await catalog.migrate(itemsTable); // a restart: nothing left to run

    await catalog.getClient().insertInto('items').values({ name: 'from-catalog' }).execute();
    await techDocs.getClient().insertInto('notes').values({ body: 'docs note' }).execute();
    expect(await catalog.getClient().selectFrom('items').select('name').execute()).toEqual([{ name: 'from-catalog' }]);
    expect(await techDocs.getClient().selectFrom('items').selectAll().execute()).toEqual([]);
    expect(await catalog.getClient().selectFrom('notes').selectAll().execute()).toEqual([]);

    const tables = await sql<{ table_schema: string }>`
      select table_schema from information_schema.tables where table_name = 'notes' order by 1`.execute(testDb.root.getRootClient());
    expect(tables.rows.map((r) => r.table_schema)).toEqual(['catalog', 'tech_docs']);
  });

  it('runs a migration added since the last start, and refuses a history that names migrations the code lacks', async () => {
    const db = testDb.root.forPlugin('upgraded');
    await db.migrate(itemsTable);
    await db.migrate(itemsTable); // everything applied: the quick check answers
    const withTags: Record<string, Migration> = {
      ...itemsTable,
      '0003_tags': { up: async (scoped) => void (await scoped.schema.createTable('tags').addColumn('tag', 'text').execute()) },
    };
    await db.migrate(withTags);
    expect(await db.getClient().selectFrom('tags').selectAll().execute()).toEqual([]);
    await expect(db.migrate(itemsTable)).rejects.toThrow(/plugin "upgraded"/);
  });

  it('creates the schema on first use of getClient, without migrate', async () => {
    const db = testDb.root.forPlugin('no-migrations').getClient();
    await db.schema.createTable('things').addColumn('id', 'integer').execute();
    const row = await sql<{ n: string }>`select count(*) as n from no_migrations.things`.execute(testDb.root.getRootClient());
    expect(row.rows[0]?.n).toBe('0');
  });

  it('names the plugin and the migration when a migration fails', async () => {
    const broken: Record<string, Migration> = {
      '0001_ok': { up: async (db) => void (await db.schema.createTable('fine').addColumn('id', 'integer').execute()) },
      '0002_broken': { up: async (db) => void (await sql`select * from missing_table`.execute(db)) },
    };
    await expect(testDb.root.forPlugin('broken-plugin').migrate(broken)).rejects.toThrow(
      /Migration "0002_broken" of plugin "broken-plugin" failed: .*missing_table/,
    );
  });

  it('runs each migration once when two instances migrate at the same time', async () => {
    const second = client === 'pg' ? await createRootDatabase({ config: testDb.config, logger: createTestLogger() }) : testDb.root;
    try {
      const counting: Record<string, Migration> = {
        '0001_counter': {
          async up(db) {
            await db.schema.createTable('runs').addColumn('at', 'timestamptz').execute();
            await db.insertInto('runs').values({ at: sql`now()` }).execute();
          },
        },
      };
      await Promise.all([testDb.root.forPlugin('racing').migrate(counting), second.forPlugin('racing').migrate(counting)]);
      const runs = await testDb.root.forPlugin('racing').getClient().selectFrom('runs').selectAll().execute();
      expect(runs).toHaveLength(1);
    } finally {
      if (second !== testDb.root) await second.close();
    }
  });

  it('rejects plugin ids that cannot be a schema of their own', () => {
    expect(() => testDb.root.forPlugin('public')).toThrow(/cannot name a database schema/);
    expect(() => testDb.root.forPlugin('atrium-backend')).toThrow(/cannot name a database schema/);
  });

  it('delivers NOTIFY to listeners until they unsubscribe', async () => {
    const received: string[] = [];
    const unlisten = await testDb.root.listen('test_channel', (payload) => received.push(payload));
    await testDb.root.notify('test_channel', 'one');
    await waitFor(() => received.includes('one'));
    await unlisten();
    await testDb.root.notify('test_channel', 'two');
    await testDb.root.notify('other_channel', 'x');
    await testDb.root.ping(); // a round trip after the NOTIFYs, by which time a delivery would have arrived
    expect(received).toEqual(['one']);
  });

  it('has pg_trgm available and answers ping', async () => {
    await testDb.root.ping();
    const res = await sql<{ s: number }>`select similarity('backstage', 'backstag') as s`.execute(testDb.root.getRootClient());
    expect(res.rows[0]?.s).toBeGreaterThan(0.5);
  });
});

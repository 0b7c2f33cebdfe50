import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, TEST_DATABASE_CLIENTS, type TestDatabase } from '@atrium/backend/testing';
import { catalogMigrations } from './migrations.js';
import { writeFinalEntity } from '../processing/stitch.js';
import type { CatalogDb } from './entityRows.js';

describe.each(TEST_DATABASE_CLIENTS)('catalog tables on %s', (client) => {
  let database: TestDatabase;
  let c: CatalogDb;

  beforeAll(async () => {
    database = await createTestDatabase(client);
    const service = database.root.forPlugin('catalog');
    await service.migrate(catalogMigrations);
    c = { db: service.getClient(), schema: service.schema };
  });
  afterAll(() => database?.close());

  it('compresses stored entities with lz4 where the database has it, and reads them back whole', async () => {
    const { rows: offered } = await sql<{ lz4: boolean }>`select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(c.db);
    const lz4 = offered[0]!.lz4;
    // The server this project tests against is built with lz4; the embedded database is not.
    expect(lz4).toBe(client === 'pg');
    const id = '00000000-0000-4000-8000-000000000001';
    const final = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'big', uid: id, etag: 'e1', description: 'words '.repeat(800) }, spec: {} };
    await writeFinalEntity(c, id, 'component:default/big', final);
    const { rows } = await sql<{ method: string | null; text: string }>`select pg_column_compression(final_text) as method, final_text as text from ${sql.table(`${c.schema}.final_entities`)} where id = ${id}`.execute(c.db);
    expect(rows[0]).toEqual({ method: lz4 ? 'lz4' : 'pglz', text: JSON.stringify(final) });
  });
});

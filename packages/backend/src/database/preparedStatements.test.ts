import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_CLIENTS, type TestDatabase } from '../testing/database.js';
import { PREPARE } from './preparedStatements.js';

describe.each(TEST_DATABASE_CLIENTS)('prepared statements on %s', (client) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(client);
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('prepares a marked statement once per connection and reuses it, with each call’s parameters', async () => {
    const db = testDb.root.forPlugin('prepared').getClient();
    const names = await db.transaction().execute(async (tx) => {
      const results: number[] = [];
      for (const n of [1, 2, 3]) results.push(Number((await sql<{ n: number }>`${sql.raw(PREPARE)} select ${n}::int * 10 as n`.execute(tx)).rows[0]!.n));
      expect(results).toEqual([10, 20, 30]);
      await sql`select ${4}::int as unmarked`.execute(tx);
      return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(tx)).rows;
    });
    // One named statement for the marked text, none for the unmarked one.
    expect(names).toHaveLength(1);
    expect(names[0]!.name).toMatch(/^atrium_/);
    expect(names[0]!.statement).toContain('* 10 as n');
  });

  it('keeps statements with different text apart', async () => {
    const db = testDb.root.forPlugin('prepared').getClient();
    const [a, b] = await Promise.all([
      sql<{ v: string }>`${sql.raw(PREPARE)} select ${'a'}::text as v`.execute(db),
      sql<{ v: string }>`${sql.raw(PREPARE)} select ${'b'}::text || 'x' as v`.execute(db),
    ]);
    expect([a.rows[0]!.v, b.rows[0]!.v]).toEqual(['a', 'bx']);
  });
});

import { sql, type Kysely } from 'kysely';
import { PREPARE } from '@atrium/backend';

/**
 * The index's change counter: moved on after every write queries can see has committed; a cached answer
 * is reused only while the counter reads what it read before the answer was computed (see ResultCache).
 * `shared`: other instances may write the same database (a PostgreSQL server), so the counter is a
 * sequence there, read at every query. The embedded database belongs to one process (its folder is
 * locked), so there the counter is this process's own and costs no statement to read.
 */
export class IndexChanges {
  private local = 0;

  /** Without the client's plugins: the statements name their schema (see SearchEngine.statements). */
  private readonly db: Kysely<any>;

  constructor(db: Kysely<any>, private readonly schema: string, private readonly shared = true) {
    this.db = db.withoutPlugins();
  }

  /** After a write has committed. A sequence: writers never wait on each other for it. */
  async moved(): Promise<void> {
    await sql`select nextval(${`${this.schema}.change_seq`})`.execute(this.db);
    this.local++;
  }

  async version(): Promise<string> {
    if (!this.shared) return String(this.local);
    const { rows } = await sql<{ v: string }>`${sql.raw(PREPARE)}
      select last_value::text || ':' || is_called::text as v from ${sql.table(`${this.schema}.change_seq`)}`.execute(this.db);
    return rows[0]?.v ?? '';
  }
}

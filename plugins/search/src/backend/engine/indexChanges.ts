import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PREPARE } from '@atrium/backend';

/** Write calls between foldings of the change log into one row (see moved). */
const FOLD_EVERY = 64;

/**
 * The index's version: a cached answer is reused only while the version reads what the answer was
 * computed at (see ResultCache). `shared`: other instances may write the same database (a PostgreSQL
 * server), so the version is read from the database: the sum of the change log (migration 0007), which
 * every writing statement adds to in its own transaction. A query reads it in its own statement
 * (`versionSql`), so the version it is stored under is the one its snapshot saw, and a fresh answer
 * costs no statement of its own. The embedded database belongs to one process (its folder is locked), so
 * there the version is this process's own counter, moved after every write, and costs no statement.
 */
export class IndexChanges {
  private local = 0;
  private writes = 0;

  /** Without the client's plugins: the statements name their schema (see SearchEngine.statements). */
  private readonly db: Kysely<any>;

  constructor(db: Kysely<any>, private readonly schema: string, readonly shared = true) {
    this.db = db.withoutPlugins();
  }

  /**
   * After a write has committed. The change log has already moved with it; the sequence is moved on as
   * before for instances of an earlier version on the same database, which read it. Now and then the
   * log's rows are folded into one: deleted and summed in one statement, so every snapshot sees the same
   * sum, and a folding running at the same time sums only the rows it deleted itself. `fold`: now (after
   * a reindex, whose every batch added a row).
   */
  async moved(fold = false): Promise<void> {
    this.local++;
    if (!this.shared) return;
    await sql`select nextval(${`${this.schema}.change_seq`})`.execute(this.db);
    if (++this.writes % FOLD_EVERY === 0 || fold) {
      const log = sql.table(`${this.schema}.changes`);
      await sql`with gone as (delete from ${log} returning n) insert into ${log} (n) select sum(n) from gone having count(*) > 0`.execute(this.db);
    }
  }

  /** The version now: read before reusing a cached answer. */
  async version(): Promise<string> {
    if (!this.shared) return String(this.local);
    const { rows } = await sql<{ v: string }>`${sql.raw(PREPARE)} select ${this.versionSql()} as v`.execute(this.db);
    return rows[0]?.v ?? '';
  }

  /** The version as an expression of a query's own statement (shared only). */
  versionSql(): RawBuilder<string> {
    return sql<string>`(select sum(n)::text from ${sql.table(`${this.schema}.changes`)})`;
  }
}

import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import type { Migration } from '../api/services.js';
import { StartupError } from '../api/errors.js';

export interface RunMigrationsOptions {
  /** Kysely whose queries default to `schema`; migrations receive it (inside the migration transaction). */
  db: Kysely<any>;
  schema: string;
  migrations: Record<string, Migration>;
  /** Who owns the migrations, for error messages: `plugin "catalog"`. */
  owner: string;
  /** Lets several owners keep separate histories in one schema (the framework's own tables). */
  tableName?: string;
}

/**
 * Runs migrations with Kysely's Migrator, its history table in the owner's schema. The Migrator holds a
 * PostgreSQL advisory lock while it works, so backend instances starting together run each migration once.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<void> {
  const { db, schema, owner } = options;
  const table = options.tableName ?? 'atrium_migrations';
  if (await allApplied(db, schema, table, Object.keys(options.migrations))) return;
  const provider: MigrationProvider = {
    async getMigrations() {
      return Object.fromEntries(
        Object.entries(options.migrations).map(([name, migration]) => [name, scopeToSchema(migration, schema)]),
      );
    },
  };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableSchema: schema,
    migrationTableName: table,
    migrationLockTableName: `${table}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;
  const failed = results?.find((result) => result.status === 'Error');
  const message = error instanceof Error ? error.message : String(error);
  throw new StartupError(
    failed
      ? `Migration "${failed.migrationName}" of ${owner} failed: ${message}`
      : `Migrating the database of ${owner} failed: ${message}`,
    { cause: error },
  );
}

/**
 * Whether the history already holds exactly these migrations, as on every start but the first after
 * an upgrade. Kysely's Migrator finds that out in ~10 round trips, two of them reading every column of
 * every table in the database; these are two cheap ones. Anything else (a fresh schema, a new
 * migration, a history with names the code does not know) is left to the Migrator and its checks.
 */
async function allApplied(db: Kysely<any>, schema: string, table: string, names: string[]): Promise<boolean> {
  const found = await sql<{ exists: boolean }>`select to_regclass(${`${quote(schema)}.${quote(table)}`}) is not null as exists`.execute(db);
  if (!found.rows[0]?.exists) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.table(`${schema}.${table}`)}`.execute(db);
  const known = new Set(names);
  return applied.rows.length === known.size && applied.rows.every((r) => known.has(r.name));
}

/**
 * Query builders already target the schema through `withSchema`; raw `sql` in a migration does not, so
 * the search path is pointed at the schema for the migration's transaction too (`public` stays on it for
 * extensions such as pg_trgm).
 */
function scopeToSchema(migration: Migration, schema: string): Migration {
  const withSearchPath = async (db: Kysely<any>, step: (db: Kysely<any>) => Promise<void>) => {
    await sql`select set_config('search_path', ${`${quote(schema)}, public`}, true)`.execute(db);
    await step(db);
  };
  const down = migration.down;
  return {
    up: (db) => withSearchPath(db, (scoped) => migration.up(scoped)),
    ...(down && { down: (db: Kysely<any>) => withSearchPath(db, (scoped) => down.call(migration, scoped)) }),
  };
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

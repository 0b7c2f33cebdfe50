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
  const provider: MigrationProvider = {
    async getMigrations() {
      return Object.fromEntries(
        Object.entries(options.migrations).map(([name, migration]) => [name, scopeToSchema(migration, schema)]),
      );
    },
  };
  const table = options.tableName ?? 'atrium_migrations';
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

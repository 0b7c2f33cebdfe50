import type { Migration, RootDatabaseService } from '../api/services.js';
import { runMigrations } from './migrations.js';
import { FRAMEWORK_SCHEMA } from './pluginDatabase.js';

/**
 * Migrates tables the framework itself owns (scheduler leases, large event payloads) in the
 * `atrium_backend` schema. Each component keeps its own migration history so they evolve independently.
 */
export async function migrateFrameworkTables(
  db: RootDatabaseService,
  component: string,
  migrations: Record<string, Migration>,
): Promise<void> {
  await runMigrations({
    db: db.getRootClient().withSchema(FRAMEWORK_SCHEMA),
    schema: FRAMEWORK_SCHEMA,
    migrations,
    owner: `the framework's ${component}`,
    tableName: `${component}_migrations`,
  });
}

import { Kysely, PostgresDialect } from 'kysely';
import { withPreparedStatements } from './preparedStatements.js';
import type pg from 'pg';
import type { DatabaseService, Migration } from '../api/services.js';
import { InputError } from '../api/errors.js';
import { runMigrations } from './migrations.js';

/** The schema that holds the framework's own tables (scheduler, events); no plugin may take it. */
export const FRAMEWORK_SCHEMA = 'atrium_backend';

const RESERVED_SCHEMAS = new Set(['public', 'information_schema', FRAMEWORK_SCHEMA]);

/** `my-plugin` → `my_plugin`. Throws for ids that cannot be a schema of their own. */
export function pluginSchemaName(pluginId: string): string {
  const schema = pluginId.replace(/-/g, '_');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema) || schema.startsWith('pg_') || RESERVED_SCHEMAS.has(schema)) {
    throw new InputError(
      `Plugin id "${pluginId}" cannot name a database schema: use lowercase letters, digits and dashes, ` +
        `start with a letter, at most 63 characters, and not "public", "pg_*" or "${FRAMEWORK_SCHEMA}".`,
    );
  }
  return schema;
}

export function createPluginDatabase(options: {
  pluginId: string;
  client: 'pglite' | 'pg';
  pool: pg.Pool;
}): DatabaseService {
  const { pluginId, pool } = options;
  const schema = pluginSchemaName(pluginId);
  let schemaReady: Promise<void> | undefined;
  const ensureSchema = (): Promise<void> => {
    schemaReady ??= createSchema(pool, schema).catch((error) => {
      schemaReady = undefined; // let the next query try again
      throw error;
    });
    return schemaReady;
  };
  // Kysely resolves a pool function before its first query: the schema is created there, lazily, without
  // making getClient() async. end() is a no-op so a plugin destroying its client cannot close the shared pool.
  const kysely = new Kysely<any>({
    dialect: new PostgresDialect({
      pool: async () => {
        await ensureSchema();
        return { connect: async () => withPreparedStatements(await pool.connect()), end: async () => {} };
      },
    }),
  }).withSchema(schema);

  return {
    schema,
    client: options.client,
    async migrate(migrations: Record<string, Migration>) {
      await ensureSchema();
      await runMigrations({ db: kysely, schema, migrations, owner: `plugin "${pluginId}"` });
    },
    getClient<DB = any>() {
      return kysely as Kysely<DB>;
    },
  };
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    // `schema` passed pluginSchemaName's pattern, so quoting it is enough.
    await pool.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    // Two instances creating the schema at once: one of them sees a unique violation; the schema exists.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}


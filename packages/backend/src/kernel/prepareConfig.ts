import type { z } from 'zod';
import type { Config, JsonObject, Logger } from '../api/services.js';
import { ConfigReader, coreConfigSchemaEntry, frontendConfig, loadConfig, secretValues, validateConfig, type ConfigSchemaEntry } from '../config/index.js';
import { createRootLogger, defaultLogFormat } from '../logging/index.js';

/**
 * Loads, merges and validates the config against the framework's and every feature's schema, then
 * makes the root logger, which redacts every secret value the schemas name.
 */
export async function prepareConfig(options: {
  configFiles?: string[];
  config?: JsonObject;
  env?: NodeJS.ProcessEnv;
  schemas: Array<{ owner: string; schema: z.ZodType }>;
  logDestination?: NodeJS.WritableStream;
}): Promise<{ config: Config; logger: Logger; frontendConfig: JsonObject }> {
  const loaded = await loadConfig({
    files: options.configFiles ?? [],
    env: options.env,
    layers: options.config ? [{ origin: 'command line', data: options.config }] : [],
  });
  const schemas: ConfigSchemaEntry[] = [coreConfigSchemaEntry, ...options.schemas];
  const data = validateConfig(loaded.data, schemas, { sources: loaded.sources });
  const config = new ConfigReader(data, { sources: loaded.sources });
  const format = (config.getOptionalString('backend.log.format') as 'json' | 'pretty' | undefined) ?? defaultLogFormat(options.env);
  const logger = createRootLogger({
    level: config.getOptionalString('backend.log.level') ?? 'info',
    format,
    redactions: redactionsFor(config, secretValues(data, schemas)),
    destination: options.logDestination,
  });
  return { config, logger, frontendConfig: frontendConfig(data, schemas) };
}

/**
 * `backend.database.connection` is secret because a PostgreSQL URL can carry a password, but for the
 * embedded database it is just a folder, which logs should show.
 */
function redactionsFor(config: Config, secrets: string[]): string[] {
  if (config.getOptionalString('backend.database.client') !== 'pglite') return secrets;
  const folder = config.getOptional('backend.database.connection');
  return secrets.filter((s) => s !== folder);
}

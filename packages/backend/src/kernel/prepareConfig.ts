import type { z } from 'zod';
import type { Config, JsonObject, Logger } from '../api/services.js';
import { ConfigReader, coreConfigSchemaEntry, frontendConfig, loadConfig, secretValues, validateConfig, type ConfigSchemaEntry } from '../config/index.js';
import { mergeLayer } from '../config/mergeConfig.js';
import { createRootLogger, type LogFormat } from '../logging/index.js';

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
  const loaded = await loadConfig({ files: options.configFiles ?? [], env: options.env });
  if (options.config) mergeLayer(loaded.data, options.config, 'command line', loaded.sources.origins as Map<string, string>);
  const schemas: ConfigSchemaEntry[] = [coreConfigSchemaEntry, ...options.schemas];
  const data = validateConfig(loaded.data, schemas, { sources: loaded.sources });
  const config = new ConfigReader(data);
  const env = options.env ?? process.env;
  const format = (config.getOptionalString('backend.log.format') as LogFormat | undefined)
    ?? (env.NODE_ENV !== 'production' && process.stdout.isTTY ? 'pretty' : 'json');
  const logger = createRootLogger({
    level: config.getOptionalString('backend.log.level') ?? 'info',
    format,
    redactions: secretValues(data, schemas),
    destination: options.logDestination,
  });
  return { config, logger, frontendConfig: frontendConfig(data, schemas) };
}

import { coreServices } from '../api/coreServices.js';
import { createServiceFactory } from '../api/serviceRef.js';
import type { Config } from '../api/services.js';
import { createRootLogger, type LogFormat, type LogLevel, type RootLogger } from './createRootLogger.js';

export interface RootLoggerFactoryOptions {
  /** Secret values to redact from the first line on, typically `secretValues(config, schemas)`. */
  redactions?: Iterable<string>;
  /** Overrides `backend.log.level`. */
  level?: LogLevel;
  /** Overrides `backend.log.format`. */
  format?: LogFormat;
  /** Default `process.stdout`; tests pass a stream to read the lines back. */
  destination?: NodeJS.WritableStream;
}

/**
 * `json` in production or when output is not a terminal (collectors want one JSON object per line),
 * `pretty` for a developer watching a terminal.
 */
export function defaultLogFormat(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean } = process.stdout): LogFormat {
  return env['NODE_ENV'] !== 'production' && stdout.isTTY === true ? 'pretty' : 'json';
}

/**
 * The root logger, configured by `backend.log.level` (else `LOG_LEVEL`, else `info`) and
 * `backend.log.format` (else `defaultLogFormat()`). Secrets known only later can be added through
 * `RootLogger.addRedactions`.
 */
export function createRootLoggerServiceFactory(options: RootLoggerFactoryOptions = {}) {
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: { config: coreServices.rootConfig },
    factory: ({ config }): RootLogger =>
      createRootLogger({
        level: options.level ?? readLevel(config),
        format: options.format ?? (config.getOptionalString('backend.log.format') as LogFormat | undefined) ?? defaultLogFormat(),
        redactions: options.redactions,
        destination: options.destination,
      }),
  });
}

/** The root logger without extra redactions. */
export const rootLoggerServiceFactory = createRootLoggerServiceFactory();

/** Each plugin's logger: a child of the root logger that adds `plugin: <pluginId>` to every line. */
export const loggerServiceFactory = createServiceFactory({
  service: coreServices.logger,
  deps: { rootLogger: coreServices.rootLogger, pluginMetadata: coreServices.pluginMetadata },
  factory: ({ rootLogger, pluginMetadata }) => rootLogger.child({ plugin: pluginMetadata.getId() }),
});

function readLevel(config: Config): LogLevel | undefined {
  return (config.getOptionalString('backend.log.level') ?? process.env['LOG_LEVEL']) as LogLevel | undefined;
}

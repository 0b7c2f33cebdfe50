import { pino, type Logger as PinoLogger } from 'pino';
import { createRequire } from 'node:module';
import type { prettyFactory as PrettyFactory } from 'pino-pretty';
import { ConfigError } from '../api/errors.js';
import type { Logger, LogMeta } from '../api/services.js';
import { createRedactor, type Redactor } from './redactor.js';
import { metaToFields } from './serializeMeta.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'json' | 'pretty';
const LEVELS: readonly string[] = ['error', 'warn', 'info', 'debug'];

export interface RootLoggerOptions {
  /** Default `info`. A string straight from config is accepted and checked here (ConfigError if unknown). */
  level?: LogLevel | (string & {});
  format: LogFormat;
  /** Secret values to replace by `***` wherever they appear in a line (values under 4 chars are ignored). */
  redactions?: Iterable<string>;
  /** Default `process.stdout`. */
  destination?: NodeJS.WritableStream;
}

/** The root logger; it alone can learn new secrets, which then apply to every child. */
export interface RootLogger extends Logger {
  addRedactions(values: Iterable<string>): void;
}

/**
 * Creates the backend's root logger on pino. Each serialised line passes through redaction and then,
 * in `pretty` mode, through pino-pretty's formatter called synchronously in this thread — a worker
 * transport would cost start-up time and could lose the last lines on a crash.
 */
export function createRootLogger(options: RootLoggerOptions): RootLogger {
  const level = (options.level ?? 'info') as LogLevel;
  if (!LEVELS.includes(level)) {
    throw new ConfigError(`Invalid log level "${String(level)}": expected one of ${LEVELS.join(', ')}`);
  }
  const destination = options.destination ?? process.stdout;
  const redactor = createRedactor(options.redactions);
  const prettify = options.format === 'pretty' ? createPrettifier(destination) : undefined;

  const stream = {
    write(line: string): void {
      const safe = redactor.redact(line);
      destination.write(prettify ? prettify(safe) : safe);
    },
  };
  const instance = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers, so JSON lines can be read and filtered without a lookup table.
      formatters: { level: (label) => ({ level: label }) },
      // Errors are already serialised by metaToFields (with `name`); pino's default would rename it `type`.
      serializers: { err: (value: unknown) => value },
    },
    stream,
  );
  return new RootPinoLogger(instance, redactor);
}

function createPrettifier(destination: NodeJS.WritableStream): (line: string) => string {
  const isTty = (destination as { isTTY?: boolean }).isTTY === true;
  // Loaded only in pretty mode: production (JSON) start-up skips it.
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as { prettyFactory: typeof PrettyFactory };
  return prettyFactory({
    colorize: isTty && !process.env['NO_COLOR'],
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,plugin',
    messageFormat: '{if plugin}[{plugin}] {end}{msg}',
    errorLikeObjectKeys: ['err', 'error'],
  });
}

class PinoLoggerAdapter implements Logger {
  readonly #pino: PinoLogger;

  constructor(instance: PinoLogger) {
    this.#pino = instance;
  }

  error(message: string, meta?: LogMeta): void {
    this.#log('error', message, meta);
  }

  warn(message: string, meta?: LogMeta): void {
    this.#log('warn', message, meta);
  }

  info(message: string, meta?: LogMeta): void {
    this.#log('info', message, meta);
  }

  debug(message: string, meta?: LogMeta): void {
    this.#log('debug', message, meta);
  }

  child(fields: Record<string, unknown>): Logger {
    return new PinoLoggerAdapter(this.#pino.child(metaToFields(fields) ?? {}));
  }

  #log(level: LogLevel, message: string, meta: LogMeta | undefined): void {
    if (!this.#pino.isLevelEnabled(level)) return;
    const fields = metaToFields(meta);
    if (fields) this.#pino[level](fields, message);
    else this.#pino[level](message);
  }
}

class RootPinoLogger extends PinoLoggerAdapter implements RootLogger {
  readonly #redactor: Redactor;

  constructor(instance: PinoLogger, redactor: Redactor) {
    super(instance);
    this.#redactor = redactor;
  }

  addRedactions(values: Iterable<string>): void {
    this.#redactor.add(values);
  }
}

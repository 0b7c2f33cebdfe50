import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject, Logger, LogMeta } from '../api/services.js';
import { ConfigReader } from '../config/ConfigReader.js';
import { createUrlReader } from './createUrlReader.js';

/** Test-only helpers for this folder's suites (not exported from index.ts). */
export interface LogLine {
  level: string;
  message: string;
  meta?: LogMeta;
}

/** A logger that keeps every line, so tests can assert that no credentials were logged. */
export function createCapturingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const log = (level: string) => (message: string, meta?: LogMeta) => {
    lines.push({ level, message, ...(meta && { meta }) });
  };
  const logger = {
    lines,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return logger;
}

/** A reader over plain config data, with a fresh working directory removed by `cleanup`. */
export async function createTestUrlReader(data: JsonObject) {
  const workingDirectory = await mkdtemp(join(tmpdir(), 'atrium-url-reader-test-'));
  const backend = (data.backend ?? {}) as JsonObject;
  const config = new ConfigReader({ ...data, backend: { workingDirectory, ...backend } });
  const logger = createCapturingLogger();
  return {
    reader: createUrlReader({ config, logger }),
    config,
    logger,
    workingDirectory,
    cleanup: () => rm(workingDirectory, { recursive: true, force: true }),
  };
}

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../config/ConfigReader.js';
import { createRootLoggerServiceFactory, defaultLogFormat, loggerServiceFactory } from './loggerServiceFactories.js';

describe('logger service factories', () => {
  it('gives each plugin a logger whose JSON lines carry its plugin id, honouring backend.log config', async () => {
    const chunks: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const config = new ConfigReader({ backend: { log: { level: 'debug', format: 'json' } } });
    const rootFactory = createRootLoggerServiceFactory({ destination, redactions: ['db-password'] });
    const rootLogger = await rootFactory.factory({ config });
    const pluginLogger = await loggerServiceFactory.factory({ rootLogger, pluginMetadata: { getId: () => 'catalog' } }, undefined);

    pluginLogger.debug('connected with db-password');
    const line = JSON.parse(chunks.join('')) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'debug', plugin: 'catalog', msg: 'connected with ***' });
  });

  it('defaults to pretty only for a terminal outside production', () => {
    expect(defaultLogFormat({ NODE_ENV: 'development' }, { isTTY: true })).toBe('pretty');
    expect(defaultLogFormat({ NODE_ENV: 'production' }, { isTTY: true })).toBe('json');
    expect(defaultLogFormat({}, { isTTY: false })).toBe('json');
  });
});

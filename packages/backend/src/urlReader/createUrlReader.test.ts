import { describe, expect, it } from 'vitest';
import { InputError, NotAllowedError } from '../api/errors.js';
import type { UrlReaderProvider, UrlReaderService } from '../api/services.js';
import { ConfigReader } from '../config/ConfigReader.js';
import { createUrlReader, createUrlReaderServiceFactory, urlReaderServiceFactory } from './createUrlReader.js';
import { bufferResponse } from './folderTree.js';
import { createCapturingLogger } from './testUtils.js';

const fakeApiProvider: UrlReaderProvider = {
  name: 'fake-api',
  canRead: (url) => url.host === 'api.example.test',
  readUrl: async (url) => bufferResponse(Buffer.from(`from ${url.pathname}`), 'e1'),
  readTree: async () => { throw new Error('unused'); },
  search: async () => { throw new Error('unused'); },
};

describe('createUrlReader', () => {
  const config = new ConfigReader({});
  const logger = createCapturingLogger();

  it('refuses unclaimed URLs with the config key to add, and never shows userinfo', async () => {
    const reader = createUrlReader({ config, logger });
    const error = await reader.readUrl('https://bob:hunter2@files.example.test/a.yaml').catch((e: Error) => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toBe(
      'Reading https://files.example.test/a.yaml is not allowed: add the host files.example.test under integrations.git or backend.reading.allow',
    );
    await expect(reader.readUrl('ftp://files.example.test/a')).rejects.toThrow(/ftp: scheme is not supported/);
    await expect(reader.readUrl('relative/path.yaml')).rejects.toBeInstanceOf(InputError);
  });

  it('lets extra providers plug in ahead of the defaults', async () => {
    const reader = createUrlReader({ config, logger, providers: [fakeApiProvider] });
    expect(await (await reader.readUrl('https://api.example.test/x')).text()).toBe('from /x');
  });

  it('is offered to plugins through one shared root context', async () => {
    const deps = { config, logger };
    const factory = createUrlReaderServiceFactory({ providers: () => [fakeApiProvider] });
    const context = (await factory.createRootContext!(deps)) as UrlReaderService;
    const forPlugin = await factory.factory(deps, context);
    expect(forPlugin).toBe(context);
    expect(await (await forPlugin.readUrl('https://api.example.test/y')).text()).toBe('from /y');
    expect(urlReaderServiceFactory.service.id).toBe('core.urlReader');
  });
});

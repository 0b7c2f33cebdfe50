import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../api/errors.js';
import { coreConfigSchemaEntry } from './coreConfigSchema.js';
import { loadConfig } from './loadConfig.js';
import { configNumber } from './schemaHelpers.js';
import type { ConfigSources } from './types.js';
import { validateConfig } from './validateConfig.js';

const sources: ConfigSources = {
  files: ['app-config.yaml', 'app-config.local.yaml'],
  origins: new Map([
    ['backend', 'app-config.yaml'],
    ['backend.listen.port', 'app-config.local.yaml'],
    ['catalog', 'app-config.yaml'],
  ]),
  unsetVariables: new Map([['search.token', { variable: 'SEARCH_TOKEN', file: 'app-config.yaml' }]]),
};

const catalogSchema = z.looseObject({
  catalog: z.looseObject({ readonly: z.boolean().optional() }).optional(),
});
const searchSchema = z.looseObject({
  search: z.looseObject({ token: z.string() }).prefault({} as { token: string }),
});

describe('validateConfig', () => {
  it('lists every problem with key path, file and owning schema in one error', () => {
    const data = { backend: { listen: { port: 'abc' } }, catalog: { readonly: 'yes' } };
    let error: unknown;
    try {
      validateConfig(data, [coreConfigSchemaEntry, { owner: 'plugin catalog', schema: catalogSchema }, { owner: 'plugin search', schema: searchSchema }], { sources });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid configuration (3 problems):');
    expect(lines).toContain('  - backend.listen.port: expected number, got "abc" (in app-config.local.yaml) [schema of backend]');
    expect(lines).toContain('  - catalog.readonly: expected boolean, got "yes" (in app-config.yaml) [schema of plugin catalog]');
    expect(lines).toContain(
      '  - search.token: missing required value; set the environment variable SEARCH_TOKEN (referenced in app-config.yaml) (expected string) [schema of plugin search]',
    );
  });

  it('returns the config with defaults and parsed numbers, keeping keys no schema knows', () => {
    const stripping = z.object({ backend: z.object({ workers: configNumber().default(2) }).prefault({}) });
    const result = validateConfig({ backend: { listen: { port: '7010' } }, custom: { a: 1 } }, [
      coreConfigSchemaEntry,
      { owner: 'plugin x', schema: stripping },
    ]);
    expect(result).toMatchObject({
      app: { title: 'Atrium' },
      backend: { listen: { port: 7010 }, workers: 2, database: { client: 'pglite' }, auth: { guest: { userEntityRef: 'user:default/guest' } } },
      custom: { a: 1 },
    });
  });
});

describe('loadConfig + validateConfig', () => {
  it('names the file that set a bad value, and the variable behind a missing one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'atrium-validate-'));
    try {
      await writeFile(path.join(dir, 'app-config.yaml'), 'backend:\n  listen: { port: 7007 }\nsearch:\n  token: ${SEARCH_TOKEN}\n');
      await writeFile(path.join(dir, 'app-config.local.yaml'), 'backend:\n  listen:\n    port: abc\n');
      const { data, sources } = await loadConfig({ files: ['app-config.yaml', 'app-config.local.yaml'], env: {}, cwd: dir });
      const run = () => validateConfig(data, [coreConfigSchemaEntry, { owner: 'plugin search', schema: searchSchema }], { sources });
      expect(run).toThrow('backend.listen.port: expected number, got "abc" (in app-config.local.yaml) [schema of backend]');
      expect(run).toThrow('search.token: missing required value; set the environment variable SEARCH_TOKEN (referenced in app-config.yaml)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

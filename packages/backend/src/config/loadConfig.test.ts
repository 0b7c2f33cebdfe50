import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../api/errors.js';
import { loadConfig } from './loadConfig.js';
import { originOf } from './types.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atrium-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(contents: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(contents)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}
const load = (names: string[], env: NodeJS.ProcessEnv = {}) => loadConfig({ files: names, env, cwd: dir });

describe('loadConfig merging', () => {
  it('lets a later file replace an array and merge objects key by key', async () => {
    await files({
      'app-config.yaml': 'app: { title: Base, baseUrl: http://a }\ncatalog:\n  locations:\n    - { type: file, target: a.yaml }\n    - { type: file, target: b.yaml }\n',
      'app-config.local.yaml': 'app: { title: Local }\ncatalog:\n  locations:\n    - { type: url, target: https://x/c.yaml }\n',
    });
    const { data, sources } = await load(['app-config.yaml', 'app-config.local.yaml']);
    expect(data).toEqual({
      app: { title: 'Local', baseUrl: 'http://a' },
      catalog: { locations: [{ type: 'url', target: 'https://x/c.yaml' }] },
    });
    expect(originOf(sources, ['app', 'title'])).toBe('app-config.local.yaml');
    expect(originOf(sources, ['app', 'baseUrl'])).toBe('app-config.yaml');
    expect(originOf(sources, ['catalog', 'locations', 0, 'target'])).toBe('app-config.local.yaml');
  });

  it('treats null in a later file as removing the key instead of falling back', async () => {
    await files({ 'a.yaml': 'backend: { auth: { secret: s3cret }, x: 1 }\n', 'b.yaml': 'backend: { auth: null }\n' });
    expect((await load(['a.yaml', 'b.yaml'])).data).toEqual({ backend: { x: 1 } });
  });

  it('merges layers given in code after the files and before APP_CONFIG_ overrides', async () => {
    await files({ 'a.yaml': 'app: { title: File, baseUrl: http://a }\n' });
    const { data, sources } = await loadConfig({
      files: ['a.yaml'],
      cwd: dir,
      env: { APP_CONFIG_app_baseUrl: 'http://env' },
      layers: [{ origin: 'test config', data: { app: { title: 'Code' } } }],
    });
    expect(data).toEqual({ app: { title: 'Code', baseUrl: 'http://env' } });
    expect(originOf(sources, ['app', 'title'])).toBe('test config');
  });

  it('accepts an empty file', async () => {
    await files({ 'a.yaml': 'x: 1\n', 'b.yaml': '' });
    expect((await load(['a.yaml', 'b.yaml'])).data).toEqual({ x: 1 });
  });
});

describe('loadConfig substitution', () => {
  it('substitutes variables, defaults and escapes', async () => {
    await files({ 'a.yaml': 'url: "http://${HOST}:${PORT:-7007}/x"\nlit: "$${NOT_A_VAR}"\nempty: "${EMPTY:-fallback}"\n' });
    const { data } = await load(['a.yaml'], { HOST: 'example.com', EMPTY: '' });
    expect(data).toEqual({ url: 'http://example.com:7007/x', lit: '${NOT_A_VAR}', empty: 'fallback' });
  });

  it('drops a value whose variable is unset, remembers the variable, and falls back to an earlier file', async () => {
    await files({ 'a.yaml': 'backend: { token: base, secret: old }\n', 'b.yaml': 'backend: { secret: "${AUTH_SECRET}", token: "${TOKEN}", other: "pre-${OTHER}" }\n' });
    const { data, sources } = await load(['a.yaml', 'b.yaml'], {});
    expect(data).toEqual({ backend: { token: 'base', secret: 'old' } });
    expect(sources.unsetVariables.get('backend.other')).toEqual({ variable: 'OTHER', file: 'b.yaml' });
    // Keys that still have a value from another file need no hint.
    expect(sources.unsetVariables.has('backend.secret')).toBe(false);
  });

  it('applies APP_CONFIG_ overrides last, parsing JSON values', async () => {
    await files({ 'a.yaml': 'backend: { listen: { port: 7007, host: 0.0.0.0 } }\n' });
    const { data, sources } = await load(['a.yaml'], {
      APP_CONFIG_backend_listen_port: '7010',
      APP_CONFIG_app_title: 'Hello world',
      APP_CONFIG_catalog_rules: '[{"allow":["Component"]}]',
    });
    expect(data).toEqual({
      backend: { listen: { port: 7010, host: '0.0.0.0' } },
      app: { title: 'Hello world' },
      catalog: { rules: [{ allow: ['Component'] }] },
    });
    expect(sources.origins.get('backend.listen.port')).toBe('env APP_CONFIG_backend_listen_port');
  });
});

describe('loadConfig includes', () => {
  it('resolves $env, $file and $include relative to the config file', async () => {
    await files({
      'conf/app-config.yaml': [
        'secret: { $env: MY_SECRET }',
        'cert: { $file: ./certs/ca.pem }',
        'integrations: { $include: ./shared.json#integrations }',
        'catalog: { $include: catalog.yaml }',
      ].join('\n'),
      'conf/certs/ca.pem': '-----BEGIN-----\n',
      'conf/shared.json': '{"integrations":{"git":[{"host":"git.example.com"}]},"other":1}',
      'conf/catalog.yaml': 'locations:\n  - target: "${TARGET}"\n    type: file\n',
    });
    const { data } = await load(['conf/app-config.yaml'], { MY_SECRET: 'abcd', TARGET: '/x.yaml' });
    expect(data).toEqual({
      secret: 'abcd',
      cert: '-----BEGIN-----\n',
      integrations: { git: [{ host: 'git.example.com' }] },
      catalog: { locations: [{ target: '/x.yaml', type: 'file' }] },
    });
  });

  it('names the key path and the file when a $file does not exist', async () => {
    await files({ 'app-config.yaml': 'backend:\n  https:\n    cert: { $file: ./missing.pem }\n' });
    const error = await load(['app-config.yaml']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/backend\.https\.cert in app-config\.yaml.*missing\.pem does not exist/);
  });

  it('rejects an include object with other keys', async () => {
    await files({ 'a.yaml': 'x: { $env: A, other: 1 }\n' });
    await expect(load(['a.yaml'])).rejects.toThrow(/x in a\.yaml: \$env must be the only key/);
  });
});

describe('loadConfig errors', () => {
  it('reports malformed YAML on one line with file, line and column', async () => {
    await files({ 'app-config.local.yaml': 'app:\n  title: ok\nbackend:\n  listen: { port: 7007\n  x: 1\n' });
    const error = (await load(['app-config.local.yaml']).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('ATRIUM_ERR_CONFIG');
    expect(error.message).toMatch(/^Invalid YAML in app-config\.local\.yaml:\d+:\d+: /);
    expect(error.message).not.toContain('\n');
  });

  it('reports the line of a duplicate key', async () => {
    await files({ 'a.yaml': 'app:\n  title: x\n  title: y\n' });
    await expect(load(['a.yaml'])).rejects.toThrow(/^Invalid YAML in a\.yaml:3:3: Map keys must be unique/);
  });

  it('names a missing config file', async () => {
    await expect(load(['app-config.production.yaml'])).rejects.toThrow('Config file app-config.production.yaml does not exist');
  });

  it('rejects a file whose top level is not a mapping', async () => {
    await files({ 'a.yaml': '- 1\n- 2\n' });
    await expect(load(['a.yaml'])).rejects.toThrow(/a\.yaml must contain a mapping/);
  });
});

describe('APP_CONFIG_ conflicts', () => {
  it('refuses a scalar override and a nested override of the same key', async () => {
    await files({ 'a.yaml': 'x: 1\n' });
    await expect(load(['a.yaml'], { APP_CONFIG_backend: '1', APP_CONFIG_backend_listen_port: '2' })).rejects.toThrow(
      'Environment variables APP_CONFIG_backend and APP_CONFIG_backend_listen_port both set config backend',
    );
  });
});

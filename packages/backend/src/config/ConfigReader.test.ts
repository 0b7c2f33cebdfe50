import { describe, expect, it } from 'vitest';
import { ConfigError } from '../api/errors.js';
import { ConfigReader } from './ConfigReader.js';
import type { ConfigSources } from './types.js';

const sources: ConfigSources = {
  files: ['app-config.yaml', 'app-config.local.yaml'],
  origins: new Map([
    ['backend', 'app-config.yaml'],
    ['backend.listen.port', 'app-config.local.yaml'],
  ]),
  unsetVariables: new Map([['backend.auth.secret', { variable: 'AUTH_SECRET', file: 'app-config.yaml' }]]),
};

const config = new ConfigReader(
  {
    app: { title: 'Atrium', flags: ['a', 'b'], debug: 'true' },
    backend: { listen: { port: 'abc', host: 'localhost' }, workers: '4', auth: {} },
    catalog: { locations: [{ type: 'file', target: 'a.yaml' }, { type: 'url' }] },
  },
  { sources },
);

describe('ConfigReader', () => {
  it('reads typed values by dot path', () => {
    expect(config.getString('app.title')).toBe('Atrium');
    expect(config.getStringArray('app.flags')).toEqual(['a', 'b']);
    expect(config.getNumber('backend.workers')).toBe(4);
    expect(config.getBoolean('app.debug')).toBe(true);
    expect(config.getOptionalString('app.missing')).toBeUndefined();
    expect(config.has('backend.listen.host')).toBe(true);
    expect(config.has('backend.nope')).toBe(false);
    expect(config.keys()).toEqual(['app', 'backend', 'catalog']);
  });

  it('names the key path, file and expected type when a value has the wrong type', () => {
    expect(() => config.getNumber('backend.listen.port')).toThrow(ConfigError);
    expect(() => config.getNumber('backend.listen.port')).toThrow(
      'Invalid config value at backend.listen.port in app-config.local.yaml: expected a number, got "abc"',
    );
  });

  it('keeps the full path in nested readers', () => {
    const listen = config.getConfig('backend').getConfig('listen');
    expect(() => listen.getNumber('port')).toThrow(/backend\.listen\.port in app-config\.local\.yaml/);
    const [, second] = config.getConfigArray('catalog.locations');
    expect(() => second?.getString('target')).toThrow('Missing required config value at catalog.locations[1].target');
  });

  it('suggests the environment variable that would have provided a missing value', () => {
    expect(() => config.getString('backend.auth.secret')).toThrow(
      'Missing required config value at backend.auth.secret: set the environment variable AUTH_SECRET (referenced in app-config.yaml)',
    );
  });

  it('rejects reading through a value that is not an object', () => {
    expect(() => config.getOptional('app.title.x')).toThrow(/app\.title.*expected an object/);
  });
});

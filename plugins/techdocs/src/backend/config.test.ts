import { describe, expect, it } from 'vitest';
import { ConfigReader } from '@atrium/backend';
import { configSchema, readSettings } from './config.js';

describe('techdocs config', () => {
  it('accepts the portal\'s settings and reads durations', () => {
    const data = { techdocs: { builder: 'local', checkInterval: { minutes: 1 }, keepBuilds: 3 } };
    expect(configSchema.safeParse(data).success).toBe(true);
    expect(readSettings(new ConfigReader(data))).toEqual({ builder: 'local', checkIntervalMs: 60_000, keepBuilds: 3, maxConcurrentBuilds: 2 });
  });

  it('rejects unknown builders and duration units', () => {
    expect(configSchema.safeParse({ techdocs: { builder: 'docker' } }).success).toBe(false);
    expect(configSchema.safeParse({ techdocs: { checkInterval: { fortnights: 1 } } }).success).toBe(false);
  });
});

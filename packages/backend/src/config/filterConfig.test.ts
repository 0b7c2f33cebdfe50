import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../api/services.js';
import { z } from 'zod';
import { coreConfigSchemaEntry } from './coreConfigSchema.js';
import { frontendConfig, secretValues } from './filterConfig.js';
import { visibility } from './schemaHelpers.js';
import type { ConfigSchemaEntry } from './types.js';

const pluginSchema = z.looseObject({
  techdocs: visibility(
    z.looseObject({
      builder: z.string().optional(),
      storage: visibility(z.looseObject({ key: visibility(z.string(), 'secret').optional() }), 'backend').optional(),
      apiKey: visibility(z.string(), 'secret').optional(),
    }),
    'frontend',
  ).optional(),
  search: z.looseObject({ providers: z.array(z.looseObject({ label: visibility(z.string(), 'frontend'), password: visibility(z.string().optional(), 'secret') })) }).optional(),
});
const schemas: ConfigSchemaEntry[] = [coreConfigSchemaEntry, { owner: 'plugin techdocs', schema: pluginSchema }];

const data: JsonObject = {
  app: { title: 'Portal', baseUrl: 'http://localhost:3000', support: { url: 'x' } },
  backend: {
    baseUrl: 'http://localhost:7007',
    auth: { secret: 'auth-secret-value' },
    database: { client: 'pg', connection: { host: 'db', password: 'db-password' } },
    listen: { port: 7007 },
  },
  integrations: { git: [{ host: 'git.example.com', token: 'git-token-1' }, { host: 'other', password: 'pw-2222' }] },
  techdocs: { builder: 'local', storage: { bucket: 'b', key: 'storage-key' }, apiKey: 'tech-key' },
  search: { providers: [{ label: 'A', password: 'search-pw' }] },
};

describe('frontendConfig', () => {
  it('keeps only frontend keys and their subtrees, without secrets or unmarked keys', () => {
    expect(frontendConfig(data, schemas)).toEqual({
      app: { title: 'Portal', baseUrl: 'http://localhost:3000' },
      backend: { baseUrl: 'http://localhost:7007' },
      techdocs: { builder: 'local' },
      search: { providers: [{ label: 'A' }] },
    });
  });
});

describe('secretValues', () => {
  it('collects string values at secret keys from every schema', () => {
    expect(secretValues(data, schemas).sort()).toEqual(
      ['auth-secret-value', 'db-password', 'git-token-1', 'pw-2222', 'search-pw', 'storage-key', 'tech-key'].sort(),
    );
  });

  it("treats GitHub tokens and apps' keys and secrets as secret", () => {
    const github = { integrations: { github: [{ host: 'github.com', token: 'ghp_1', apps: [{ appId: 1, privateKey: 'PEM', clientId: 'Iv1.public', clientSecret: 'cs', webhookSecret: 'ws' }] }] } };
    expect(secretValues(github, schemas).sort()).toEqual(['PEM', 'cs', 'ghp_1', 'ws']);
  });

  it('treats a database connection string as secret, since it may embed a password', () => {
    const withUrl = { backend: { database: { client: 'pg', connection: 'postgres://u:pw@db/atrium' } } };
    expect(secretValues(withUrl, schemas)).toEqual(['postgres://u:pw@db/atrium']);
  });
});

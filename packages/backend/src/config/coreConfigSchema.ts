import { z } from 'zod';
import { configBoolean, configNumber, visibility } from './schemaHelpers.js';
import type { ConfigSchemaEntry } from './types.js';

// Every level is a loose object so plugins' keys under `app`/`backend`/`integrations` pass through,
// and `.prefault({})` on parents lets nested defaults apply when the parent is absent from the files.

const databaseConnection = z.union([
  // A connection string may embed a password (postgres://user:pw@host/db), so all of it is secret.
  visibility(z.string(), 'secret'),
  z.looseObject({
    host: z.string().optional(),
    port: configNumber(z.number().int()).optional(),
    user: z.string().optional(),
    password: visibility(z.string(), 'secret').optional(),
    database: z.string().optional(),
    ssl: z.union([z.boolean(), z.looseObject({})]).optional(),
  }),
]);

const gitIntegration = z.looseObject({
  host: z.string(),
  baseUrl: z.string().optional(),
  username: z.string().optional(),
  password: visibility(z.string(), 'secret').optional(),
  token: visibility(z.string(), 'secret').optional(),
});

/** `integrations.github` (Backstage's shape): a token, or GitHub Apps whose installations give tokens. */
const githubIntegration = z.looseObject({
  host: z.string().optional(),
  apiBaseUrl: z.string().optional(),
  rawBaseUrl: z.string().optional(),
  token: visibility(z.string(), 'secret').optional(),
  apps: z.array(z.looseObject({
    appId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/, 'the numeric app id')]),
    privateKey: visibility(z.string().min(1), 'secret'),
    clientId: z.string().optional(),
    clientSecret: visibility(z.string(), 'secret').optional(),
    webhookSecret: visibility(z.string(), 'secret').optional(),
    /** Only installations on these accounts (organisations or users) are used. */
    allowedInstallationOwners: z.array(z.string()).optional(),
  })).optional(),
});

/** The framework's own keys. The kernel validates it alongside every plugin's `configSchema`. */
export const coreConfigSchema = z.looseObject({
  app: z
    .looseObject({
      title: visibility(z.string(), 'frontend').default('Atrium'),
      baseUrl: visibility(z.string(), 'frontend').optional(),
    })
    .prefault({}),
  backend: z
    .looseObject({
      /** The external URL of the backend, e.g. `http://localhost:7007`. */
      baseUrl: visibility(z.string(), 'frontend').optional(),
      listen: z
        .looseObject({
          port: configNumber(z.number().int().min(0).max(65535)).default(7007),
          host: z.string().optional(),
        })
        .prefault({}),
      database: z
        .looseObject({
          client: z.enum(['pglite', 'pg']).default('pglite'),
          connection: databaseConnection.optional(),
          pool: z.looseObject({ max: configNumber(z.number().int().positive()).optional() }).optional(),
        })
        .prefault({}),
      auth: z
        .looseObject({
          /** Signs user and service tokens; when absent one is generated once and kept in the database. */
          secret: visibility(z.string().min(16, 'use at least 16 characters'), 'secret').optional(),
          guest: z.looseObject({
            enabled: configBoolean().default(true),
            userEntityRef: z.string().default('user:default/guest'),
          }).prefault({}),
        })
        .prefault({}),
      reading: z
        .looseObject({
          allow: z.array(z.looseObject({ host: z.string(), paths: z.array(z.string()).optional() })).optional(),
          localRoots: z.array(z.string()).optional(),
          /** Size limit for plain HTTP(S) reads, in bytes (default 20 MiB). */
          maxBytes: configNumber(z.number().int().positive()).optional(),
          /** Timeout for plain HTTP(S) reads (default 30 s). */
          timeoutMs: configNumber(z.number().int().positive()).optional(),
          /** Commits kept per git repository in the URL reader's cache (default 3). */
          gitCacheCommits: configNumber(z.number().int().min(1)).optional(),
        })
        .optional(),
      workingDirectory: z.string().optional(),
      /** How long shutdown waits for in-flight requests before cutting connections. */
      shutdownTimeoutSeconds: configNumber(z.number().positive()).optional(),
      /** Collect garbage once the process goes idle after a burst of work, so RSS falls back (default true). */
      gcWhenIdle: z.boolean().optional(),
      log: z
        .looseObject({
          level: z.enum(['error', 'warn', 'info', 'debug']).optional(),
          format: z.enum(['json', 'pretty']).optional(),
        })
        .optional(),
    })
    .prefault({}),
  integrations: z.looseObject({ git: z.array(gitIntegration).optional(), github: z.array(githubIntegration).optional() }).optional(),
});

/** The entry to put first in the list given to `validateConfig`, `secretValues` and `frontendConfig`. */
export const coreConfigSchemaEntry: ConfigSchemaEntry = { owner: 'backend', schema: coreConfigSchema };

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { coreServices, createBackendPlugin, readGithubIntegrations, visibility, type Config } from '@atrium/backend';
import { CatalogClient } from '@atrium/plugin-catalog/common';
import type { ScaffolderIntegration } from '@atrium/plugin-scaffolder/common';
import { createBuiltinActions, type TemplateAction } from './actions/index.js';
import { readGitIntegrations } from './actions/publishGit.js';
import { scaffolderActionsExtensionPoint } from './extensionPoint.js';
import { ActionRegistry } from './tasks/actionRegistry.js';
import { migrations } from './tasks/migrations.js';
import { scaffolderRoutesPlugin } from './tasks/routes.js';
import { SecretBox } from './tasks/secretBox.js';
import { TaskStore } from './tasks/TaskStore.js';
import { TaskWorker } from './tasks/TaskWorker.js';

const positive = z.number().positive();
const configSchema = z.looseObject({
  scaffolder: z.looseObject({
    /** Tasks one instance runs at once (Backstage's key; 0 runs none here, e.g. API-only instances). */
    concurrentTasksLimit: z.number().int().min(0).optional(),
    /** How often a running task's heartbeat is renewed. */
    heartbeatSeconds: positive.optional(),
    /** A processing task whose heartbeat is older than this is recovered (failed or restarted). */
    staleTaskSeconds: positive.optional(),
    /** Time limit of one templating call in the sandbox. */
    templatingTimeoutMs: z.number().int().positive().optional(),
    /** Key material for encrypting task secrets at rest; defaults to backend.auth.secret, then a key kept in the database. */
    secretsKey: visibility(z.string().min(16), 'secret').optional(),
  }).optional(),
});

function integrationsFrom(config: Config): ScaffolderIntegration[] {
  return [
    ...readGitIntegrations(config).map((g) => ({ host: g.host, type: 'git' as const, title: g.host })),
    ...readGithubIntegrations(config).map((g) => ({ host: g.host, type: 'github' as const, title: g.host === 'github.com' ? 'GitHub' : g.host })),
  ];
}

/**
 * Software templates: Backstage-compatible templates run as database-backed tasks, each in its own
 * workspace, with sandboxed templating and the built-in actions.
 */
export const scaffolderPlugin = createBackendPlugin({
  pluginId: 'scaffolder',
  configSchema,
  register(env) {
    const extra: TemplateAction<any>[] = [];
    env.registerExtensionPoint(scaffolderActionsExtensionPoint, { addActions: (...actions) => { extra.push(...actions); } });
    env.registerInit({
      deps: {
        database: coreServices.database, http: coreServices.http, httpAuth: coreServices.httpAuth, auth: coreServices.auth,
        discovery: coreServices.discovery, config: coreServices.rootConfig, logger: coreServices.logger, events: coreServices.events,
        urlReader: coreServices.urlReader, lifecycle: coreServices.lifecycle,
      },
      async init({ database, http, httpAuth, auth, discovery, config, logger, events, urlReader, lifecycle }) {
        await database.migrate(migrations);
        const store = new TaskStore(database.getClient());
        const catalog = new CatalogClient({ baseUrl: () => discovery.getBaseUrl('catalog'), token: async () => (await auth.getOwnServiceCredentials()).token });
        const actions = new ActionRegistry();
        for (const action of [...createBuiltinActions({ config, catalog, events }), ...extra]) actions.register(action);
        const keyMaterial = config.getOptionalString('scaffolder.secretsKey') ?? config.getOptionalString('backend.auth.secret') ?? (await store.sharedKey('secrets'));
        const secretBox = SecretBox.fromSecret(keyMaterial);
        const heartbeatMs = (config.getOptionalNumber('scaffolder.heartbeatSeconds') ?? 2) * 1000;
        const templaterTimeoutMs = config.getOptionalNumber('scaffolder.templatingTimeoutMs') ?? 5_000;
        const worker = new TaskWorker({
          store, actions, urlReader, events, logger, secretBox, instanceId: randomUUID(),
          concurrency: config.getOptionalNumber('scaffolder.concurrentTasksLimit') ?? 10,
          heartbeatMs, staleAfterMs: (config.getOptionalNumber('scaffolder.staleTaskSeconds') ?? 30) * 1000,
          workingDirectory: config.getOptionalString('backend.workingDirectory'), templaterTimeoutMs,
        });
        http.register(scaffolderRoutesPlugin({
          store, worker, actions, catalog, httpAuth, events, urlReader, secretBox, integrations: integrationsFrom(config), templaterTimeoutMs,
        }));
        // Start claiming only once every plugin (the catalog above all) is up.
        lifecycle.addStartupHook(() => { if ((config.getOptionalNumber('scaffolder.concurrentTasksLimit') ?? 10) > 0) worker.start(); });
        lifecycle.addShutdownHook(() => worker.stop());
        logger.info(`Scaffolder ready with ${actions.list().length} actions`);
      },
    });
  },
});

import { z } from 'zod';
import { coreServices, createBackendPlugin } from '@atrium/backend';
import { GREETING_MAX_LENGTH, exampleRoutes } from '@atrium/plugin-example/common';
import { migrations } from './migrations.js';
import { ExampleStore } from './store.js';

const configSchema = z.looseObject({
  example: z.looseObject({
    /** How often the heartbeat task runs, in seconds. */
    heartbeatSeconds: z.number().int().min(1).max(86_400).optional(),
  }).optional(),
});

const greetingSchema = z.object({
  id: z.number(),
  message: z.string(),
  entityRef: z.string().nullable(),
  author: z.string(),
  createdAt: z.string(),
});

/**
 * Example plugin: proves the backend half of the plugin API — its own migrated tables, validated
 * routes that know who is calling, and a global scheduled task whose runs the page shows.
 */
export const examplePlugin = createBackendPlugin({
  pluginId: 'example',
  configSchema,
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        http: coreServices.http,
        httpAuth: coreServices.httpAuth,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ database, http, httpAuth, scheduler, config, logger }) {
        await database.migrate(migrations);
        const store = new ExampleStore(database.getClient());
        const heartbeatSeconds = config.getOptionalNumber('example.heartbeatSeconds') ?? 30;

        await scheduler.schedule({
          id: 'heartbeat',
          scope: 'global',
          frequency: { seconds: heartbeatSeconds },
          timeout: { seconds: 10 },
          initialDelay: { seconds: 1 },
          fn: async () => {
            await store.beat();
            logger.debug('heartbeat');
          },
        });

        http.register((app) => {
          app.get(exampleRoutes.listGreetings, {
            schema: {
              querystring: z.object({ entityRef: z.string().min(1).max(512).optional() }),
              response: { 200: z.object({ items: z.array(greetingSchema) }) },
            },
          }, async (request) => ({ items: await store.listGreetings(request.query.entityRef?.toLocaleLowerCase('en-US')) }));

          app.post(exampleRoutes.createGreeting, {
            schema: {
              body: z.object({
                message: z.string().trim().min(1, 'Write a message').max(GREETING_MAX_LENGTH, `At most ${GREETING_MAX_LENGTH} characters`),
                entityRef: z.string().min(1).max(512).nullable().optional(),
              }),
              response: { 201: greetingSchema },
            },
          }, async (request, reply) => {
            const { principal } = await httpAuth.credentials(request, { allow: ['user'] });
            const greeting = await store.addGreeting({
              message: request.body.message,
              entityRef: request.body.entityRef?.toLocaleLowerCase('en-US') ?? null,
              author: principal.userEntityRef,
            });
            return reply.code(201).send(greeting);
          });

          app.get(exampleRoutes.heartbeat, async () => store.heartbeat(heartbeatSeconds));
        });
      },
    });
  },
});

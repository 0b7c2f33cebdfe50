import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { InputError, NotFoundError, type AtriumFastify, type EventsService, type HttpAuthService, type UrlReaderService } from '@atrium/backend';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@atrium/model';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import { scaffolderRoutes, type JsonObject, type ScaffolderIntegration, type TaskSpec } from '@atrium/plugin-scaffolder/common';
import { templateBaseUrl } from '../fetch/templateSource.js';
import { SecureTemplater } from '../templating/index.js';
import type { ActionRegistry } from './actionRegistry.js';
import { dryRun } from './dryRun.js';
import type { SecretBox } from './secretBox.js';
import { normalizedSteps, parameterSchema, validateTemplate, validateValues } from './templateSpec.js';
import { TASK_EVENTS_TOPIC, type TaskWorker } from './TaskWorker.js';
import type { TaskStore } from './TaskStore.js';

export interface RouteDeps {
  store: TaskStore; worker: TaskWorker; actions: ActionRegistry; catalog: CatalogClient; httpAuth: HttpAuthService; events: EventsService;
  urlReader: UrlReaderService; secretBox: SecretBox; integrations: ScaffolderIntegration[]; templaterTimeoutMs: number;
}

const json = z.json() as z.ZodType<any>;
const secretsSchema = z.record(z.string(), z.string().max(64_000)).optional();
const taskIdParams = z.object({ taskId: z.uuid({ message: 'taskId must be a task id (a UUID)' }) });
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** The standard error body beside Backstage's `errors`/`problems` lists, so every client can read the message. */
function errorBody(req: { method: string; url: string }, message: string) {
  return { error: { name: 'InputError', message }, request: { method: req.method, url: req.url }, response: { statusCode: 400 } };
}

/** Backstage's scaffolder API v2 under `/api/scaffolder`. */
export function scaffolderRoutesPlugin(d: RouteDeps): (app: AtriumFastify) => void {
  const checker = new SecureTemplater({ timeoutMs: d.templaterTimeoutMs });

  async function loadTemplate(ref: string): Promise<Entity> {
    let parsed;
    try {
      parsed = parseEntityRef(ref, { defaultKind: 'template' });
    } catch (error) {
      throw new InputError(`templateRef: ${(error as Error).message}`);
    }
    if (parsed.kind.toLowerCase() !== 'template') throw new InputError(`templateRef: ${ref} is not a Template`);
    const entity = await d.catalog.getEntityByRef(parsed);
    if (!entity) throw new NotFoundError(`Template ${stringifyEntityRef(parsed)} was not found in the catalog`);
    return entity;
  }

  async function userOf(ref: string): Promise<TaskSpec['user']> {
    const entity = await d.catalog.getEntityByRef(ref).catch(() => undefined);
    return { ref, ...(entity && { entity: entity as unknown as JsonObject }) };
  }

  return (app) => {
    const streams = new Set<ServerResponse>();
    app.addHook('preClose', (done) => {
      // Stop taking and running tasks as soon as shutdown begins, not after in-flight requests drain:
      // what is running is left to the heartbeat recovery of the next instance.
      void d.worker.stop();
      for (const res of streams) res.end();
      streams.clear();
      checker.dispose();
      done();
    });

    app.get(scaffolderRoutes.parameterSchema, {
      schema: { params: z.object({ namespace: z.string().min(1), kind: z.string().min(1), name: z.string().min(1) }) },
    }, async (req) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      const { namespace, kind, name } = req.params;
      return parameterSchema(await loadTemplate(`${kind}:${namespace}/${name}`));
    });

    app.get(scaffolderRoutes.actions, async (req) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      return d.actions.list();
    });

    app.get(scaffolderRoutes.integrations, async (req) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      return { items: d.integrations };
    });

    app.post(scaffolderRoutes.tasks, {
      schema: { body: z.object({ templateRef: z.string().min(1).max(512), values: z.record(z.string(), json), secrets: secretsSchema }) },
    }, async (req, reply) => {
      const { principal } = await d.httpAuth.credentials(req, { allow: ['user'] });
      const template = await loadTemplate(req.body.templateRef);
      const problems = await validateTemplate(template, d.actions, checker);
      if (problems.length) {
        throw new InputError(`The template ${stringifyEntityRef(template)} is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      }
      const errors = validateValues(template, req.body.values as JsonObject);
      if (errors.length) return reply.code(400).send({ errors, ...errorBody(req, errors.map((e) => e.message).join('; ')) });
      const templateRef = stringifyEntityRef(template);
      const spec: TaskSpec = {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        parameters: req.body.values as JsonObject,
        steps: normalizedSteps(template),
        output: (template.spec?.output ?? {}) as JsonObject,
        templateInfo: {
          entityRef: templateRef,
          baseUrl: templateBaseUrl(template.metadata.annotations?.['backstage.io/managed-by-location']),
          entity: { metadata: template.metadata as unknown as JsonObject },
        },
        user: await userOf(principal.userEntityRef),
        ...(template.spec?.EXPERIMENTAL_recovery !== undefined && { EXPERIMENTAL_recovery: template.spec.EXPERIMENTAL_recovery as TaskSpec['EXPERIMENTAL_recovery'] }),
      };
      const secrets = req.body.secrets && Object.keys(req.body.secrets).length ? d.secretBox.seal(req.body.secrets) : undefined;
      const id = await d.store.create({ spec, createdBy: principal.userEntityRef, templateRef, secrets });
      d.worker.wake();
      return reply.code(201).send({ id });
    });

    app.get(scaffolderRoutes.tasks, {
      schema: {
        querystring: z.object({
          createdBy: z.union([z.string(), z.array(z.string())]).optional(),
          status: z.union([z.enum(['open', 'processing', 'completed', 'failed', 'cancelled']), z.array(z.enum(['open', 'processing', 'completed', 'failed', 'cancelled']))]).optional(),
          order: z.enum(['asc:createdAt', 'desc:createdAt', 'asc:created_at', 'desc:created_at']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    }, async (req) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      const arr = <T>(v: T | T[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
      return d.store.list({ createdBy: arr(req.query.createdBy), status: arr(req.query.status), limit: req.query.limit, offset: req.query.offset, order: req.query.order?.startsWith('asc') ? 'asc' : 'desc' });
    });

    app.get(scaffolderRoutes.task, { schema: { params: taskIdParams } }, async (req) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      const task = await d.store.get(req.params.taskId);
      if (!task) throw new NotFoundError(`Task ${req.params.taskId} does not exist`);
      const { cancelRequested: _c, claimedBy: _b, ...serialized } = task;
      return serialized;
    });

    app.get(scaffolderRoutes.events, {
      schema: { params: taskIdParams, querystring: z.object({ after: z.coerce.number().int().min(0).optional() }) },
    }, async (req) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      if (!(await d.store.get(req.params.taskId))) throw new NotFoundError(`Task ${req.params.taskId} does not exist`);
      return d.store.events(req.params.taskId, req.query.after);
    });

    app.get(scaffolderRoutes.eventStream, {
      schema: { hide: true, params: taskIdParams, querystring: z.object({ after: z.coerce.number().int().min(0).optional() }) },
    }, async (req, reply) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      const taskId = req.params.taskId;
      if (!(await d.store.get(taskId))) throw new NotFoundError(`Task ${taskId} does not exist`);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      streams.add(res);
      let after = req.query.after ?? (Number(req.headers['last-event-id'] ?? 0) || 0);
      let closed = false;
      let reading = false;
      let again = false;
      const read = async () => {
        if (reading) { again = true; return; }
        reading = true;
        try {
          do {
            again = false;
            for (const event of await d.store.events(taskId, after)) {
              after = event.id;
              res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
              if (event.type === 'completion') { close(); return; }
            }
          } while (again && !closed);
        } catch {
          close();
        } finally {
          reading = false;
        }
      };
      const onLocal = () => void read();
      d.worker.updates.on(taskId, onLocal);
      const unsubscribe = d.events.subscribe(TASK_EVENTS_TOPIC, (e) => { if ((e.payload as { taskId?: string })?.taskId === taskId) void read(); });
      // A fallback when neither notification arrives (e.g. the events bus is briefly down).
      const poll = setInterval(() => void read(), 2_000);
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), 15_000);
      function close() {
        if (closed) return;
        closed = true;
        d.worker.updates.off(taskId, onLocal);
        unsubscribe();
        clearInterval(poll);
        clearInterval(heartbeat);
        streams.delete(res);
        res.end();
      }
      res.on('close', close);
      res.write('retry: 3000\n\n');
      await read();
    });

    app.post(scaffolderRoutes.cancel, { schema: { params: taskIdParams } }, async (req) => {
      await d.httpAuth.credentials(req, { allow: ['user', 'service'] });
      const before = await d.store.get(req.params.taskId);
      if (!before) throw new NotFoundError(`Task ${req.params.taskId} does not exist`);
      if (TERMINAL.has(before.status)) return { status: before.status };
      const status = await d.store.requestCancel(req.params.taskId);
      if (status === 'cancelled') {
        await d.worker.emit(req.params.taskId, 'cancelled', { message: 'The task was cancelled before it started', status: 'cancelled' });
        await d.worker.emit(req.params.taskId, 'completion', { message: 'The task was cancelled', status: 'cancelled' });
      }
      return { status: 'cancelled' };
    });

    app.post(scaffolderRoutes.retry, { schema: { params: taskIdParams, body: z.object({ secrets: secretsSchema }).optional() } }, async (req, reply) => {
      await d.httpAuth.credentials(req, { allow: ['user'] });
      const task = await d.store.get(req.params.taskId);
      if (!task) throw new NotFoundError(`Task ${req.params.taskId} does not exist`);
      const secrets = req.body?.secrets && Object.keys(req.body.secrets).length ? d.secretBox.seal(req.body.secrets) : null;
      if (!(await d.store.reopen(task.id, secrets))) throw new InputError(`Task ${task.id} is ${task.status}; only a finished task can be retried`);
      await d.worker.emit(task.id, 'log', { message: 'Retrying the task from the first step' });
      d.worker.wake();
      return reply.code(201).send({ id: task.id });
    });

    app.post(scaffolderRoutes.dryRun, {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        body: z.object({
          template: z.record(z.string(), json),
          values: z.record(z.string(), json).default({}),
          secrets: secretsSchema,
          directoryContents: z.array(z.object({ path: z.string().min(1).max(1024), base64Content: z.string() })).max(2_000).default([]),
        }),
      },
    }, async (req, reply) => {
      const { principal } = await d.httpAuth.credentials(req, { allow: ['user'] });
      const template = req.body.template as unknown as Entity;
      if (!template.metadata || typeof template.metadata !== 'object') throw new InputError('template.metadata is required');
      const problems = await validateTemplate(template, d.actions, checker);
      if (problems.length) return reply.code(400).send({ problems, ...errorBody(req, problems.map((p) => `${p.path}: ${p.message}`).join('; ')) });
      const errors = validateValues(template, req.body.values as JsonObject);
      if (errors.length) return reply.code(400).send({ errors, ...errorBody(req, errors.map((e) => e.message).join('; ')) });
      return dryRun({ ...req.body, values: req.body.values as JsonObject, template: req.body.template as JsonObject }, {
        actions: d.actions, urlReader: d.urlReader, user: await userOf(principal.userEntityRef), timeoutMs: d.templaterTimeoutMs,
      });
    });
  };
}

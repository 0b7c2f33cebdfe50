import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBackendModule, createBackendPlugin, createExtensionPoint } from '../api/plugin.js';
import { createServiceRef } from '../api/serviceRef.js';
import { coreServices } from '../api/coreServices.js';
import { InputError } from '../api/errors.js';
import { visibility } from '../config/index.js';
import { startTestBackend, type TestBackend } from '../testing/backend.js';

/** A plugin that offers a service to others and an extension point to its modules. */
const greeterRef = createServiceRef<{ greet(name: string): string }>({ id: 'test.greeter' });
const suffixPoint = createExtensionPoint<{ addSuffix(s: string): void }>({ id: 'test.greeter.suffix/v1' });
const startOrder: string[] = [];

const greeterPlugin = createBackendPlugin({
  pluginId: 'greeter',
  configSchema: z.looseObject({
    greeter: z.looseObject({ apiKey: visibility(z.string(), 'secret').optional(), banner: visibility(z.string(), 'frontend').optional() }).optional(),
  }),
  register(env) {
    const suffixes: string[] = [];
    env.registerExtensionPoint(suffixPoint, { addSuffix: (s) => void suffixes.push(s) });
    env.registerInit({
      deps: { logger: coreServices.logger, config: coreServices.rootConfig },
      provides: { greeter: greeterRef },
      async init({ logger, config }) {
        startOrder.push('greeter');
        logger.info(`configured with key ${config.getOptionalString('greeter.apiKey')}`);
        return { greeter: { greet: (name: string) => `hello ${name}${suffixes.join('')}` } };
      },
    });
  },
});

const greeterModule = createBackendModule({
  pluginId: 'greeter',
  moduleId: 'exclaim',
  register(env) {
    env.registerInit({ deps: { point: suffixPoint }, init: ({ point }) => point.addSuffix('!') });
  },
});

const userPlugin = createBackendPlugin({
  pluginId: 'consumer',
  register(env) {
    env.registerInit({
      deps: { greeter: greeterRef, http: coreServices.http, httpAuth: coreServices.httpAuth },
      async init({ greeter, http, httpAuth }) {
        startOrder.push('consumer');
        http.addAuthPolicy({ path: '/public', allow: 'unauthenticated' });
        http.register((app) => {
          app.get('/hello/:name', { schema: { params: z.object({ name: z.string().regex(/^[a-z]+$/) }) } }, async (req) => {
            const { principal } = await httpAuth.credentials(req, { allow: ['user'] });
            return { text: greeter.greet(req.params.name), by: principal.userEntityRef };
          });
          app.get('/public', async () => ({ open: true }));
          app.get('/big', async () => ({ items: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item ${i}` })) }));
          app.get('/fail/input', async () => { throw new InputError('the "q" parameter must be a number'); });
          app.get('/fail/crash', async () => { throw new Error('database password=hunter22 leaked'); });
          app.get('/slow', async () => { slowStarted(); await new Promise((r) => setTimeout(r, 400)); return { done: true }; });
        });
      },
    });
  },
});

describe('a backend with plugins that depend on each other', () => {
  let t: TestBackend;
  beforeAll(async () => {
    // Added in the "wrong" order on purpose: the kernel must order them.
    t = await startTestBackend({
      features: [userPlugin, greeterModule, greeterPlugin],
      config: { greeter: { apiKey: 'sk-very-secret-key', banner: 'Welcome' } },
    });
  });
  afterAll(() => t?.stop());

  it('starts a provider before the plugins that use its service, and modules extend it', async () => {
    expect(startOrder).toEqual(['greeter', 'consumer']);
    const r = await t.fetch('/api/consumer/hello/ada');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ text: 'hello ada!', by: 'user:default/guest' });
  });

  it('answers health and readiness', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });

  it('rejects requests without credentials unless the plugin opened the path', async () => {
    const r = await fetch(`${t.url}/api/consumer/hello/ada`);
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: { name: 'AuthenticationError' }, response: { statusCode: 401 } });
    expect((await fetch(`${t.url}/api/consumer/public`)).status).toBe(200);
    const forged = await fetch(`${t.url}/api/consumer/public`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.status).toBe(401);
  });

  it('validates requests against the route schema with the standard error body', async () => {
    const r = await t.fetch('/api/consumer/hello/ADA');
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body).toMatchObject({
      error: { name: 'InputError' },
      request: { method: 'GET', url: '/api/consumer/hello/ADA' },
      response: { statusCode: 400 },
    });
    expect(body.error.message).toContain('name');
  });

  it('maps thrown errors to status codes and hides unexpected ones', async () => {
    const input = await t.fetch('/api/consumer/fail/input');
    expect(input.status).toBe(400);
    expect((await input.json()).error.message).toBe('the "q" parameter must be a number');
    const crash = await t.fetch('/api/consumer/fail/crash');
    expect(crash.status).toBe(500);
    expect(JSON.stringify(await crash.json())).not.toContain('hunter22');
    const missing = await t.fetch('/api/consumer/nothing-here?x=1', { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toEqual({ name: 'NotFoundError', message: 'No route GET /api/consumer/nothing-here', code: 'ATRIUM_ERR_NOT_FOUND' });
  });

  it('compresses large responses with brotli or gzip', async () => {
    for (const encoding of ['br', 'gzip']) {
      const r = await t.fetch('/api/consumer/big', { headers: { 'accept-encoding': encoding } });
      expect(r.headers.get('content-encoding')).toBe(encoding);
      expect((await r.json()).items).toHaveLength(2000);
    }
  });

  it('sends only frontend-visible config to the frontend and never logs secrets', async () => {
    const cfg = await (await fetch(`${t.url}/api/app/config`)).json();
    expect(cfg.greeter).toEqual({ banner: 'Welcome' });
    expect(JSON.stringify(cfg)).not.toContain('sk-very-secret-key');
    const all = t.logs.join('\n');
    expect(all).toContain('configured with key ***');
    expect(all).not.toContain('sk-very-secret-key');
    expect(t.logs.filter((l) => l.includes('"plugin":"greeter"')).length).toBeGreaterThan(0);
  });
});

describe('start-up failures name the plugin and say what is wrong', () => {
  it('fails when a plugin depends on a service nobody provides', async () => {
    const orphan = createBackendPlugin({
      pluginId: 'orphan',
      register(env) {
        env.registerInit({ deps: { greeter: greeterRef }, init: () => undefined });
      },
    });
    await expect(startTestBackend({ features: [orphan] })).rejects.toThrow(/Plugin "orphan" depends on service "test.greeter", which no service factory or plugin provides/);
  });

  it('fails on a dependency cycle between plugins', async () => {
    const aRef = createServiceRef<number>({ id: 'test.a' });
    const bRef = createServiceRef<number>({ id: 'test.b' });
    const a = createBackendPlugin({ pluginId: 'alpha', register: (env) => env.registerInit({ deps: { b: bRef }, provides: { a: aRef }, init: () => ({ a: 1 }) }) });
    const b = createBackendPlugin({ pluginId: 'beta', register: (env) => env.registerInit({ deps: { a: aRef }, provides: { b: bRef }, init: () => ({ b: 2 }) }) });
    await expect(startTestBackend({ features: [a, b] })).rejects.toThrow(/Plugin dependency cycle: (alpha → beta → alpha|beta → alpha → beta)/);
  });

  it('fails when a module extends a plugin that is not installed', async () => {
    await expect(startTestBackend({ features: [greeterModule] })).rejects.toThrow(/Module "exclaim" extends plugin "greeter", which is not installed/);
  });

  it('fails with the plugin id when an init throws', async () => {
    const broken = createBackendPlugin({ pluginId: 'broken', register: (env) => env.registerInit({ deps: {}, init: () => { throw new Error('cannot reach the widget API'); } }) });
    await expect(startTestBackend({ features: [broken] })).rejects.toThrow('Plugin "broken" failed to start: cannot reach the widget API');
  });

  it('names the module when a module of a plugin fails to init', async () => {
    const failing = createBackendModule({
      pluginId: 'greeter',
      moduleId: 'flaky',
      register: (env) => env.registerInit({ deps: { point: suffixPoint }, init: () => { throw new Error('no suffix source'); } }),
    });
    await expect(startTestBackend({ features: [greeterPlugin, failing] })).rejects.toThrow('Plugin "greeter" failed to start: its module "flaky" failed: no suffix source');
  });

  it('fails with the key path when config is invalid', async () => {
    await expect(startTestBackend({ features: [greeterPlugin], config: { greeter: { apiKey: 42 } } })).rejects.toThrow(/greeter\.apiKey/);
  });

  it('fails with one clear line when the port is taken', async () => {
    const first = await startTestBackend({ features: [] });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startTestBackend({ features: [], config: { backend: { listen: { port } } } })).rejects.toThrow(`Port ${port} is already in use`);
    } finally {
      await first.stop();
    }
  });
});

/** Called when `/api/consumer/slow` starts handling a request. */
let slowStarted: () => void = () => {};

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    const t = await startTestBackend({ features: [greeterPlugin, userPlugin] });
    // Stop once the request is being handled (a fixed wait lost the race on a loaded machine).
    const started = new Promise<void>((resolve) => { slowStarted = resolve; });
    const inFlight = t.fetch('/api/consumer/slow');
    await started;
    const stopping = t.stop();
    const r = await inFlight;
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ done: true });
    await stopping;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  });
});

describe('API documents', () => {
  it('publishes an OpenAPI document of each plugin from its route schemas', async () => {
    const t = await startTestBackend({ features: [greeterPlugin, userPlugin] });
    try {
      const r = await fetch(`${t.url}/api/consumer/openapi.json`);
      expect(r.status).toBe(200);
      const doc = await r.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.servers).toEqual([{ url: '/api/consumer' }]);
      const hello = doc.paths['/hello/{name}'].get;
      expect(hello.parameters[0]).toMatchObject({ name: 'name', in: 'path', schema: { type: 'string', pattern: '^[a-z]+$' } });
      expect(doc.paths['/openapi.json']).toBeUndefined();
    } finally {
      await t.stop();
    }
  });
});

describe('request bodies', () => {
  it('treats an empty JSON body as no body, rejects malformed JSON with 400, and ignores __proto__', async () => {
    const echo = createBackendPlugin({
      pluginId: 'echo',
      register: (env) => env.registerInit({
        deps: { http: coreServices.http },
        init: ({ http }) => http.register((app) => {
          app.delete('/thing', async (req) => ({ body: req.body ?? null }));
          app.post('/thing', async (req) => ({ body: req.body, polluted: ({} as Record<string, unknown>).polluted ?? null }));
        }),
      }),
    });
    const t = await startTestBackend({ features: [echo] });
    try {
      const del = await t.fetch('/api/echo/thing', { method: 'DELETE', headers: { 'content-type': 'application/json' } });
      expect(del.status).toBe(200);
      expect(await del.json()).toEqual({ body: null });
      const bad = await t.fetch('/api/echo/thing', { method: 'POST', body: '{"a":' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.message).toBe('The request body is not valid JSON');
      const proto = await t.fetch('/api/echo/thing', { method: 'POST', body: '{"a":1,"__proto__":{"polluted":true}}' });
      expect(await proto.json()).toEqual({ body: { a: 1 }, polluted: null });
    } finally {
      await t.stop();
    }
  });
});

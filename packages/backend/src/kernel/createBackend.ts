import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ServiceFactory } from '../api/serviceRef.js';
import { createServiceFactory } from '../api/serviceRef.js';
import { coreServices } from '../api/coreServices.js';
import { StartupError, isAtriumError } from '../api/errors.js';
import type { AtriumFastify, Config, JsonObject, Logger } from '../api/services.js';
import { createHttpServer, mountPluginRoutes } from '../http/server.js';
import { mountHealthRoutes } from '../http/health.js';
import { installNotFoundHandler, mountSpa } from '../http/spa.js';
import { installAuthHook } from '../auth/authHook.js';
import { authPlugin } from '../auth/authPlugin.js';
import { appPlugin } from '../http/appPlugin.js';
import { type Feature, checkModuleExtensionPoints, isExtensionPoint, orderPlugins, registerFeatures, serviceDepsOf } from './featureGraph.js';
import { ServiceRegistry } from './ServiceRegistry.js';
import { LifecycleHooks } from './lifecycle.js';
import { internalServices, type PluginRuntime } from './internalServices.js';
import { defaultServiceFactories } from './defaultServices.js';
import { prepareConfig } from './prepareConfig.js';
import { startIdleGarbageCollector } from './idleGarbageCollector.js';

export interface BackendOptions {
  /** Config files, merged in order (later files win). */
  configFiles?: string[];
  /** Config data merged on top of the files (tests, CLI flags). */
  config?: JsonObject;
  env?: NodeJS.ProcessEnv;
  /** Folder of the built frontend, served at `/` with the frontend config injected into index.html. */
  frontendDir?: string;
  /** Where logs go (tests capture them). Defaults to stdout. */
  logDestination?: NodeJS.WritableStream;
}

export interface Backend {
  /** Adds a plugin, a module, or a service factory (which replaces the default one for its service). */
  add(feature: Feature | ServiceFactory): Backend;
  start(): Promise<{ url: string; port: number }>;
  /** Stops accepting, lets in-flight requests finish, stops plugins, schedulers and the database. */
  stop(): Promise<void>;
  readonly config: Config | undefined;
  readonly logger: Logger | undefined;
  /** The Fastify instance, for `inject()` in tests. Available after start. */
  readonly server: AtriumFastify | undefined;
}

/** Assembles a backend from plugins, modules and service factories. */
export function createBackend(options: BackendOptions = {}): Backend {
  const features: Feature[] = [authPlugin, appPlugin];
  const overrides: ServiceFactory[] = [];
  let state: 'new' | 'starting' | 'started' | 'stopping' | 'stopped' = 'new';
  let server: AtriumFastify | undefined;
  let config: Config | undefined;
  let logger: Logger | undefined;
  let rootLifecycle: LifecycleHooks | undefined;
  const started: Array<{ pluginId: string; runtime: PluginRuntime }> = [];

  const backend: Backend = {
    add(feature) {
      if (state !== 'new') throw new StartupError('Features must be added before start()');
      if (feature.$$kind === 'service-factory') overrides.push(feature);
      else features.push(feature);
      return backend;
    },
    get config() { return config; },
    get logger() { return logger; },
    get server() { return server; },

    async start() {
      if (state !== 'new') throw new StartupError('A backend can be started once');
      state = 'starting';
      const schemas = features.flatMap((f) => (f.configSchema ? [{ owner: f.$$kind === 'plugin' ? `plugin ${f.pluginId}` : `module ${f.pluginId}.${f.moduleId}`, schema: f.configSchema }] : []));
      const prepared = await prepareConfig({ ...options, schemas });
      config = prepared.config;
      logger = prepared.logger;
      const rootLogger = prepared.logger;
      rootLifecycle = new LifecycleHooks('backend', rootLogger);
      const instanceId = randomUUID();
      const port = config.getOptionalNumber('backend.listen.port') ?? 7007;
      const host = config.getOptionalString('backend.listen.host') ?? '0.0.0.0';
      const runtimes = new Map<string, PluginRuntime>();
      const runtimeOf = (pluginId: string) => {
        let r = runtimes.get(pluginId);
        if (!r) runtimes.set(pluginId, (r = { routes: [], unauthenticatedPaths: [], lifecycle: new LifecycleHooks(`plugin ${pluginId}`, rootLogger.child({ plugin: pluginId })) }));
        return r;
      };
      const listenUrl = { baseUrl: '', internalBaseUrl: '' };
      const registry = new ServiceRegistry([
        ...defaultServiceFactories,
        createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => prepared.config }),
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => rootLogger }),
        createServiceFactory({ service: coreServices.rootLifecycle, deps: {}, factory: () => rootLifecycle! }),
        createServiceFactory({ service: internalServices.pluginRuntimes, deps: {}, factory: () => ({ get: runtimeOf }) }),
        createServiceFactory({ service: internalServices.frontendConfig, deps: {}, factory: () => prepared.frontendConfig }),
        createServiceFactory({ service: internalServices.instance, deps: {}, factory: () => ({ id: instanceId, get baseUrl() { return listenUrl.baseUrl; }, get internalBaseUrl() { return listenUrl.internalBaseUrl; } }) }),
        ...overrides,
      ]);

      try {
        const nodes = registerFeatures(features);
        for (const node of nodes.values()) {
          checkModuleExtensionPoints(node);
          for (const ref of Object.values(node.init?.provides ?? {})) registry.declareProvided(ref, node.plugin.pluginId);
        }
        for (const node of nodes.values()) {
          for (const dep of serviceDepsOf(node)) {
            const missing = registry.missingDependencies(dep);
            if (missing.length > 0) {
              throw new StartupError(`Plugin "${node.plugin.pluginId}" depends on service "${missing[0]}", which no service factory or plugin provides; add the plugin or factory that provides it`);
            }
          }
        }
        const ordered = orderPlugins(nodes, (ref) => registry.providerOf(ref));

        const rootDb = await registry.get(coreServices.rootDatabase, 'root');
        server = createHttpServer({ logger: rootLogger.child({ component: 'http' }) });
        const issuer = await registry.get(internalServices.tokenIssuer, 'root');
        installAuthHook(server, { issuer, unauthenticatedPathsOf: (id) => runtimes.get(id)?.unauthenticatedPaths ?? [] });
        mountHealthRoutes(server, { isStarted: () => state === 'started', ping: () => rootDb.ping() });

        for (const node of ordered) {
          const pluginId = node.plugin.pluginId;
          const t0 = performance.now();
          try {
            for (const { module, init } of node.modules) {
              if (!init) continue;
              try {
                await init.init(await resolveDeps(registry, init.deps, pluginId, node.extensionPoints));
              } catch (e) {
                throw new StartupError(`its module "${module.moduleId}" failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
              }
            }
            const init = node.init!;
            const result = (await init.init(await resolveDeps(registry, init.deps, pluginId, node.extensionPoints))) as Record<string, unknown> | undefined;
            for (const [key, ref] of Object.entries(init.provides ?? {})) {
              if (!result || !(key in result)) throw new StartupError(`init did not return the service "${key}" it declares in provides`);
              registry.setProvided(ref, result[key]);
            }
          } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            throw new StartupError(`Plugin "${pluginId}" failed to start: ${message}`, { cause: e });
          }
          const runtime = runtimeOf(pluginId);
          mountPluginRoutes(server, { pluginId, routes: runtime.routes });
          started.push({ pluginId, runtime });
          rootLogger.debug(`Plugin ${pluginId} initialised in ${Math.round(performance.now() - t0)} ms`);
        }
        const sendIndex = options.frontendDir
          ? await mountSpa(server, { dir: options.frontendDir, frontendConfig: prepared.frontendConfig, logger: rootLogger })
          : undefined;
        installNotFoundHandler(server, sendIndex);

        await rootLifecycle.runStartup();
        for (const { pluginId, runtime } of started) {
          try {
            await runtime.lifecycle.runStartup();
          } catch (e) {
            throw new StartupError(`Plugin "${pluginId}" failed in a startup hook: ${(e as Error).message}`, { cause: e });
          }
        }
        await listen(server, port, host);
        const actualPort = (server.server.address() as AddressInfo).port;
        listenUrl.internalBaseUrl = `http://localhost:${actualPort}`;
        listenUrl.baseUrl = config.getOptionalString('backend.baseUrl') ?? listenUrl.internalBaseUrl;
        if (config.getOptionalBoolean('backend.gcWhenIdle') !== false) {
          const collector = startIdleGarbageCollector();
          rootLifecycle.addShutdownHook(() => collector.stop());
        }
        state = 'started';
        return { url: listenUrl.internalBaseUrl, port: actualPort };
      } catch (e) {
        await shutdown().catch(() => undefined);
        state = 'stopped';
        throw isAtriumError(e) ? e : new StartupError((e as Error).message, { cause: e });
      }
    },

    async stop() {
      if (state === 'stopped' || state === 'stopping' || state === 'new') return;
      state = 'stopping';
      await shutdown();
      state = 'stopped';
    },
  };

  async function shutdown() {
    // Stop accepting first: Fastify's close waits for in-flight requests, then plugins and the
    // root services (schedulers, event listeners, the database) stop in reverse order of start.
    if (server) await closeServer(server, config?.getOptionalNumber('backend.shutdownTimeoutSeconds') ?? 30);
    for (const { runtime } of [...started].reverse()) await runtime.lifecycle.runShutdown();
    await rootLifecycle?.runShutdown();
  }

  return backend;
}

async function resolveDeps(registry: ServiceRegistry, deps: Record<string, unknown>, pluginId: string, extensionPoints: Map<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, dep] of Object.entries(deps)) {
    out[key] = isExtensionPoint(dep) ? extensionPoints.get(dep.id) : await registry.get(dep as never, pluginId);
  }
  return out;
}

/**
 * Fastify's close stops accepting and waits for in-flight requests, but a keep-alive socket that goes
 * idle after close began would hold it open until its timeout: close such sockets as they go idle,
 * and cut everything after the deadline.
 */
async function closeServer(server: AtriumFastify, timeoutSeconds: number) {
  const closing = server.close();
  const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.server.closeAllConnections(), timeoutSeconds * 1000);
  try {
    await closing;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

async function listen(server: AtriumFastify, port: number, host: string) {
  try {
    await server.listen({ port, host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(`Port ${port} is already in use by another process; stop it, or choose another port with --port or backend.listen.port`);
    }
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${port}; choose a port above 1024 with --port`);
    throw e;
  }
}

import type { PluginServiceFactory, RootServiceFactory, ServiceFactory, ServiceRef } from '../api/serviceRef.js';
import { StartupError } from '../api/errors.js';

/** The one service the kernel makes itself: it is what tells a plugin-scoped factory whose it is. */
const PLUGIN_METADATA_ID = 'core.pluginMetadata';

/**
 * Resolves services for plugins. Root services are created once; plugin services once per plugin
 * (after a shared root context); services that plugins provide to each other are added as they start.
 * Creation is memoised as promises so concurrent requests for one service share one instance.
 */
export class ServiceRegistry {
  readonly #factories = new Map<string, ServiceFactory>();
  readonly #rootInstances = new Map<string, Promise<unknown>>();
  readonly #rootContexts = new Map<string, Promise<unknown>>();
  readonly #pluginInstances = new Map<string, Map<string, Promise<unknown>>>();
  readonly #provided = new Map<string, { pluginId: string; value?: unknown; ready: boolean }>();

  constructor(factories: ServiceFactory[]) {
    for (const f of factories) this.add(f);
  }

  /** A later factory for the same ref replaces the earlier one (that is how defaults are overridden). */
  add(factory: ServiceFactory): void {
    this.#factories.set(factory.service.id, factory);
  }

  /** Declares that `pluginId` will provide `ref` when its init returns. */
  declareProvided(ref: ServiceRef<unknown>, pluginId: string): void {
    const existing = this.#provided.get(ref.id);
    if (existing && existing.pluginId !== pluginId) {
      throw new StartupError(`Plugins "${existing.pluginId}" and "${pluginId}" both provide service "${ref.id}"; only one may`);
    }
    if (this.#factories.has(ref.id)) {
      throw new StartupError(`Plugin "${pluginId}" provides service "${ref.id}", which a service factory already provides`);
    }
    this.#provided.set(ref.id, { pluginId, ready: false });
  }

  setProvided(ref: ServiceRef<unknown>, value: unknown): void {
    const entry = this.#provided.get(ref.id);
    if (!entry) throw new StartupError(`Service "${ref.id}" was not declared as provided`);
    entry.value = value;
    entry.ready = true;
  }

  /** Which plugin provides this service, if a plugin does. */
  providerOf(ref: ServiceRef<unknown>): string | undefined {
    return this.#provided.get(ref.id)?.pluginId;
  }

  has(ref: ServiceRef<unknown>): boolean {
    return ref.id === PLUGIN_METADATA_ID || this.#factories.has(ref.id) || this.#provided.has(ref.id);
  }

  /** Ids of the services a factory depends on, for error messages and cycle checks. */
  missingDependencies(ref: ServiceRef<unknown>, seen = new Set<string>()): string[] {
    if (ref.id === PLUGIN_METADATA_ID) return [];
    const factory = this.#factories.get(ref.id);
    if (!factory) return this.#provided.has(ref.id) ? [] : [ref.id];
    if (seen.has(ref.id)) return [];
    seen.add(ref.id);
    return Object.values(factory.deps as Record<string, ServiceRef<unknown>>).flatMap((d) => this.missingDependencies(d, seen));
  }

  async get<T>(ref: ServiceRef<T>, pluginId: string, chain: string[] = []): Promise<T> {
    if (chain.includes(ref.id)) {
      throw new StartupError(`Service dependency cycle: ${[...chain, ref.id].join(' → ')}`);
    }
    if (ref.id === PLUGIN_METADATA_ID) return { getId: () => pluginId } as T;
    const provided = this.#provided.get(ref.id);
    if (provided) {
      if (!provided.ready) {
        throw new StartupError(`Service "${ref.id}" from plugin "${provided.pluginId}" was used before that plugin started`);
      }
      return provided.value as T;
    }
    const factory = this.#factories.get(ref.id);
    if (!factory) {
      throw new StartupError(`Plugin "${pluginId}" depends on service "${ref.id}", which no service factory or plugin provides`);
    }
    const next = [...chain, ref.id];
    if (factory.service.scope === 'root') {
      return this.#memo(this.#rootInstances, ref.id, () => this.#createRoot(factory as RootServiceFactory, pluginId, next)) as Promise<T>;
    }
    let perPlugin = this.#pluginInstances.get(pluginId);
    if (!perPlugin) this.#pluginInstances.set(pluginId, (perPlugin = new Map()));
    return this.#memo(perPlugin, ref.id, () => this.#createForPlugin(factory as PluginServiceFactory, pluginId, next)) as Promise<T>;
  }

  async #createRoot(factory: RootServiceFactory, pluginId: string, chain: string[]): Promise<unknown> {
    const deps = await this.#resolveDeps(factory.deps, pluginId, chain, 'root');
    return factory.factory(deps as never);
  }

  async #createForPlugin(factory: PluginServiceFactory, pluginId: string, chain: string[]): Promise<unknown> {
    const context = await this.#memo(this.#rootContexts, factory.service.id, async () => {
      if (!factory.createRootContext) return undefined;
      const rootDeps = await this.#resolveDeps(factory.deps, pluginId, chain, 'root-only');
      return factory.createRootContext(rootDeps as never);
    });
    const deps = await this.#resolveDeps(factory.deps, pluginId, chain, 'all');
    return factory.factory(deps as never, context);
  }

  async #resolveDeps(deps: Record<string, ServiceRef<unknown>>, pluginId: string, chain: string[], mode: 'root' | 'root-only' | 'all') {
    const entries = await Promise.all(
      Object.entries(deps).map(async ([key, dep]) => {
        if (dep.scope === 'plugin' && mode !== 'all') {
          if (mode === 'root') {
            throw new StartupError(`Root service "${chain.at(-1)}" cannot depend on plugin-scoped service "${dep.id}"`);
          }
          return [key, undefined] as const;
        }
        return [key, await this.get(dep, pluginId, chain)] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  #memo<T>(cache: Map<string, Promise<unknown>>, key: string, create: () => Promise<T>): Promise<T> {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = create();
      cache.set(key, p);
    }
    return p;
  }
}

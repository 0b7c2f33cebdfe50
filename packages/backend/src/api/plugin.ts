import type { ResolvedDeps, ServiceRef, ServiceRefMap } from './serviceRef.js';
import type { z } from 'zod';

/**
 * Plugins and modules. A plugin has two phases, like Backstage's kernel: `register` declares extension
 * points and one init (its service dependencies, what it provides to other plugins); `init` runs later,
 * in dependency order. Modules extend one plugin through its extension points and init before it.
 */
export interface ExtensionPoint<T> {
  readonly id: string;
  readonly $$type?: T;
}

/** Extension point ids are namespaced and versioned, e.g. `catalog.processing/v1`. */
export function createExtensionPoint<T>(options: { id: string }): ExtensionPoint<T> {
  return { id: options.id };
}

export type DepRef = ServiceRef<unknown> | ExtensionPoint<unknown>;
export type DepMap = Record<string, DepRef>;
export type ResolvedDepMap<T> = {
  [K in keyof T]: T[K] extends ServiceRef<infer S> ? S : T[K] extends ExtensionPoint<infer E> ? E : never;
};

export interface PluginInit<TDeps extends DepMap, TProvides extends ServiceRefMap> {
  deps: TDeps;
  /** Services this plugin offers to other plugins, e.g. `{ catalog: catalogServiceRef }`. Plugins that
   * depend on them start after this one. `init` must return a value for each. */
  provides?: TProvides;
  init(deps: ResolvedDepMap<TDeps>): Promise<ProvidedResult<NoInfer<TProvides>>> | ProvidedResult<NoInfer<TProvides>>;
}
type ProvidedResult<TProvides extends ServiceRefMap> = keyof TProvides extends never ? void : ResolvedDeps<TProvides>;

export interface PluginRegistrationEnv {
  registerExtensionPoint<T>(ref: ExtensionPoint<T>, impl: T): void;
  registerInit<TDeps extends DepMap, TProvides extends ServiceRefMap = {}>(init: PluginInit<TDeps, TProvides>): void;
}

export interface ModuleRegistrationEnv {
  registerInit<TDeps extends DepMap>(init: { deps: TDeps; init(deps: ResolvedDepMap<TDeps>): Promise<void> | void }): void;
}

export interface BackendPlugin {
  readonly $$kind: 'plugin';
  readonly pluginId: string;
  /** zod schema over the whole app config (use `.optional()`/loose objects): only the keys this plugin reads.
   * Mark keys with `visibility('frontend')` or `visibility('secret')` from the config module. */
  readonly configSchema?: z.ZodType;
  register(env: PluginRegistrationEnv): void;
}

export interface BackendModule {
  readonly $$kind: 'module';
  readonly pluginId: string;
  readonly moduleId: string;
  readonly configSchema?: z.ZodType;
  register(env: ModuleRegistrationEnv): void;
}

const PLUGIN_ID = /^[a-z][a-z0-9-]{0,62}$/;

export function createBackendPlugin(options: {
  pluginId: string;
  configSchema?: z.ZodType;
  register(env: PluginRegistrationEnv): void;
}): BackendPlugin {
  if (!PLUGIN_ID.test(options.pluginId)) {
    throw new Error(`Invalid plugin id "${options.pluginId}": use lowercase letters, digits and dashes, starting with a letter`);
  }
  return { $$kind: 'plugin', ...options };
}

export function createBackendModule(options: {
  pluginId: string;
  moduleId: string;
  configSchema?: z.ZodType;
  register(env: ModuleRegistrationEnv): void;
}): BackendModule {
  return { $$kind: 'module', ...options };
}

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ComponentType } from 'react';
import type { EntitySource } from '../entity/entitySource';
import type { FrontendConfig } from '../api/config';
import type { Identity, IdentityManager } from '../api/identity';
import type { ExtensionRegistry } from '../plugin/registry';

/** What the shell shares with everything under it. */
export interface AppContextValue {
  title: string;
  registry: ExtensionRegistry;
  config: FrontendConfig;
  identity: IdentityManager;
  entitySource?: EntitySource;
  searchBox?: ComponentType;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useAppContext(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('This component must be rendered inside the app created by createApp()');
  return ctx;
}

/** The frontend config (from the page, or `GET /api/app/config` under vite dev). */
export function useConfig() {
  return useAppContext().config;
}

/** All plugins' registered contributions. */
export function useExtensions(): ExtensionRegistry {
  return useAppContext().registry;
}

/** The signed-in identity; re-renders on sign-in and sign-out. */
export function useIdentity(): { identity: Identity | undefined; manager: IdentityManager } {
  const { identity: manager } = useAppContext();
  const identity = useSyncExternalStore(manager.subscribe, () => manager.getIdentity());
  return { identity, manager };
}

/** A plugin-provided API by id (from a plugin's `apis`), created once on first use. */
const apiInstances = new WeakMap<ExtensionRegistry, Map<string, unknown>>();
export function useApi<T>(apiId: string): T | undefined {
  const { registry } = useAppContext();
  let instances = apiInstances.get(registry);
  if (!instances) apiInstances.set(registry, (instances = new Map()));
  if (!instances.has(apiId)) {
    const entry = registry.apis.get(apiId);
    instances.set(apiId, entry?.factory());
  }
  return instances.get(apiId) as T | undefined;
}

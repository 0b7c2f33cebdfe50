import type { BackendModule, BackendPlugin, DepMap, ExtensionPoint } from '../api/plugin.js';
import type { ServiceRef, ServiceRefMap } from '../api/serviceRef.js';
import { StartupError } from '../api/errors.js';

export type Feature = BackendPlugin | BackendModule;

export interface InitRegistration {
  deps: DepMap;
  provides?: ServiceRefMap;
  init(deps: Record<string, unknown>): unknown;
}

export interface PluginNode {
  plugin: BackendPlugin;
  extensionPoints: Map<string, unknown>;
  init?: InitRegistration;
  modules: Array<{ module: BackendModule; init?: InitRegistration }>;
}

function isExtensionPoint(dep: unknown): dep is ExtensionPoint<unknown> {
  return typeof dep === 'object' && dep !== null && !('scope' in dep);
}

/** Runs every feature's `register` phase and groups modules under their plugins. */
export function registerFeatures(features: Feature[]): Map<string, PluginNode> {
  const nodes = new Map<string, PluginNode>();
  for (const f of features) {
    if (f.$$kind !== 'plugin') continue;
    if (nodes.has(f.pluginId)) throw new StartupError(`Plugin "${f.pluginId}" was added twice`);
    const node: PluginNode = { plugin: f, extensionPoints: new Map(), modules: [] };
    f.register({
      registerExtensionPoint(ref, impl) {
        if (node.extensionPoints.has(ref.id)) throw new StartupError(`Plugin "${f.pluginId}" registers extension point "${ref.id}" twice`);
        node.extensionPoints.set(ref.id, impl);
      },
      registerInit(init) {
        if (node.init) throw new StartupError(`Plugin "${f.pluginId}" calls registerInit more than once`);
        node.init = init as unknown as InitRegistration;
      },
    });
    if (!node.init) throw new StartupError(`Plugin "${f.pluginId}" registered no init`);
    nodes.set(f.pluginId, node);
  }
  for (const f of features) {
    if (f.$$kind !== 'module') continue;
    const node = nodes.get(f.pluginId);
    if (!node) {
      throw new StartupError(`Module "${f.moduleId}" extends plugin "${f.pluginId}", which is not installed; add the plugin or remove the module`);
    }
    if (node.modules.some((m) => m.module.moduleId === f.moduleId)) {
      throw new StartupError(`Module "${f.moduleId}" of plugin "${f.pluginId}" was added twice`);
    }
    const entry: PluginNode['modules'][number] = { module: f };
    f.register({ registerInit: (init) => void (entry.init = init as unknown as InitRegistration) });
    node.modules.push(entry);
  }
  return nodes;
}

/** Service refs a plugin (and its modules) depend on, and extension points its modules use. */
export function serviceDepsOf(node: PluginNode): ServiceRef<unknown>[] {
  const all = [node.init, ...node.modules.map((m) => m.init)].flatMap((i) => (i ? Object.values(i.deps) : []));
  return all.filter((d): d is ServiceRef<unknown> => !isExtensionPoint(d));
}

export function checkModuleExtensionPoints(node: PluginNode): void {
  for (const { module, init } of node.modules) {
    for (const dep of Object.values(init?.deps ?? {})) {
      if (isExtensionPoint(dep) && !node.extensionPoints.has(dep.id)) {
        throw new StartupError(
          `Module "${module.moduleId}" of plugin "${node.plugin.pluginId}" uses extension point "${dep.id}", which plugin "${node.plugin.pluginId}" does not offer`,
        );
      }
    }
  }
}

/**
 * Orders plugins so that a plugin starts after the plugins whose services it uses.
 * A cycle fails start-up naming the plugins in it.
 */
export function orderPlugins(nodes: Map<string, PluginNode>, providerOf: (ref: ServiceRef<unknown>) => string | undefined): PluginNode[] {
  const edges = new Map<string, Set<string>>();
  for (const [id, node] of nodes) {
    const before = new Set<string>();
    for (const dep of serviceDepsOf(node)) {
      const provider = providerOf(dep);
      if (provider && provider !== id) before.add(provider);
    }
    edges.set(id, before);
  }
  const ordered: PluginNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      throw new StartupError(`Plugin dependency cycle: ${cycle.join(' → ')}; break it by moving the shared service into its own plugin or module`);
    }
    state.set(id, 'visiting');
    for (const dep of edges.get(id) ?? []) visit(dep, [...path, id]);
    state.set(id, 'done');
    ordered.push(nodes.get(id)!);
  };
  for (const id of nodes.keys()) visit(id, []);
  return ordered;
}

export { isExtensionPoint };

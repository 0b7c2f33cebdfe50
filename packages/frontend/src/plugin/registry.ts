import type {
  EntityCardContribution, EntityTabContribution, ExtensionKind, FormFieldContribution, FrontendPlugin,
  HomeWidgetContribution, NavContribution, PageContribution, Registered, SearchResultContribution,
} from './types';

/** Where the registry reports skipped contributions; `console` by default. */
export interface RegistryLogger {
  warn(message: string, details?: unknown): void;
}

/** All plugins' contributions, validated, de-duplicated and namespaced. */
export interface ExtensionRegistry {
  plugins: readonly FrontendPlugin[];
  pages: Registered<PageContribution>[];
  nav: Registered<NavContribution>[];
  entityTabs: Registered<EntityTabContribution>[];
  entityCards: Registered<EntityCardContribution>[];
  searchResults: Registered<SearchResultContribution>[];
  formFields: Registered<FormFieldContribution>[];
  homeWidgets: Registered<HomeWidgetContribution>[];
  apis: Map<string, { pluginId: string; factory: () => unknown }>;
}

const PLUGIN_ID = /^[a-z][a-z0-9-]*$/;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isFn = (v: unknown): v is (...args: never[]) => unknown => typeof v === 'function';

type Spec<T> = {
  kind: ExtensionKind;
  /** The part of the extension id local to the plugin, and the key that must be unique app-wide. */
  localId: (c: T) => unknown;
  uniqueKey?: (c: T) => string;
  validate: (c: T) => string | undefined;
};

const loadable = (c: { load?: unknown }) => (isFn(c.load) ? undefined : '`load` must be a function returning import()');
const optionalPredicate = (c: { if?: unknown }) => (c.if === undefined || isFn(c.if) ? undefined : '`if` must be a function');

const specs = {
  page: {
    kind: 'page', localId: (c: PageContribution) => c.path, uniqueKey: (c: PageContribution) => normalizePath(c.path),
    validate: (c: PageContribution) => !isText(c.path) || !c.path.startsWith('/') ? '`path` must start with "/"'
      : !isText(c.title) ? '`title` is required' : loadable(c),
  },
  nav: {
    kind: 'nav', localId: (c: NavContribution) => c.to,
    validate: (c: NavContribution) => !isText(c.title) ? '`title` is required' : !isText(c.to) ? '`to` is required'
      : !(isText(c.icon) || isFn(c.icon) || (typeof c.icon === 'object' && c.icon !== null)) ? '`icon` is required' : undefined,
  },
  entityTab: {
    kind: 'entityTab', localId: (c: EntityTabContribution) => c.id, uniqueKey: (c: EntityTabContribution) => normalizePath(c.path),
    validate: (c: EntityTabContribution) => !isText(c.id) ? '`id` is required' : !isText(c.title) ? '`title` is required'
      : !isText(c.path) || c.path.includes('/') ? '`path` must be one URL segment, e.g. "docs"' : optionalPredicate(c) ?? loadable(c),
  },
  entityCard: {
    kind: 'entityCard', localId: (c: EntityCardContribution) => c.id,
    validate: (c: EntityCardContribution) => !isText(c.id) ? '`id` is required'
      : c.area !== 'overview' && c.area !== 'summary' ? '`area` must be "overview" or "summary"' : optionalPredicate(c) ?? loadable(c),
  },
  searchResult: {
    kind: 'searchResult', localId: (c: SearchResultContribution) => c.type, uniqueKey: (c: SearchResultContribution) => c.type,
    validate: (c: SearchResultContribution) => !isText(c.type) ? '`type` is required' : loadable(c),
  },
  formField: {
    kind: 'formField', localId: (c: FormFieldContribution) => c.name, uniqueKey: (c: FormFieldContribution) => c.name,
    validate: (c: FormFieldContribution) => !isText(c.name) ? '`name` is required' : loadable(c),
  },
  homeWidget: {
    kind: 'homeWidget', localId: (c: HomeWidgetContribution) => c.id,
    validate: (c: HomeWidgetContribution) => !isText(c.id) ? '`id` is required' : !isText(c.title) ? '`title` is required' : loadable(c),
  },
} satisfies Record<ExtensionKind, Spec<never>>;

function normalizePath(path: string): string {
  return `/${path.split('/').filter(Boolean).join('/')}`.toLowerCase();
}

function register<T extends object>(
  plugins: readonly FrontendPlugin[], pick: (p: FrontendPlugin) => readonly T[] | undefined, spec: Spec<T>, log: RegistryLogger,
): Registered<T>[] {
  const out: Registered<T>[] = [];
  const seenIds = new Set<string>();
  const seenKeys = new Map<string, string>();
  for (const plugin of plugins) {
    const list = pick(plugin) ?? [];
    if (!Array.isArray(list)) {
      log.warn(`[atrium] plugin "${plugin.id}": ${spec.kind} contributions must be an array; skipped them`);
      continue;
    }
    list.forEach((c: T, index) => {
      const where = `plugin "${plugin.id}", ${spec.kind} #${index + 1}`;
      const problem = c && typeof c === 'object' ? spec.validate(c) : 'not an object';
      if (problem) {
        log.warn(`[atrium] skipped ${where}: ${problem}`, c);
        return;
      }
      const extensionId = `${plugin.id}/${spec.kind}/${String(spec.localId(c))}`;
      if (seenIds.has(extensionId)) {
        log.warn(`[atrium] skipped ${where}: duplicate extension id "${extensionId}"`);
        return;
      }
      const key = spec.uniqueKey?.(c);
      const owner = key === undefined ? undefined : seenKeys.get(key);
      if (key !== undefined && owner !== undefined) {
        log.warn(`[atrium] skipped ${where}: "${key}" is already taken by ${owner}`);
        return;
      }
      seenIds.add(extensionId);
      if (key !== undefined) seenKeys.set(key, extensionId);
      out.push(Object.freeze({ ...c, extensionId, pluginId: plugin.id }));
    });
  }
  return out;
}

const byOrder = <T extends { order?: number }>(items: T[]) =>
  items.map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.order ?? Infinity) - (b.item.order ?? Infinity) || a.i - b.i)
    .map(({ item }) => item);

/**
 * Validates every plugin's contributions. A bad one (missing fields, duplicate id, path or type) is
 * logged and skipped, so one broken plugin never takes the portal down.
 */
export function createExtensionRegistry(input: readonly FrontendPlugin[], log: RegistryLogger = console): ExtensionRegistry {
  const plugins: FrontendPlugin[] = [];
  for (const plugin of input) {
    if (!plugin || !PLUGIN_ID.test(String(plugin.id))) {
      log.warn(`[atrium] skipped a plugin with invalid id ${JSON.stringify(plugin?.id)}: use lowercase letters, digits and dashes`);
    } else if (plugins.some(p => p.id === plugin.id)) {
      log.warn(`[atrium] skipped a second plugin with id "${plugin.id}"`);
    } else {
      plugins.push(plugin);
    }
  }
  const apis = new Map<string, { pluginId: string; factory: () => unknown }>();
  for (const plugin of plugins) {
    for (const [apiId, factory] of Object.entries(plugin.apis ?? {})) {
      if (!isFn(factory)) log.warn(`[atrium] skipped api "${apiId}" of plugin "${plugin.id}": not a factory function`);
      else if (apis.has(apiId)) log.warn(`[atrium] skipped api "${apiId}" of plugin "${plugin.id}": already provided by "${apis.get(apiId)?.pluginId}"`);
      else apis.set(apiId, { pluginId: plugin.id, factory });
    }
  }
  return {
    plugins,
    pages: register(plugins, p => p.pages, specs.page, log),
    nav: byOrder(register(plugins, p => p.nav, specs.nav, log)),
    entityTabs: byOrder(register(plugins, p => p.entityTabs, specs.entityTab, log)),
    entityCards: byOrder(register(plugins, p => p.entityCards, specs.entityCard, log)),
    searchResults: register(plugins, p => p.searchResults, specs.searchResult, log),
    formFields: register(plugins, p => p.formFields, specs.formField, log),
    homeWidgets: byOrder(register(plugins, p => p.homeWidgets, specs.homeWidget, log)),
    apis,
  };
}

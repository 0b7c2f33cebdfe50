/**
 * Typed service references and factories: the dependency-injection vocabulary of the backend.
 * A `root` service exists once per backend; a `plugin` service is created once per plugin that uses it
 * (so the logger, database and router it gets are its own).
 */
export type ServiceScope = 'root' | 'plugin';

export interface ServiceRef<T, TScope extends ServiceScope = ServiceScope> {
  readonly id: string;
  readonly scope: TScope;
  /** Phantom field carrying the service type; never set at run time. */
  readonly $$type?: T;
}

export function createServiceRef<T>(options: { id: string; scope: 'root' }): ServiceRef<T, 'root'>;
export function createServiceRef<T>(options: { id: string; scope?: 'plugin' }): ServiceRef<T, 'plugin'>;
export function createServiceRef<T>(options: { id: string; scope?: ServiceScope }): ServiceRef<T> {
  return { id: options.id, scope: options.scope ?? 'plugin' };
}

export type ServiceRefMap = Record<string, ServiceRef<unknown>>;
export type ResolvedDeps<TDeps> = { [K in keyof TDeps]: TDeps[K] extends ServiceRef<infer T, ServiceScope> ? T : never };

export interface RootServiceFactory<T = unknown, TDeps extends ServiceRefMap = ServiceRefMap> {
  readonly $$kind: 'service-factory';
  readonly service: ServiceRef<T, 'root'>;
  readonly deps: TDeps;
  factory(deps: ResolvedDeps<TDeps>): T | Promise<T>;
}

export interface PluginServiceFactory<T = unknown, TContext = unknown, TDeps extends ServiceRefMap = ServiceRefMap> {
  readonly $$kind: 'service-factory';
  readonly service: ServiceRef<T, 'plugin'>;
  readonly deps: TDeps;
  /** Runs once per backend with the root-scoped deps only; its result is shared by every plugin's instance. */
  createRootContext?(deps: ResolvedDeps<TDeps>): TContext | Promise<TContext>;
  factory(deps: ResolvedDeps<TDeps>, context: TContext): T | Promise<T>;
}

export type ServiceFactory = RootServiceFactory<any, any> | PluginServiceFactory<any, any, any>;

export function createServiceFactory<T, TDeps extends ServiceRefMap>(options: {
  service: ServiceRef<T, 'root'>;
  deps: TDeps;
  factory(deps: ResolvedDeps<TDeps>): T | Promise<T>;
}): RootServiceFactory<T, TDeps>;
export function createServiceFactory<T, TContext, TDeps extends ServiceRefMap>(options: {
  service: ServiceRef<T, 'plugin'>;
  deps: TDeps;
  createRootContext?(deps: ResolvedDeps<TDeps>): TContext | Promise<TContext>;
  factory(deps: ResolvedDeps<TDeps>, context: TContext): T | Promise<T>;
}): PluginServiceFactory<T, TContext, TDeps>;
export function createServiceFactory(options: any): ServiceFactory {
  return { $$kind: 'service-factory', ...options };
}

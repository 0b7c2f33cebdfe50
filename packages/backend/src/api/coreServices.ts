import { createServiceRef } from './serviceRef.js';
import type {
  AuthService, Config, DatabaseService, DiscoveryService, EventsService, HttpAuthService, HttpRouterService,
  LifecycleService, Logger, PluginMetadataService, RootDatabaseService, RootHealthService, SchedulerService,
  UrlReaderService,
} from './services.js';

/** The services every backend offers. Replace one by adding another factory for the same ref. */
export const coreServices = {
  rootConfig: createServiceRef<Config>({ id: 'core.rootConfig', scope: 'root' }),
  rootLogger: createServiceRef<Logger>({ id: 'core.rootLogger', scope: 'root' }),
  rootLifecycle: createServiceRef<LifecycleService>({ id: 'core.rootLifecycle', scope: 'root' }),
  rootDatabase: createServiceRef<RootDatabaseService>({ id: 'core.rootDatabase', scope: 'root' }),
  rootHealth: createServiceRef<RootHealthService>({ id: 'core.rootHealth', scope: 'root' }),
  pluginMetadata: createServiceRef<PluginMetadataService>({ id: 'core.pluginMetadata' }),
  logger: createServiceRef<Logger>({ id: 'core.logger' }),
  lifecycle: createServiceRef<LifecycleService>({ id: 'core.lifecycle' }),
  database: createServiceRef<DatabaseService>({ id: 'core.database' }),
  scheduler: createServiceRef<SchedulerService>({ id: 'core.scheduler' }),
  events: createServiceRef<EventsService>({ id: 'core.events' }),
  urlReader: createServiceRef<UrlReaderService>({ id: 'core.urlReader' }),
  http: createServiceRef<HttpRouterService>({ id: 'core.http' }),
  auth: createServiceRef<AuthService>({ id: 'core.auth' }),
  httpAuth: createServiceRef<HttpAuthService>({ id: 'core.httpAuth' }),
  discovery: createServiceRef<DiscoveryService>({ id: 'core.discovery' }),
};

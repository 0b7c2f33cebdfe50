import { coreServices } from '../api/coreServices.js';
import type { Config } from '../api/services.js';
import { createServiceFactory, type RootServiceFactory } from '../api/serviceRef.js';

/**
 * The root config service for a config the kernel has already loaded and validated (loading is
 * async and must finish before any plugin registers, so it happens outside the service graph).
 */
export function configServiceFactory(config: Config): RootServiceFactory<Config, {}> {
  return createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => config });
}

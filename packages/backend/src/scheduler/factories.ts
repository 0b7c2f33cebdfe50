import { coreServices } from '../api/coreServices.js';
import { createServiceFactory } from '../api/serviceRef.js';
import { createRootScheduler, type RootScheduler } from './rootScheduler.js';

/**
 * Each plugin's scheduler, over one backend-wide coordinator. Tasks start running once every plugin has
 * initialised, and are aborted and awaited on shutdown.
 */
export const schedulerServiceFactory = createServiceFactory({
  service: coreServices.scheduler,
  deps: {
    rootDatabase: coreServices.rootDatabase,
    rootLogger: coreServices.rootLogger,
    rootLifecycle: coreServices.rootLifecycle,
    pluginMetadata: coreServices.pluginMetadata,
  },
  createRootContext({ rootDatabase, rootLogger, rootLifecycle }): RootScheduler {
    const scheduler = createRootScheduler({ db: rootDatabase, logger: rootLogger });
    rootLifecycle.addStartupHook(() => scheduler.start());
    rootLifecycle.addShutdownHook(() => scheduler.stop());
    return scheduler;
  },
  factory({ pluginMetadata }, scheduler) {
    return scheduler.forPlugin(pluginMetadata.getId());
  },
});

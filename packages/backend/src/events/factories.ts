import { coreServices } from '../api/coreServices.js';
import { createServiceFactory } from '../api/serviceRef.js';
import { createRootEventBus, type RootEventBus } from './rootEventBus.js';

/**
 * Each plugin's events service, over one backend-wide bus that reaches other instances through
 * LISTEN/NOTIFY. The bus starts listening when the first plugin asks for it and stops on shutdown.
 */
export const eventsServiceFactory = createServiceFactory({
  service: coreServices.events,
  deps: {
    rootDatabase: coreServices.rootDatabase,
    rootLogger: coreServices.rootLogger,
    rootLifecycle: coreServices.rootLifecycle,
    pluginMetadata: coreServices.pluginMetadata,
  },
  async createRootContext({ rootDatabase, rootLogger, rootLifecycle }): Promise<RootEventBus> {
    const bus = createRootEventBus({ db: rootDatabase, logger: rootLogger });
    await bus.start();
    rootLifecycle.addShutdownHook(() => bus.stop());
    return bus;
  },
  factory({ pluginMetadata }, bus) {
    return bus.forPlugin(pluginMetadata.getId());
  },
});

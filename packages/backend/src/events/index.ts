export { createRootEventBus, type RootEventBus, type RootEventBusOptions } from './rootEventBus.js';
export { eventsServiceFactory } from './factories.js';

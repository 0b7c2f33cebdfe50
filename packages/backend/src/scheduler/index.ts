export { createRootScheduler, type RootScheduler, type RootSchedulerOptions } from './rootScheduler.js';
export { schedulerServiceFactory } from './factories.js';
export { parseHumanDuration } from './humanDuration.js';

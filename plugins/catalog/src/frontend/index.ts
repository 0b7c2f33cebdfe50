export { catalogEntitySource } from './catalogEntitySource';
export { catalogFrontendPlugin } from './plugin';

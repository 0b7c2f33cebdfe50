export { catalogEntitySource } from './catalogEntitySource';

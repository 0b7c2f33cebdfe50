export { discoveryModule, runDiscovery } from './discoveryModule.js';

export * from './errors.js';
export * from './serviceRef.js';
export * from './plugin.js';
export * from './services.js';
export { coreServices } from './coreServices.js';

/**
 * @atrium/backend — the backend framework: plugin API, core services, HTTP server, config and database.
 */
export * from './api/index.js';
export { createBackend, type Backend, type BackendOptions } from './kernel/createBackend.js';
export { visibility } from './config/index.js';

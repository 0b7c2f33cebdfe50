/**
 * @atrium/backend — the backend framework: plugin API, core services, HTTP server, config and database.
 */
export * from './api/index.js';
export { createBackend, type Backend, type BackendOptions } from './kernel/createBackend.js';
export { visibility } from './config/index.js';
export { parseHumanDuration } from './scheduler/index.js';
export {
  createUrlReader, createUrlReaderFromProviders, createUrlReaderServiceFactory, createLocalFileProvider, createGitProvider,
  createHttpFetchProvider, parseGitUrl, redactUrl, createGithubProvider, githubProviderFromConfig, GithubRateLimitError,
  readGithubIntegrations, resolveGithubIntegrations, integrationForUrl, createGithubCredentialsProvider,
  type GithubApp, type GithubCredentials, type GithubCredentialsProvider, type GithubIntegration, type ResolvedGithubIntegration,
} from './urlReader/index.js';
export { ConfigReader } from './config/index.js';
export { PREPARE } from './database/preparedStatements.js';

export {
  createUrlReader,
  createUrlReaderFromProviders,
  createUrlReaderServiceFactory,
  defaultUrlReaderProviders,
  urlReaderServiceFactory,
  type CreateUrlReaderOptions,
} from './createUrlReader.js';
export { createLocalFileProvider, localFileProviderFromConfig, type LocalFileProviderOptions } from './localFileProvider.js';
export { createGitProvider, gitProviderFromConfig, type GitIntegration, type GitProviderOptions } from './gitProvider.js';
export {
  createHttpFetchProvider,
  httpFetchProviderFromConfig,
  type HttpAllowRule,
  type HttpFetchProviderOptions,
} from './httpFetchProvider.js';
export { parseGitUrl, resolveRef, type GitUrlParts, type ResolvedRef, type ServerRefs } from './gitUrl.js';
export { hostMatches, redactUrl } from './urlUtils.js';
export {
  createGithubProvider, githubProviderFromConfig, GithubRateLimitError, readGithubIntegrations, resolveGithubIntegrations,
  integrationForUrl, defaultApiBaseUrl, createGithubCredentialsProvider,
  type GithubApp, type GithubCredentials, type GithubCredentialsProvider, type GithubIntegration, type GithubProviderOptions,
  type ResolvedGithubIntegration,
} from './github/index.js';

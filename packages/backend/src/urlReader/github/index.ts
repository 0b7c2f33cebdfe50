export { createGithubProvider, githubProviderFromConfig, type GithubProviderOptions } from './githubProvider.js';
export {
  defaultApiBaseUrl, integrationForUrl, readGithubIntegrations, resolveGithubIntegrations,
  type GithubApp, type GithubIntegration, type ResolvedGithubIntegration,
} from './githubIntegration.js';
export { createGithubCredentialsProvider, type GithubCredentials, type GithubCredentialsProvider } from './githubCredentials.js';
export { GithubRateLimitError } from './githubApi.js';

export { createGithubProvider, githubProviderFromConfig, type GithubProviderOptions } from './githubProvider.js';
export { defaultApiBaseUrl, readGithubIntegrations, type GithubIntegration } from './githubIntegration.js';
export { GithubRateLimitError } from './githubApi.js';

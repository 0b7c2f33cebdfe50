export { githubOrgModule } from './githubOrgModule.js';
export { GithubOrgEntityProvider } from './GithubOrgEntityProvider.js';
export { readGithubOrgConfigs, type GithubOrgProviderConfig } from './config.js';

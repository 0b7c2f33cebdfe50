import { coreServices, createBackendModule } from '@atrium/backend';
import { catalogProcessingExtensionPoint } from '../../providers/extensionPoint.js';
import { githubOrgConfigSchema, readGithubOrgConfigs } from './config.js';
import { GithubOrgEntityProvider } from './GithubOrgEntityProvider.js';

/**
 * Discovers each org in `catalog.providers.github`: its repositories' descriptors (as url Locations,
 * read by the GitHub URL reader), its teams as Groups and its members as Users.
 */
export const githubOrgModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'github-org',
  configSchema: githubOrgConfigSchema,
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const providers = readGithubOrgConfigs(config).map((org) => new GithubOrgEntityProvider(org, { logger, scheduler }));
        catalog.addEntityProvider(...providers);
      },
    });
  },
});

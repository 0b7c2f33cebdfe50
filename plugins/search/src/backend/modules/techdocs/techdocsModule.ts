import { coreServices, createBackendModule, type HumanDuration } from '@atrium/backend';
import { CatalogClient } from '@atrium/plugin-catalog/common';
import { searchIndexRegistryExtensionPoint } from '../../extensionPoint.js';
import { createTechdocsCollator, TECHDOCS_SITE_BUILT_TOPIC } from './techdocsCollator.js';

/** Indexes every built TechDocs site, page section by section, and re-reads a site when TechDocs rebuilds it. */
export const techdocsCollatorModule = createBackendModule({
  pluginId: 'search',
  moduleId: 'techdocs-collator',
  register(env) {
    env.registerInit({
      deps: {
        registry: searchIndexRegistryExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: coreServices.events,
        logger: coreServices.logger,
      },
      init({ registry, config, discovery, auth, events, logger }) {
        const token = async () => (await auth.getOwnServiceCredentials()).token;
        registry.addCollator(createTechdocsCollator({
          catalog: new CatalogClient({ baseUrl: () => discovery.getBaseUrl('catalog'), token }),
          logger,
          token,
          techdocsBaseUrl: () => discovery.getBaseUrl('techdocs'),
          parallelism: config.getOptionalNumber('search.collators.techdocs.parallelism'),
          schedule: config.getOptional('search.collators.techdocs.schedule') as { frequency?: HumanDuration; timeout?: HumanDuration; initialDelay?: HumanDuration } | undefined,
          onSiteBuilt: (handler) => {
            events.subscribe(TECHDOCS_SITE_BUILT_TOPIC, async (event) => {
              const ref = (event.payload as { entityRef?: unknown }).entityRef;
              if (typeof ref === 'string') await handler(ref);
            });
          },
        }));
      },
    });
  },
});

import { coreServices, createBackendModule, type HumanDuration } from '@atrium/backend';
import { CATALOG_ENTITY_CHANGED_TOPIC } from '@atrium/plugin-catalog/backend';
import { CatalogClient } from '@atrium/plugin-catalog/common';
import { searchIndexRegistryExtensionPoint } from '../../extensionPoint.js';
import { createCatalogCollator } from './catalogCollator.js';

/** Indexes the software catalog (templates included) and keeps it fresh from the catalog's change events. */
export const catalogCollatorModule = createBackendModule({
  pluginId: 'search',
  moduleId: 'catalog-collator',
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
        const catalog = new CatalogClient({
          baseUrl: () => discovery.getBaseUrl('catalog'),
          token: async () => (await auth.getOwnServiceCredentials()).token,
        });
        registry.addCollator(createCatalogCollator({
          catalog,
          logger,
          schedule: config.getOptional('search.collators.catalog.schedule') as { frequency?: HumanDuration; timeout?: HumanDuration; initialDelay?: HumanDuration } | undefined,
          onEntitiesChanged: (handler) => {
            events.subscribe(CATALOG_ENTITY_CHANGED_TOPIC, async (event) => {
              const refs = (event.payload as { entityRefs?: unknown }).entityRefs;
              if (Array.isArray(refs)) await handler(refs.filter((r): r is string => typeof r === 'string'));
            });
          },
        }));
      },
    });
  },
});

import { coreServices, createBackendPlugin } from '@atrium/backend';
import { CatalogClient } from '@atrium/plugin-catalog/common';
import { TECHDOCS_PLUGIN_ID, TECHDOCS_SITE_BUILT_TOPIC } from '@atrium/plugin-techdocs/common';
import { createRenderPool } from './builder/renderPool.js';
import { configSchema, readSettings } from './config.js';
import { DocsService } from './docsService.js';
import { metadataRoutes } from './routes/metadataRoutes.js';
import { publishRoutes } from './routes/publishRoutes.js';
import { staticRoutes } from './routes/staticRoutes.js';
import { syncRoutes } from './routes/syncRoutes.js';
import { migrations, type TechDocsTables } from './store/migrations.js';
import { SiteStore } from './store/siteStore.js';

// The catalog's topic (plugins/catalog/src/backend/plugin.ts); spelled out so this backend does not load the catalog's.
const CATALOG_ENTITY_CHANGED_TOPIC = 'catalog.entity.changed';

/**
 * TechDocs: builds MkDocs sources natively when docs are read (or accepts sites built in CI), stores them
 * content-addressed in the database so every instance serves them, and serves them on Backstage's paths.
 */
export const techdocsPlugin = createBackendPlugin({
  pluginId: TECHDOCS_PLUGIN_ID,
  configSchema,
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database, http: coreServices.http, httpAuth: coreServices.httpAuth, auth: coreServices.auth,
        discovery: coreServices.discovery, urlReader: coreServices.urlReader, events: coreServices.events,
        scheduler: coreServices.scheduler, logger: coreServices.logger, config: coreServices.rootConfig, lifecycle: coreServices.lifecycle,
      },
      async init({ database, http, httpAuth, auth, discovery, urlReader, events, scheduler, logger, config, lifecycle }) {
        await database.migrate(migrations);
        const settings = readSettings(config);
        const store = new SiteStore(database.getClient<TechDocsTables>(), database.schema);
        const baseUrl = () => discovery.getBaseUrl('catalog');
        const catalog = new CatalogClient({ baseUrl, token: async () => (await auth.getOwnServiceCredentials()).token });
        // Big sites render in worker threads, so requests are served while a site builds.
        const renderer = createRenderPool();
        lifecycle.addShutdownHook(() => renderer.close());
        const docs = new DocsService({ store, urlReader, catalog, events, logger, settings, renderer });

        events.subscribe(TECHDOCS_SITE_BUILT_TOPIC, (event) => {
          const ref = (event.payload as { entityRef?: unknown } | null)?.entityRef;
          if (typeof ref === 'string') docs.invalidate(ref);
        });
        events.subscribe(CATALOG_ENTITY_CHANGED_TOPIC, async (event) => {
          const payload = event.payload as { entityRefs?: unknown; removed?: unknown } | null;
          const refs = Array.isArray(payload?.entityRefs) ? payload.entityRefs.filter((r): r is string => typeof r === 'string') : [];
          // A removed entity's docs go, whoever built them; a changed one is rebuilt when the portal builds.
          if (payload?.removed === true) await docs.onEntitiesRemoved(refs);
          else if (settings.builder === 'local') await docs.onEntitiesChanged(refs);
        });

        await scheduler.schedule({
          id: 'cleanup', scope: 'global', frequency: { hours: 1 }, timeout: { minutes: 10 }, initialDelay: { minutes: 1 },
          fn: async () => {
            const removed = await store.cleanup(settings.keepBuilds);
            if (removed.builds || removed.blobs) logger.info(`removed ${removed.builds} old builds and ${removed.blobs} unused files`);
          },
        });

        http.register(staticRoutes({ httpAuth, docs }));
        http.register(metadataRoutes({ httpAuth, docs, store, catalog: (token) => new CatalogClient({ baseUrl, token: async () => token }) }));
        http.register(syncRoutes({ httpAuth, docs }));
        http.register(publishRoutes({ httpAuth, docs, logger }));
      },
    });
  },
});

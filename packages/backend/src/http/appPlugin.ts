import { createBackendPlugin } from '../api/plugin.js';
import { internalServices } from '../kernel/internalServices.js';
import { coreServices } from '../api/coreServices.js';

/** Built-in plugin `app`: the frontend's config (only keys marked visible to the frontend). */
export const appPlugin = createBackendPlugin({
  pluginId: 'app',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.http, frontendConfig: internalServices.frontendConfig },
      async init({ http, frontendConfig }) {
        // The shell needs its config before anyone signs in.
        http.addAuthPolicy({ path: '/config', allow: 'unauthenticated' });
        http.register((app) => {
          app.get('/config', async (_req, reply) => {
            reply.header('cache-control', 'no-cache');
            return frontendConfig;
          });
        });
      },
    });
  },
});

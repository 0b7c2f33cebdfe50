import { z } from 'zod';
import { createBackendPlugin } from '../api/plugin.js';
import { coreServices } from '../api/coreServices.js';
import { NotAllowedError } from '../api/errors.js';

const identitySchema = z.object({
  type: z.literal('user'),
  userEntityRef: z.string(),
  ownershipEntityRefs: z.array(z.string()),
});

/**
 * Built-in plugin `auth`. For now one sign-in: guest, for local use, as the user named by
 * `backend.auth.guest.userEntityRef` (default `user:default/guest`). Real providers (OIDC, GitHub)
 * plug in here later and issue tokens through the same AuthService.
 */
export const authPlugin = createBackendPlugin({
  pluginId: 'auth',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.http, auth: coreServices.auth, httpAuth: coreServices.httpAuth, config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ http, auth, httpAuth, config, logger }) {
        const enabled = config.getOptionalBoolean('backend.auth.guest.enabled') ?? true;
        const userEntityRef = config.getOptionalString('backend.auth.guest.userEntityRef') ?? 'user:default/guest';
        if (enabled) logger.info(`Guest sign-in enabled as ${userEntityRef}`);
        http.addAuthPolicy({ path: '/guest/token', allow: 'unauthenticated' });
        http.register((app) => {
          app.post('/guest/token', {
            schema: { response: { 200: z.object({ token: z.string(), expiresAt: z.string(), identity: identitySchema }) } },
          }, async () => {
            if (!enabled) throw new NotAllowedError('Guest sign-in is disabled (backend.auth.guest.enabled: false)');
            const ownershipEntityRefs = [userEntityRef];
            const { token, expiresAt } = await auth.issueUserToken({ userEntityRef, ownershipEntityRefs });
            return { token, expiresAt, identity: { type: 'user' as const, userEntityRef, ownershipEntityRefs } };
          });
          app.get('/whoami', async (request) => {
            const { principal } = await httpAuth.credentials(request, { allow: ['user', 'service'] });
            return principal;
          });
        });
      },
    });
  },
});

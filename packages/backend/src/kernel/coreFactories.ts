import { createServiceFactory } from '../api/serviceRef.js';
import { coreServices } from '../api/coreServices.js';
import type { AuthService, DiscoveryService, HttpRouterService } from '../api/services.js';
import { TokenIssuer } from '../auth/tokenIssuer.js';
import { createHttpAuth } from '../auth/httpAuth.js';
import { internalServices } from './internalServices.js';

/** The kernel's own plugin-scoped services: router, lifecycle, identity and discovery. */
export const httpRouterServiceFactory = createServiceFactory({
  service: coreServices.http,
  deps: { runtimes: internalServices.pluginRuntimes, meta: coreServices.pluginMetadata },
  factory({ runtimes, meta }): HttpRouterService {
    const runtime = runtimes.get(meta.getId());
    return {
      register: (routes) => void runtime.routes.push(routes),
      addAuthPolicy: ({ path }) => void runtime.unauthenticatedPaths.push(path.startsWith('/') ? path : `/${path}`),
    };
  },
});

export const lifecycleServiceFactory = createServiceFactory({
  service: coreServices.lifecycle,
  deps: { runtimes: internalServices.pluginRuntimes, meta: coreServices.pluginMetadata },
  factory: ({ runtimes, meta }) => runtimes.get(meta.getId()).lifecycle,
});

export const tokenIssuerFactory = createServiceFactory({
  service: internalServices.tokenIssuer,
  deps: { config: coreServices.rootConfig, db: coreServices.rootDatabase },
  factory: ({ config, db }) => TokenIssuer.create(config, db),
});

export const authServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { issuer: internalServices.tokenIssuer, meta: coreServices.pluginMetadata },
  factory({ issuer, meta }): AuthService {
    return {
      authenticate: (token) => issuer.verify(token),
      issueUserToken: (user) => issuer.issueUser(user),
      getOwnServiceCredentials: () => issuer.issueService(`plugin:${meta.getId()}`),
    };
  },
});

export const httpAuthServiceFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { issuer: internalServices.tokenIssuer },
  factory: ({ issuer }) => createHttpAuth(issuer),
});

export const discoveryServiceFactory = createServiceFactory({
  service: coreServices.discovery,
  deps: { instance: internalServices.instance },
  factory({ instance }): DiscoveryService {
    return {
      getBaseUrl: async (pluginId) => `${instance.internalBaseUrl}/api/${pluginId}`,
      getExternalBaseUrl: async (pluginId) => `${instance.baseUrl}/api/${pluginId}`,
    };
  },
});

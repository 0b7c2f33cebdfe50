import { createServiceRef } from '../api/serviceRef.js';
import type { AtriumFastify, JsonObject } from '../api/services.js';
import type { TokenIssuer } from '../auth/tokenIssuer.js';
import type { LifecycleHooks } from './lifecycle.js';

/** Per-plugin state the kernel collects while plugins init: routes, auth policies, lifecycle hooks. */
export interface PluginRuntime {
  routes: Array<(app: AtriumFastify) => void | Promise<void>>;
  unauthenticatedPaths: string[];
  lifecycle: LifecycleHooks;
}

/** Framework-internal services; not part of the public API. */
export const internalServices = {
  pluginRuntimes: createServiceRef<{ get(pluginId: string): PluginRuntime }>({ id: 'internal.pluginRuntimes', scope: 'root' }),
  tokenIssuer: createServiceRef<TokenIssuer>({ id: 'internal.tokenIssuer', scope: 'root' }),
  frontendConfig: createServiceRef<JsonObject>({ id: 'internal.frontendConfig', scope: 'root' }),
  instance: createServiceRef<{ id: string; baseUrl: string; internalBaseUrl: string }>({ id: 'internal.instance', scope: 'root' }),
};

import type { AtriumFastify } from '../api/services.js';
import { AuthenticationError } from '../api/errors.js';
import type { TokenIssuer } from './tokenIssuer.js';
import { credentialsFromRequest } from './httpAuth.js';

/**
 * Every `/api/<plugin>/...` request must carry valid credentials, except paths a plugin opened with
 * `http.addAuthPolicy({ allow: 'unauthenticated' })`. An invalid token is rejected even there.
 */
export function installAuthHook(app: AtriumFastify, options: { issuer: TokenIssuer; unauthenticatedPathsOf(pluginId: string): string[] }): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    const match = /^\/api\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) return;
    const pluginId = match[1]!;
    const rest = match[2] ?? '/';
    const credentials = await credentialsFromRequest(request, options.issuer);
    request.atriumCredentials = credentials;
    if (credentials.principal.type !== 'none') return;
    // API documents are public: they describe routes, never data.
    const open = rest === '/openapi.json' || options.unauthenticatedPathsOf(pluginId).some((p) => rest === p || rest.startsWith(p.endsWith('/') ? p : `${p}/`));
    if (!open) throw new AuthenticationError('Missing credentials; sign in (the frontend does this for you) or send "Authorization: Bearer <token>"');
  });
}

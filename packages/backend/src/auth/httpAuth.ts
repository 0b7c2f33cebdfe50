import type { FastifyRequest } from 'fastify';
import { AuthenticationError, NotAllowedError } from '../api/errors.js';
import type { Credentials, HttpAuthService, Principal } from '../api/services.js';
import type { TokenIssuer } from './tokenIssuer.js';

/** Reads `Authorization: Bearer <token>`; no header means no credentials (`type: 'none'`). */
export async function credentialsFromRequest(request: FastifyRequest, issuer: TokenIssuer): Promise<Credentials> {
  const header = request.headers.authorization;
  if (!header) return { principal: { type: 'none' } };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AuthenticationError('Malformed Authorization header; expected "Bearer <token>"');
  return issuer.verify(match[1]!);
}

export function createHttpAuth(issuer: TokenIssuer): HttpAuthService {
  return {
    async credentials<T extends Principal['type']>(request: FastifyRequest, options?: { allow?: T[] }) {
      const creds = request.atriumCredentials ?? (await credentialsFromRequest(request, issuer));
      request.atriumCredentials = creds;
      const allow = options?.allow as string[] | undefined;
      if (allow && !allow.includes(creds.principal.type)) {
        if (creds.principal.type === 'none') throw new AuthenticationError('Missing credentials; sign in first');
        throw new NotAllowedError(`A ${creds.principal.type} may not call this route`);
      }
      return creds as Credentials<Extract<Principal, { type: T }>>;
    },
  };
}

import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, NotAllowedError } from '../../api/errors.js';
import { ConfigReader } from '../../config/ConfigReader.js';
import { createGithubApi } from './githubApi.js';
import { createGithubCredentialsProvider } from './githubCredentials.js';
import { readGithubIntegrations, resolveGithubIntegrations, type ResolvedGithubIntegration } from './githubIntegration.js';

/*
 * A loopback stand-in for GitHub's app endpoints (GitHub cannot be reached from here). Responses are
 * written from GitHub's documented shapes: `GET /app/installations` (a page of installations with
 * `id` and `account.login`, paged by `Link: rel="next"`) and `POST /app/installations/{id}/access_tokens`
 * (`{ token, expires_at, permissions, repository_selection }`). It checks the app JWT as GitHub does:
 * RS256, signed by the app's key, `iss` the app id, at most 10 minutes long.
 */
const APP_ID = 4242;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
// GitHub issues PKCS#1 PEM keys; config often carries them with escaped newlines.
const PKCS1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const INSTALLATIONS = [
  { id: 11, account: { login: 'Org-A', id: 1, type: 'Organization' }, app_id: APP_ID, target_type: 'Organization', repository_selection: 'all' },
  { id: 22, account: { login: 'org-b', id: 2, type: 'Organization' }, app_id: APP_ID, target_type: 'Organization', repository_selection: 'selected' },
];

describe('GitHub App credentials', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method: string; path: string; authorization?: string }> = [];
  let issued = 0;
  let tokenLifetimeMs = 60 * 60_000;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const url = new URL(req.url!, 'http://x');
      const authorization = req.headers.authorization;
      seen.push({ method: req.method!, path: url.pathname + url.search, authorization });
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith('/app/')) {
        try {
          const { payload, protectedHeader } = await jwtVerify(authorization!.slice('Bearer '.length), publicKey, { issuer: String(APP_ID) });
          if (protectedHeader.alg !== 'RS256' || payload.exp! - payload.iat! > 600) throw new Error('bad claims');
        } catch {
          return json(401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' });
        }
        if (req.method === 'GET' && url.pathname === '/app/installations') {
          const page = Number(url.searchParams.get('page') ?? 1);
          const next: Record<string, string> = page === 1 ? { link: `<${base}/app/installations?per_page=100&page=2>; rel="next"` } : {};
          return json(200, [INSTALLATIONS[page - 1]], next);
        }
        const created = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
        if (req.method === 'POST' && created) {
          issued++;
          return json(201, { token: `ghs_inst${created[1]}_${issued}`, expires_at: new Date(Date.now() + tokenLifetimeMs).toISOString().replace(/\.\d+Z$/, 'Z'), permissions: { contents: 'read' }, repository_selection: 'all' });
        }
      }
      if (url.pathname.startsWith('/repos/')) return json(200, { default_branch: 'main' });
      return json(404, { message: 'Not Found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    tokenLifetimeMs = 60 * 60_000;
  });

  const integration = (extra: object = {}): ResolvedGithubIntegration => resolveGithubIntegrations(readGithubIntegrations(new ConfigReader({
    integrations: { github: [{ host: 'github.example.com', apiBaseUrl: base, token: 'ghp_plain', apps: [{ appId: APP_ID, privateKey: PKCS1.replace(/\n/g, '\\n'), ...extra }] }] },
  })))[0]!;
  const authOf = (path: string) => seen.filter((r) => r.path === path).map((r) => r.authorization);

  it("reads each owner's repositories with the token of the app installation on that account", async () => {
    const api = createGithubApi(integration(), fetch);
    await api.getJson('/repos/org-a/web', { shownUrl: 'https://github.example.com/org-a/web' });
    await api.getJson('/repos/ORG-B/api', { shownUrl: 'https://github.example.com/ORG-B/api' });
    await api.getJson('/repos/org-a/other', { shownUrl: 'https://github.example.com/org-a/other' });
    expect(authOf('/repos/org-a/web')[0]).toMatch(/^Bearer ghs_inst11_\d+$/);
    expect(authOf('/repos/ORG-B/api')[0]).toMatch(/^Bearer ghs_inst22_\d+$/);
    // The installation list (two pages) is read once and the token reused while it is fresh.
    expect(authOf('/repos/org-a/other')).toEqual(authOf('/repos/org-a/web'));
    expect(seen.filter((r) => r.path.startsWith('/app/installations?')).length).toBe(2);
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/app/installations/11/access_tokens', '/app/installations/22/access_tokens']);
  });

  it('falls back to the plain token for an account the app is not installed on (or not allowed for)', async () => {
    const provider = createGithubCredentialsProvider(integration({ allowedInstallationOwners: ['org-b'] }));
    expect(await provider.getCredentials({ owner: 'someone-else' })).toEqual({ type: 'token', token: 'ghp_plain', headers: { authorization: 'Bearer ghp_plain' } });
    expect((await provider.getCredentials({ owner: 'org-a' })).type).toBe('token'); // installed, but not allowed
    expect((await provider.getCredentials({ owner: 'org-b' })).token).toMatch(/^ghs_inst22_/);
  });

  it('renews a token that is about to expire', async () => {
    tokenLifetimeMs = 2 * 60_000; // inside the renewal margin
    const provider = createGithubCredentialsProvider(integration());
    const first = await provider.getCredentials({ owner: 'org-a' });
    const second = await provider.getCredentials({ owner: 'org-a' });
    expect(first.token).not.toBe(second.token);
  });

  it('says which app and setting to fix when GitHub refuses the app, or the key is not a key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const wrongKey = resolveGithubIntegrations([{ host: 'github.example.com', apiBaseUrl: base, apps: [{ appId: APP_ID, privateKey: other }] }])[0]!;
    const error = await createGithubCredentialsProvider(wrongKey).getCredentials({ owner: 'org-a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toBe(`github.example.com rejected GitHub app ${APP_ID} (HTTP 401): check its appId and privateKey in integrations.github`);
    const garbage = resolveGithubIntegrations([{ host: 'github.example.com', apps: [{ appId: APP_ID, privateKey: 'not a key' }] }])[0]!;
    expect(() => createGithubCredentialsProvider(garbage)).toThrow(ConfigError);
  });
});

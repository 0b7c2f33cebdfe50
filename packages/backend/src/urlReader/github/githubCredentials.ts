import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { ConfigError, NotAllowedError, ServiceUnavailableError } from '../../api/errors.js';
import type { GithubFetch } from './githubApi.js';
import type { GithubApp, ResolvedGithubIntegration } from './githubIntegration.js';

/** How a request to one GitHub host authenticates: an app installation's token, the configured token, or none. */
export interface GithubCredentials {
  type: 'app' | 'token' | 'anonymous';
  token?: string;
  /** `Authorization` header value, when there is a token. */
  headers: Record<string, string>;
}

export interface GithubCredentialsProvider {
  /**
   * Credentials for reading or writing `owner`'s repositories (an organisation or a user). With GitHub
   * Apps configured, the installation on that account gives a short-lived token (cached until shortly
   * before it expires); otherwise the integration's token, or anonymous access.
   */
  getCredentials(options: { owner?: string }): Promise<GithubCredentials>;
}

interface Installation { id: number; account: { login: string } | null }
interface InstallationToken { token: string; expires_at: string }

const JSON_MEDIA_TYPE = 'application/vnd.github+json';
/** Tokens live an hour; renew this long before they expire so none runs out mid-request. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** Installations change rarely (an app installed on a new organisation); re-list at most this often. */
const INSTALLATIONS_TTL_MS = 10 * 60_000;

export function createGithubCredentialsProvider(integration: ResolvedGithubIntegration, fetchImpl: GithubFetch = (i, init) => fetch(i, init)): GithubCredentialsProvider {
  const apps = (integration.apps ?? []).map((app) => new AppCredentials(integration, app, fetchImpl));
  const fromToken = (): GithubCredentials => (integration.token
    ? { type: 'token', token: integration.token, headers: { authorization: `Bearer ${integration.token}` } }
    : { type: 'anonymous', headers: {} });
  return {
    async getCredentials({ owner }) {
      if (!owner || apps.length === 0) return fromToken();
      for (const app of apps) {
        const token = await app.tokenFor(owner);
        if (token) return { type: 'app', token, headers: { authorization: `Bearer ${token}` } };
      }
      // No app is installed on that account: the plain token (if any) may still reach public repositories.
      return fromToken();
    },
  };
}

class AppCredentials {
  readonly #key: KeyObject;
  #installations: { at: number; list: Promise<Installation[]> } | undefined;
  readonly #tokens = new Map<number, Promise<{ token: string; expiresAt: number }>>();

  constructor(private readonly integration: ResolvedGithubIntegration, private readonly app: GithubApp, private readonly fetchImpl: GithubFetch) {
    try {
      // GitHub issues PKCS#1 keys ("BEGIN RSA PRIVATE KEY"); Node reads those and PKCS#8 alike.
      this.#key = createPrivateKey(app.privateKey.replace(/\\n/g, '\n'));
    } catch (error) {
      throw new ConfigError(`integrations.github (${integration.host}) app ${app.appId}: privateKey is not a PEM private key (${(error as Error).message})`);
    }
  }

  async tokenFor(owner: string): Promise<string | undefined> {
    const wanted = owner.toLowerCase();
    if (this.app.allowedInstallationOwners && !this.app.allowedInstallationOwners.some((o) => o.toLowerCase() === wanted)) return undefined;
    let installation = (await this.#listInstallations()).find((i) => i.account?.login.toLowerCase() === wanted);
    if (!installation && this.#installations && Date.now() - this.#installations.at > 30_000) {
      // Installed a moment ago? Look once more before giving up (at most every 30 s).
      this.#installations = undefined;
      installation = (await this.#listInstallations()).find((i) => i.account?.login.toLowerCase() === wanted);
    }
    if (!installation) return undefined;
    const cached = this.#tokens.get(installation.id);
    if (cached) {
      const current = await cached.catch(() => undefined);
      if (current && current.expiresAt - RENEW_BEFORE_MS > Date.now()) return current.token;
    }
    const fresh = this.#createToken(installation.id);
    this.#tokens.set(installation.id, fresh);
    fresh.catch(() => this.#tokens.delete(installation.id));
    return (await fresh).token;
  }

  #listInstallations(): Promise<Installation[]> {
    if (this.#installations && Date.now() - this.#installations.at < INSTALLATIONS_TTL_MS) return this.#installations.list;
    const list = (async () => {
      const all: Installation[] = [];
      let next: string | undefined = `${this.integration.apiBaseUrl}/app/installations?per_page=100`;
      while (next) {
        const response = await this.#appRequest('GET', next);
        all.push(...((await response.json()) as Installation[]));
        next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
      }
      return all;
    })();
    this.#installations = { at: Date.now(), list };
    list.catch(() => { this.#installations = undefined; });
    return list;
  }

  async #createToken(installationId: number): Promise<{ token: string; expiresAt: number }> {
    const response = await this.#appRequest('POST', `${this.integration.apiBaseUrl}/app/installations/${installationId}/access_tokens`);
    const body = (await response.json()) as InstallationToken;
    return { token: body.token, expiresAt: Date.parse(body.expires_at) };
  }

  /** A request authenticated as the app itself (a JWT signed with its key, valid for 9 minutes). */
  async #appRequest(method: string, url: string): Promise<Response> {
    const now = Math.floor(Date.now() / 1000);
    // Backdated a minute against clock drift, as GitHub recommends.
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuer(String(this.app.appId))
      .setIssuedAt(now - 60).setExpirationTime(now + 9 * 60).sign(this.#key);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: { accept: JSON_MEDIA_TYPE, authorization: `Bearer ${jwt}`, 'x-github-api-version': '2022-11-28' },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new ServiceUnavailableError(`GitHub app ${this.app.appId} on ${this.integration.host}: the API is unreachable (${(error as Error).message})`);
    }
    if (response.ok) return response;
    await response.body?.cancel().catch(() => {});
    if (response.status === 401 || response.status === 403) {
      throw new NotAllowedError(`${this.integration.host} rejected GitHub app ${this.app.appId} (HTTP ${response.status}): check its appId and privateKey in integrations.github`);
    }
    throw new ServiceUnavailableError(`${this.integration.host} answered HTTP ${response.status} for GitHub app ${this.app.appId}`);
  }
}

import { NotAllowedError, ServiceUnavailableError, type GithubCredentialsProvider } from '@atrium/backend';

export interface GithubClientOptions {
  apiBaseUrl: string;
  /** The organisation read: picks the GitHub App installation when apps are configured. */
  owner: string;
  credentials: GithubCredentialsProvider;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  signal?: AbortSignal;
}

/** Thrown when the org cannot be read now; the run changes nothing and the message says why. */
export class GithubOrgReadError extends ServiceUnavailableError {}

/**
 * The few REST calls org discovery needs. Errors name the API path, never the token; an exhausted
 * rate limit names when it resets so the log line tells operators how long the catalog stays stale.
 */
export class GithubClient {
  readonly #options: GithubClientOptions;
  constructor(options: GithubClientOptions) {
    this.#options = options;
  }

  /** Every page of a list endpoint, following `Link: rel="next"`. */
  async list<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
    while (next) {
      const response: Response = await this.#request(next);
      out.push(...((await response.json()) as T[]));
      next = nextLink(response.headers.get('link'));
    }
    return out;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.#request(path)).json()) as T;
  }

  /** True when the path exists (200), false on 404; anything else is an error. */
  async exists(path: string): Promise<boolean> {
    const response = await this.#request(path, true);
    await response.body?.cancel().catch(() => {});
    return response.ok;
  }

  async #request(path: string, allowNotFound = false): Promise<Response> {
    const { apiBaseUrl, signal } = this.#options;
    const url = /^https?:\/\//.test(path) ? path : `${apiBaseUrl}${path}`;
    const shown = url.startsWith(apiBaseUrl) ? url.slice(apiBaseUrl.length) : new URL(url).pathname;
    const { headers } = await this.#options.credentials.getCredentials({ owner: this.#options.owner });
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(url, {
        headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...headers },
        ...(signal && { signal }),
      });
    } catch (error) {
      const cause = (error as Error)?.cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error)?.message;
      throw new GithubOrgReadError(`GitHub API ${new URL(apiBaseUrl).host} is unreachable (${cause})`);
    }
    if (response.ok || (allowNotFound && response.status === 404)) return response;
    await response.body?.cancel().catch(() => {});
    throw statusError(response, shown);
  }
}

function statusError(response: Response, shown: string): Error {
  const { status, headers } = response;
  const retryAfter = Number(headers.get('retry-after') ?? NaN);
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  if ((status === 403 || status === 429) && (headers.get('x-ratelimit-remaining') === '0' || Number.isFinite(retryAfter))) {
    const resetAt = Number.isFinite(retryAfter) ? new Date(Date.now() + retryAfter * 1000) : Number.isFinite(reset) ? new Date(reset > 1e11 ? reset : reset * 1000) : undefined;
    return new GithubOrgReadError(`GitHub API rate limit exceeded at ${shown}; it resets at ${resetAt?.toISOString() ?? 'an unknown time'}`);
  }
  if (status === 401 || status === 403) return new NotAllowedError(`GitHub refused ${shown} (HTTP ${status}): check the integrations.github token and its scopes (read:org, repo), or the app's permissions`);
  return new GithubOrgReadError(`GitHub answered HTTP ${status} for ${shown}`);
}

function nextLink(link: string | null): string | undefined {
  for (const part of link?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (match) return match[1];
  }
  return undefined;
}

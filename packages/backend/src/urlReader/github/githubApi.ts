import {
  NotAllowedError, NotFoundError, NotModifiedError, ServiceUnavailableError, type AtriumError,
} from '../../api/errors.js';
import { redactUrl } from '../urlUtils.js';
import { createGithubCredentialsProvider, type GithubCredentialsProvider } from './githubCredentials.js';
import type { ResolvedGithubIntegration } from './githubIntegration.js';

/** GitHub said "slow down": the message names when the limit resets, so operators know how long to wait. */
export class GithubRateLimitError extends ServiceUnavailableError {
  constructor(message: string, readonly resetAt?: Date) {
    super(message);
  }
}

export interface GithubRequestOptions {
  /** Media type; the default is GitHub's JSON. */
  accept?: string;
  signal?: AbortSignal;
  /** The URL the caller asked for, named in errors instead of the API URL. */
  shownUrl: string;
  /** Whose repositories this reads (picks the GitHub App installation); by default taken from the path. */
  owner?: string;
}

export type GithubFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface GithubApi {
  readonly integration: ResolvedGithubIntegration;
  /** GETs `path` (relative to apiBaseUrl, or an absolute URL from a Link header); throws on any non-2xx. */
  get(path: string, options: GithubRequestOptions): Promise<Response>;
  getJson<T>(path: string, options: GithubRequestOptions): Promise<T>;
}

const JSON_MEDIA_TYPE = 'application/vnd.github+json';

export function createGithubApi(
  integration: ResolvedGithubIntegration,
  fetchImpl: GithubFetch,
  timeoutMs = 60_000,
  credentials: GithubCredentialsProvider = createGithubCredentialsProvider(integration, fetchImpl),
): GithubApi {
  const headers = async (accept: string, owner: string | undefined): Promise<Record<string, string>> => ({
    accept,
    'x-github-api-version': '2022-11-28',
    ...(await credentials.getCredentials({ owner })).headers,
  });

  async function get(path: string, options: GithubRequestOptions): Promise<Response> {
    const target = /^https?:\/\//.test(path) ? path : `${integration.apiBaseUrl}${path}`;
    const owner = options.owner ?? ownerOfApiPath(target, integration.apiBaseUrl);
    const requestHeaders = await headers(options.accept ?? JSON_MEDIA_TYPE, owner);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      // fetch drops the Authorization header when a redirect leaves the API's origin (tarballs go to codeload).
      response = await fetchImpl(target, { headers: requestHeaders, signal });
    } catch (error) {
      if (timeout.aborted) throw new ServiceUnavailableError(`Reading ${options.shownUrl} timed out after ${timeoutMs} ms`);
      if (options.signal?.aborted) throw error;
      // The message is fetch's own ("fetch failed", a DNS or socket error); it never carries headers.
      const reason = (error as Error)?.cause instanceof Error ? ((error as Error).cause as Error).message : String((error as Error)?.message ?? error);
      throw new ServiceUnavailableError(`Reading ${options.shownUrl} failed: GitHub API ${redactUrl(integration.apiBaseUrl)} is unreachable (${reason})`);
    }
    if (response.ok) return response;
    await response.body?.cancel().catch(() => {});
    throw responseError(response, options.shownUrl, integration.host);
  }

  return {
    integration,
    get,
    async getJson<T>(path: string, options: GithubRequestOptions) {
      const response = await get(path, options);
      return (await response.json()) as T;
    },
  };
}

/** The account an API path is about: `/repos/{owner}/…`, `/orgs/{org}/…`, `/users/{user}/…`. */
export function ownerOfApiPath(url: string, apiBaseUrl: string): string | undefined {
  const path = url.startsWith(apiBaseUrl) ? url.slice(apiBaseUrl.length) : new URL(url).pathname;
  const match = /^\/(?:repos|orgs|users)\/([^/?#]+)/.exec(path);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** Maps GitHub's statuses to Atrium's errors; the message names the caller's URL, never the token. */
export function responseError(response: Response, shownUrl: string, host: string): AtriumError {
  const status = response.status;
  if (status === 304) return new NotModifiedError(`${shownUrl} is unchanged`);
  const limited = rateLimit(response);
  if ((status === 403 || status === 429) && limited) {
    const when = limited.resetAt ? `resets at ${limited.resetAt.toISOString()}` : 'reset time was not sent';
    return new GithubRateLimitError(`GitHub API rate limit for ${host} exceeded while reading ${shownUrl}; the limit ${when}`, limited.resetAt);
  }
  if (status === 404) return new NotFoundError(`${shownUrl} was not found on ${host} (or the token may not read it)`);
  if (status === 401) return new NotAllowedError(`${host} rejected the credentials for ${shownUrl} (HTTP 401): check integrations.github token`);
  if (status === 403) return new NotAllowedError(`${host} refused access to ${shownUrl} (HTTP 403)`);
  return new ServiceUnavailableError(`${host} answered HTTP ${status} for ${shownUrl}`);
}

function rateLimit(response: Response): { resetAt?: Date } | undefined {
  const retryAfter = response.headers.get('retry-after');
  // Secondary limits send Retry-After even while the primary quota has requests left.
  if (retryAfter !== null && Number.isFinite(Number(retryAfter))) {
    return { resetAt: new Date(Date.now() + Number(retryAfter) * 1000) };
  }
  if (response.headers.get('x-ratelimit-remaining') !== '0') return undefined;
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return {};
  // GitHub sends epoch seconds; tolerate milliseconds (some proxies and recorded fixtures use them).
  return { resetAt: new Date(reset > 1e11 ? reset : reset * 1000) };
}

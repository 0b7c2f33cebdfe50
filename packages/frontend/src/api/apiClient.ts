import { ApiError } from './ApiError';
import { getDefaultIdentityManager } from './identity';
import type { IdentityManager } from './identity';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: QueryParams;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A typed client for one plugin's backend routes under `/api/<pluginId>`. */
export interface ApiClient {
  readonly pluginId: string;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>;
}

export interface ApiClientOptions {
  identity?: IdentityManager;
  fetch?: typeof fetch;
  /** Prefix of every plugin's API; `/api` unless the backend is mounted elsewhere. */
  baseUrl?: string;
}

function buildUrl(base: string, path: string, query?: QueryParams): string {
  const url = `${base}${path.startsWith('/') ? path : `/${path}`}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

/**
 * Creates the API client of a plugin. Every call carries the signed-in user's bearer token; on a 401
 * the token is renewed and the call retried once; failures become `ApiError`s with the backend's message.
 *
 * @example
 * const api = createApiClient('example');
 * const { items } = await api.get<{ items: Greeting[] }>('/greetings', { query: { entityRef } });
 */
export function createApiClient(pluginId: string, options: ApiClientOptions = {}): ApiClient {
  const base = `${options.baseUrl ?? '/api'}/${encodeURIComponent(pluginId)}`;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  async function request<T>(method: string, path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    const identity = options.identity ?? getDefaultIdentityManager();
    const url = buildUrl(base, path, opts.query);
    const send = async () => {
      const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
      headers.authorization = `Bearer ${await identity.getToken()}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      return doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: opts.signal });
    };
    let response = await send();
    if (response.status === 401) {
      identity.invalidate();
      response = await send();
    }
    if (!response.ok) throw await ApiError.fromResponse(response, { method, url });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    pluginId,
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
  };
}

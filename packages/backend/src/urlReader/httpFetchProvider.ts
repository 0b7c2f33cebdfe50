import {
  InputError, isAtriumError, NotAllowedError, NotFoundError, NotModifiedError, ServiceUnavailableError,
} from '../api/errors.js';
import type { Config, ReadUrlOptions, UrlReaderProvider } from '../api/services.js';
import { bufferResponse, sha256 } from './folderTree.js';
import { hostMatches, pathHasPrefix, redactUrl } from './urlUtils.js';

/** One entry of `backend.reading.allow`. */
export interface HttpAllowRule {
  /** See `hostMatches`: `docs.example.org`, `*.example.org`, `127.0.0.1:8080`, `127.0.0.1:*`. */
  host: string;
  /** Allowed path prefixes (segment-wise); all paths when omitted. */
  paths?: string[];
}

export interface HttpFetchProviderOptions {
  allow: HttpAllowRule[];
  /** Larger bodies are refused (default 20 MiB). */
  maxBytes?: number;
  /** Per read, including redirects (default 30 s). */
  timeoutMs?: number;
}

const MAX_REDIRECTS = 5;

export function httpFetchProviderFromConfig(config: Config): UrlReaderProvider {
  const allow = (config.getOptionalConfigArray('backend.reading.allow') ?? []).map((entry) => ({
    host: entry.getString('host'),
    paths: entry.getOptionalStringArray('paths'),
  }));
  return createHttpFetchProvider({
    allow,
    maxBytes: config.getOptionalNumber('backend.reading.maxBytes'),
    timeoutMs: config.getOptionalNumber('backend.reading.timeoutMs'),
  });
}

/** Plain GETs of single files from allow-listed hosts; no trees or search (a web server has no listing). */
export function createHttpFetchProvider(options: HttpFetchProviderOptions): UrlReaderProvider {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const allowed = (url: URL) =>
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    options.allow.some((rule) => hostMatches(rule.host, url) && (!rule.paths || rule.paths.some((p) => pathHasPrefix(url.pathname, p))));

  async function get(url: URL, etag: string | undefined, signal: AbortSignal): Promise<Response> {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // Credentials in the URL are never forwarded: a plain host gets anonymous requests.
      const target = new URL(current.href);
      target.username = '';
      target.password = '';
      const response = await fetch(target, {
        headers: etag ? { 'if-none-match': etag } : {},
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
      await response.body?.cancel();
      current = new URL(location, target);
      // Each hop is checked again, or an allowed host could redirect the reader anywhere.
      if (!allowed(current)) {
        throw new NotAllowedError(`${redactUrl(url)} redirects to ${redactUrl(current)}, which backend.reading.allow does not list`);
      }
    }
    throw new ServiceUnavailableError(`${redactUrl(url)} redirected more than ${MAX_REDIRECTS} times`);
  }

  async function readBody(response: Response, url: URL): Promise<Buffer> {
    const tooLarge = () => new InputError(`${redactUrl(url)} is larger than ${maxBytes} bytes (backend.reading.maxBytes)`);
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge(); // leaving the loop cancels the stream
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  const notSupported = (url: URL, what: string) =>
    new NotAllowedError(`${what} is not supported for ${redactUrl(url)}: plain hosts in backend.reading.allow are read one file at a time; configure the host under integrations.git for trees and search`);

  return {
    name: 'http-fetch',
    canRead: allowed,

    async readUrl(url: URL, readOptions?: ReadUrlOptions) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = readOptions?.signal ? AbortSignal.any([readOptions.signal, timeout]) : timeout;
      let response: Response | undefined;
      try {
        response = await get(url, readOptions?.etag, signal);
        if (response.status === 304) throw new NotModifiedError(`${redactUrl(url)} is unchanged`);
        if (response.status === 404 || response.status === 410) throw new NotFoundError(`${redactUrl(url)} was not found`);
        if (response.status === 401 || response.status === 403) {
          throw new NotAllowedError(`${redactUrl(url)} refused access (HTTP ${response.status})`);
        }
        if (!response.ok) throw new ServiceUnavailableError(`${redactUrl(url)} answered HTTP ${response.status}`);
        const buffer = await readBody(response, url);
        // Without an ETag header, a content hash still lets callers skip unchanged content themselves.
        const etag = response.headers.get('etag') ?? sha256(buffer);
        if (readOptions?.etag === etag) throw new NotModifiedError(`${redactUrl(url)} is unchanged`);
        const lastModified = response.headers.get('last-modified');
        return bufferResponse(buffer, etag, lastModified ? new Date(lastModified) : undefined);
      } catch (error) {
        if (isAtriumError(error)) throw error;
        if (timeout.aborted) throw new ServiceUnavailableError(`Reading ${redactUrl(url)} timed out after ${timeoutMs} ms`);
        throw new ServiceUnavailableError(`Reading ${redactUrl(url)} failed: ${(error as Error)?.message ?? error}`, { cause: error });
      } finally {
        if (response && !response.bodyUsed) await response.body?.cancel().catch(() => {});
      }
    },

    async readTree(url: URL) {
      throw notSupported(url, 'readTree');
    },
    async search(url: URL) {
      throw notSupported(url, 'search');
    },
  };
}

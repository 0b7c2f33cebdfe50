import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../api/errors.js';

/**
 * The URL as it may appear in messages and logs: userinfo (`user:token@`) removed, since callers
 * sometimes embed credentials in URLs and errors travel to clients.
 */
export function redactUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    // Not a URL: still strip anything that looks like `scheme://user:pass@`.
    return String(url).replace(/\/\/[^/@\s]*@/, '//');
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** Accepts absolute URLs and absolute filesystem paths (turned into `file:` URLs). */
export function toUrl(input: string): URL {
  if (isAbsolute(input) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return pathToFileURL(input);
  try {
    return new URL(input);
  } catch {
    throw new InputError(`Not an absolute URL or path: ${redactUrl(input)}`);
  }
}

/**
 * Host rules shared by `integrations.git[].host` and `backend.reading.allow[].host`, compared with
 * the URL's `host` (hostname plus port when it is not the scheme's default), case-insensitively:
 * - `example.org` matches only the default port (80/443), like Backstage;
 * - `example.org:8080` matches that port only; `example.org:*` matches any port;
 * - `*.example.org` matches any subdomain (not `example.org` itself); a port suffix works the same.
 */
export function hostMatches(pattern: string, url: URL): boolean {
  const { hostname: patternHost, port: patternPort } = splitHostPattern(pattern.trim().toLowerCase());
  const hostname = url.hostname.toLowerCase();
  const defaultPort = url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
  const port = url.port || defaultPort;
  if (patternPort !== '*' && (patternPort || defaultPort) !== port) return false;
  if (patternHost.startsWith('*.')) return hostname.endsWith(patternHost.slice(1)) && hostname.length > patternHost.length - 1;
  return hostname === patternHost;
}

function splitHostPattern(pattern: string): { hostname: string; port: string } {
  // IPv6 literals keep their brackets in URL.hostname, e.g. `[::1]:8080`.
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+|\*))?$/.exec(pattern);
  if (!match) return { hostname: pattern, port: '' };
  return { hostname: match[1]!, port: match[2] ?? '' };
}

/** True when `pathname` is `prefix` or lies under it (segment boundary, so `/docs` does not allow `/docsx`). */
export function pathHasPrefix(pathname: string, prefix: string): boolean {
  if (prefix === '' || prefix === '/') return true;
  const normalized = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return pathname === normalized || pathname.startsWith(normalized.endsWith('/') ? normalized : `${normalized}/`);
}

/** Characters that make a path segment a glob rather than a literal name. */
export function isGlobSegment(segment: string): boolean {
  return /[*?[\]{}!]/.test(segment);
}

/** Splits `a/b/*\/c.yaml` into the literal folder before the first glob segment and the rest. */
export function splitGlob(globPath: string): { base: string; hasGlob: boolean } {
  const segments = globPath.split('/');
  const first = segments.findIndex(isGlobSegment);
  if (first < 0) return { base: globPath, hasGlob: false };
  return { base: segments.slice(0, first).join('/'), hasGlob: true };
}

import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLocalFileProvider, type UrlReaderService } from '@atrium/backend';

/**
 * `file` locations in config are trusted, as in Backstage: they may point anywhere on disk, and their
 * `$text` files and relative targets beside them must be readable too. This reader allows the folders
 * of those locations on top of the backend's reader (which keeps its own roots, hosts and caches).
 */
export function withTrustedRoots(reader: UrlReaderService, roots: string[]): UrlReaderService {
  if (roots.length === 0) return reader;
  const trusted = createLocalFileProvider({ roots });
  const toUrl = (target: string) => (isAbsolute(target) ? pathToFileURL(target) : new URL(target));
  const pick = (target: string) => {
    try {
      const url = toUrl(target);
      return url.protocol === 'file:' && trusted.canRead(url) ? url : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    readUrl: (url, options) => { const u = pick(url); return u ? trusted.readUrl(u, options) : reader.readUrl(url, options); },
    readTree: (url, options) => { const u = pick(url); return u ? trusted.readTree(u, options) : reader.readTree(url, options); },
    search: (url, options) => { const u = pick(url); return u ? trusted.search(u, options) : reader.search(url, options); },
  };
}

/** The folder a file location's target lives in (before any glob), resolved against the working directory. */
export function trustedRootOf(target: string, cwd = process.cwd()): string {
  const path = target.startsWith('file:') ? new URL(target).pathname : resolve(cwd, target);
  const globAt = path.search(/[*?[{]/);
  const fixed = globAt === -1 ? path : path.slice(0, globAt);
  return globAt === -1 ? dirname(fixed) : fixed.endsWith('/') ? fixed : dirname(fixed);
}

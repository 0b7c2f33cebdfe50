import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { InputError, NotFoundError, NotModifiedError } from '../api/errors.js';
import type { Config, Logger, ReadTreeOptions, ReadUrlOptions, UrlReaderProvider } from '../api/services.js';
import { bufferResponse, listFiles, treeResponse } from './folderTree.js';
import { GitCheckoutCache } from './gitCheckoutCache.js';
import { listServerRefs, toReadError } from './gitRefs.js';
import { parseGitUrl, resolveRef, SHA_PATTERN, type GitUrlParts, type ResolvedRef } from './gitUrl.js';
import { hostMatches, pathHasPrefix, redactUrl, splitGlob } from './urlUtils.js';

/** One entry of `integrations.git`. */
export interface GitIntegration {
  /** Matched against the URL's host; see `hostMatches` for ports and `*.` wildcards. */
  host: string;
  /** Restricts the integration to URLs under this prefix (and its scheme); default: both schemes, any path. */
  baseUrl?: string;
  username?: string;
  password?: string;
  /** Sent as the HTTP Basic password, with `username` or else `x-access-token` (GitHub's and Gitea's convention; GitLab accepts any name). */
  token?: string;
}

export interface GitProviderOptions {
  integrations: GitIntegration[];
  /** Cache root; commits go to `<workingDirectory>/url-reader/git`. */
  workingDirectory: string;
  /** Commits kept per repository (default 3). */
  keepCommits?: number;
  logger: Logger;
}

export function gitProviderFromConfig(config: Config, logger: Logger): UrlReaderProvider {
  const integrations = (config.getOptionalConfigArray('integrations.git') ?? []).map((entry) => ({
    host: entry.getString('host'),
    baseUrl: entry.getOptionalString('baseUrl'),
    username: entry.getOptionalString('username'),
    password: entry.getOptionalString('password'),
    token: entry.getOptionalString('token'),
  }));
  return createGitProvider({
    integrations,
    workingDirectory: resolve(config.getOptionalString('backend.workingDirectory') ?? join(tmpdir(), 'atrium')),
    keepCommits: config.getOptionalNumber('backend.reading.gitCacheCommits') ?? 3,
    logger,
  });
}

/**
 * Reads files from any git server speaking smart HTTP, through isomorphic-git: a shallow fetch of
 * the one commit into a cache, then plain file reads. Each read costs one ref listing; a commit
 * already cached is never fetched again, and a matching etag answers NotModified before any fetch.
 */
export function createGitProvider(options: GitProviderOptions): UrlReaderProvider {
  const cache = new GitCheckoutCache({
    root: join(options.workingDirectory, 'url-reader', 'git'),
    keepCommits: Math.max(1, options.keepCommits ?? 3),
    logger: options.logger,
  });

  const integrationFor = (url: URL) =>
    options.integrations.find((integration) => {
      if (!hostMatches(integration.host, url)) return false;
      if (!integration.baseUrl) return true;
      const base = new URL(integration.baseUrl);
      return base.protocol === url.protocol && base.host === url.host && pathHasPrefix(url.pathname, base.pathname);
    });

  /** Parses the URL and finds its commit; `needsFetchRef` lists refs even for a sha to pick what to fetch. */
  async function locate(url: URL, needsFetchRef: boolean) {
    const integration = integrationFor(url);
    if (!integration) throw new InputError(`No integrations.git entry matches ${redactUrl(url)}`);
    const parts = parseGitUrl(url);
    const headers = authHeaders(integration);
    const first = parts.rest[0];
    // A sha needs no ref listing unless it must be fetched (to prefer fetching a branch tip by name).
    let resolved: ResolvedRef | undefined;
    if (!needsFetchRef && first && SHA_PATTERN.test(first)) {
      resolved = { ref: first, fetchRef: first.toLowerCase(), commit: first.toLowerCase(), path: parts.rest.slice(1) };
    } else {
      resolved = resolveRef(parts.rest, await listServerRefs(parts.repoUrl, headers));
    }
    if (!resolved) throw new NotFoundError(`No branch, tag or commit in ${redactUrl(url)} exists in ${parts.repoUrl}`);
    return { parts, resolved, headers };
  }

  // isomorphic-git's node client takes no AbortSignal, so a signal is honoured between steps only.
  async function checkout(url: URL, etag: string | undefined, signal: AbortSignal | undefined) {
    signal?.throwIfAborted();
    let located = await locate(url, false);
    signal?.throwIfAborted();
    if (etag !== undefined && etag === located.resolved.commit) {
      throw new NotModifiedError(`${redactUrl(url)} is unchanged at ${etag}`);
    }
    const { parts, resolved, headers } = located;
    const request = { repoUrl: parts.repoUrl, commit: resolved.commit, fetchRef: resolved.fetchRef, headers };
    let dir: string;
    try {
      dir = await cache.checkout(request);
    } catch (error) {
      // A sha taken on trust (no listing): retry once, fetching through a ref whose tip it is.
      if (resolved.fetchRef !== resolved.commit) throw toReadError(error, parts.repoUrl);
      located = await locate(url, true);
      if (located.resolved.fetchRef === resolved.commit) throw toReadError(error, parts.repoUrl);
      dir = await cache.checkout({ ...request, fetchRef: located.resolved.fetchRef }).catch((retryError: unknown) => {
        throw toReadError(retryError, parts.repoUrl);
      });
    }
    return { dir, parts, resolved };
  }

  return {
    name: 'git',
    canRead: (url) => (url.protocol === 'https:' || url.protocol === 'http:') && integrationFor(url) !== undefined,

    async readUrl(url: URL, readOptions?: ReadUrlOptions) {
      const { dir, resolved } = await checkout(url, readOptions?.etag, readOptions?.signal);
      if (resolved.path.length === 0) throw new InputError(`${redactUrl(url)} names a folder; use readTree`);
      const file = join(dir, ...resolved.path);
      const info = await stat(file).catch(() => undefined);
      if (!info) throw new NotFoundError(`${redactUrl(url)} was not found`);
      if (info.isDirectory()) throw new InputError(`${redactUrl(url)} names a folder; use readTree`);
      return bufferResponse(await readFile(file), resolved.commit);
    },

    async readTree(url: URL, treeOptions?: ReadTreeOptions) {
      const { dir, resolved } = await checkout(url, treeOptions?.etag, treeOptions?.signal);
      const folder = join(dir, ...resolved.path);
      const info = await stat(folder).catch(() => undefined);
      if (!info) throw new NotFoundError(`${redactUrl(url)} was not found`);
      if (!info.isDirectory()) throw new InputError(`${redactUrl(url)} names a file; use readUrl`);
      return treeResponse(resolved.commit, await listFiles(folder), treeOptions?.filter);
    },

    async search(url: URL, searchOptions?: ReadUrlOptions) {
      const { dir, parts, resolved } = await checkout(url, searchOptions?.etag, searchOptions?.signal);
      const globPath = resolved.path.join('/');
      const { base, hasGlob } = splitGlob(globPath);
      const folder = join(dir, ...base.split('/').filter(Boolean));
      const info = await stat(folder).catch(() => undefined);
      let paths: string[] = [];
      if (!hasGlob) paths = info?.isFile() ? [globPath] : [];
      else if (info?.isDirectory()) {
        const isMatch = picomatch(globPath, { dot: true });
        paths = (await listFiles(folder)).map((file) => (base ? `${base}/${file.path}` : file.path)).filter((p) => isMatch(p));
      }
      return {
        etag: resolved.commit,
        files: paths.map((path) => ({
          url: fileUrl(parts, resolved.ref, path),
          content: () => readFile(join(dir, ...path.split('/'))),
        })),
      };
    },
  };
}

/** Preemptive Basic auth: servers that hide private repos answer 404, never asking for credentials. */
function authHeaders(integration: GitIntegration): Record<string, string> {
  const username = integration.username ?? (integration.token ? 'x-access-token' : undefined);
  const password = integration.token ?? integration.password;
  if (username === undefined || password === undefined) return {};
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

function fileUrl(parts: GitUrlParts, ref: string, path: string): string {
  const marker = parts.marker?.startsWith('/-/') ? '/-/blob/' : '/blob/';
  const encode = (value: string) => value.split('/').map(encodeURIComponent).join('/');
  return `${parts.repoUrl}${marker}${encode(ref)}/${encode(path)}`;
}

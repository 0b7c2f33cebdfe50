import picomatch from 'picomatch';
import { InputError, NotFoundError, NotModifiedError } from '../../api/errors.js';
import type { Config, Logger, ReadTreeOptions, ReadUrlOptions, SearchResponse, UrlReaderProvider } from '../../api/services.js';
import { bufferResponse } from '../folderTree.js';
import { splitGlob } from '../urlUtils.js';
import { createGithubApi, type GithubApi, type GithubFetch } from './githubApi.js';
import {
  integrationForUrl, readGithubIntegrations, resolveGithubIntegrations, type GithubIntegration,
} from './githubIntegration.js';
import { githubBlobUrl, locateGithubUrl, repoApiPath, type GithubLocation } from './githubUrl.js';
import { memoryTreeResponse } from './memoryTree.js';
import { extractTarball } from './tarball.js';

export interface GithubProviderOptions {
  integrations: GithubIntegration[];
  logger: Logger;
  /** For tests and proxies; the global fetch by default. */
  fetch?: GithubFetch;
  /** Larger files or (uncompressed) archives are refused (default 100 MiB). */
  maxBytes?: number;
}

/** Raw bytes instead of the base64 JSON envelope, as the recorded octokit fixtures request it. */
const RAW_MEDIA_TYPE = 'application/vnd.github.v3.raw';

export function githubProviderFromConfig(config: Config, logger: Logger): UrlReaderProvider {
  return createGithubProvider({
    integrations: readGithubIntegrations(config),
    logger,
    maxBytes: config.getOptionalNumber('backend.reading.maxBytes'),
  });
}

/**
 * Reads `https://<host>/<owner>/<repo>/blob|tree/<ref>/<path>` through GitHub's REST API, for each host
 * in `integrations.github`. Every read first resolves the ref to a commit (no call for a sha, one for
 * a branch) so a caller's etag answers NotModified before any content is transferred.
 */
export function createGithubProvider(options: GithubProviderOptions): UrlReaderProvider {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const apis = new Map(resolveGithubIntegrations(options.integrations).map((integration) => [integration, createGithubApi(integration, fetchImpl)]));

  function apiFor(url: URL): GithubApi {
    const integration = integrationForUrl([...apis.keys()], url);
    if (!integration) throw new InputError(`No integrations.github entry matches ${url.host}`);
    return apis.get(integration)!;
  }

  async function locate(url: URL, readOptions: ReadUrlOptions | undefined) {
    const api = apiFor(url);
    const location = await locateGithubUrl(api, url, readOptions?.signal);
    if (readOptions?.etag !== undefined && readOptions.etag === location.sha) {
      throw new NotModifiedError(`${location.shown} is unchanged at ${location.sha}`);
    }
    return { api, location };
  }

  async function readBody(response: Response, shown: string): Promise<Buffer> {
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body?.cancel();
      throw new InputError(`${shown} is larger than ${maxBytes} bytes (backend.reading.maxBytes)`);
    }
    return Buffer.from(await response.arrayBuffer());
  }

  async function readFile(api: GithubApi, location: GithubLocation, path: string, signal?: AbortSignal): Promise<Buffer> {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    const response = await api.get(`${repoApiPath(location)}/contents/${encoded}?ref=${location.sha}`, {
      accept: RAW_MEDIA_TYPE,
      shownUrl: location.shown,
      ...(signal && { signal }),
    });
    // For a folder GitHub ignores the raw media type and lists the entries as JSON.
    if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
      await response.body?.cancel();
      throw new InputError(`${location.shown} names a folder; use readTree`);
    }
    return readBody(response, location.shown);
  }

  async function readArchive(api: GithubApi, location: GithubLocation, folder: string, signal?: AbortSignal) {
    const response = await api.get(`${repoApiPath(location)}/tarball/${location.sha}`, { shownUrl: location.shown, ...(signal && { signal }) });
    return extractTarball(await readBody(response, location.shown), folder, maxBytes);
  }

  return {
    name: 'github',
    canRead: (url) => integrationForUrl([...apis.keys()], url) !== undefined,

    async readUrl(url, readOptions) {
      const { api, location } = await locate(url, readOptions);
      if (location.path.length === 0) throw new InputError(`${location.shown} names a folder; use readTree`);
      return bufferResponse(await readFile(api, location, location.path.join('/'), readOptions?.signal), location.sha);
    },

    async readTree(url, treeOptions?: ReadTreeOptions) {
      const { api, location } = await locate(url, treeOptions);
      const folder = location.path.join('/');
      const files = await readArchive(api, location, folder, treeOptions?.signal);
      if (files.length === 0 && folder !== '') throw new NotFoundError(`${location.shown} was not found or is not a folder`);
      return memoryTreeResponse(location.sha, files, treeOptions?.filter);
    },

    async search(url, searchOptions): Promise<SearchResponse> {
      const { api, location } = await locate(url, searchOptions);
      const globPath = location.path.join('/');
      const signal = searchOptions?.signal;
      const fileResult = (path: string, content: () => Promise<Buffer>) => ({ url: githubBlobUrl(url, location, location.ref, path), content });
      if (!splitGlob(globPath).hasGlob) {
        // A plain path: one file or none, like the other readers.
        const content = await readFile(api, location, globPath, signal).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
        return { etag: location.sha, files: content ? [fileResult(globPath, async () => content)] : [] };
      }
      const isMatch = picomatch(globPath, { dot: true });
      const tree = await api.getJson<{ tree: Array<{ path: string; type: string }>; truncated: boolean }>(
        `${repoApiPath(location)}/git/trees/${location.sha}?recursive=1`,
        { shownUrl: location.shown, ...(signal && { signal }) },
      );
      if (tree.truncated) {
        // GitHub caps recursive listings (100,000 entries / 7 MB); the archive always lists everything.
        options.logger.warn(`GitHub tree listing for ${location.owner}/${location.repo} is truncated; searching the archive instead`);
        const base = splitGlob(globPath).base;
        const files = await readArchive(api, location, base, signal);
        const matched = files.map((file) => ({ ...file, path: base ? `${base}/${file.path}` : file.path })).filter((file) => isMatch(file.path));
        return { etag: location.sha, files: matched.map((file) => fileResult(file.path, async () => file.content)) };
      }
      const paths = tree.tree.filter((entry) => entry.type === 'blob' && isMatch(entry.path)).map((entry) => entry.path).sort();
      return { etag: location.sha, files: paths.map((path) => fileResult(path, () => readFile(api, location, path))) };
    },
  };
}

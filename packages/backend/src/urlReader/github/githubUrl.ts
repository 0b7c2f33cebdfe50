import { InputError, NotFoundError } from '../../api/errors.js';
import { resolveRef, SHA_PATTERN, type ServerRefs } from '../gitUrl.js';
import { redactUrl } from '../urlUtils.js';
import type { GithubApi } from './githubApi.js';

/** `https://<host>/<owner>/<repo>[/blob|tree/<ref...>/<path...>]`, split. */
export interface GithubUrlParts {
  owner: string;
  repo: string;
  /** Decoded segments after `blob`/`tree`: the ref (possibly several segments) and then the path. */
  rest: string[];
  /** The URL without userinfo, for messages. */
  shown: string;
}

export interface GithubLocation extends GithubUrlParts {
  /** The branch, tag or sha as written in the URL (the default branch for a bare repository URL). */
  ref: string;
  /** The commit sha (for an annotated tag, the tag object's sha): the etag of everything read here. */
  sha: string;
  path: string[];
}

export function parseGithubUrl(url: URL): GithubUrlParts {
  const shown = redactUrl(url);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const [owner, rawRepo, marker, ...rest] = segments;
  if (!owner || !rawRepo) throw new InputError(`${shown} does not name a GitHub repository`);
  if (marker !== undefined && marker !== 'blob' && marker !== 'tree') {
    throw new InputError(`${shown} is not a GitHub file or folder URL (expected /blob/<ref>/… or /tree/<ref>/…)`);
  }
  const decoded = rest.map((segment) => {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      throw new InputError(`Malformed path segment in ${shown}`);
    }
    // An encoded `/` or `..` would change which file the API is asked for.
    if (value === '.' || value === '..' || /[/\\\0]/.test(value)) throw new InputError(`Invalid path segment "${value}" in ${shown}`);
    return value;
  });
  return { owner, repo: rawRepo.replace(/\.git$/, ''), rest: decoded, shown };
}

interface GitRef {
  ref: string;
  object: { sha: string; type: string };
}

/**
 * Finds the commit the URL names with as few calls as possible: none for a sha, one for a branch
 * (`matching-refs/heads/<first segment>` lists every branch that could be the ref, even with slashes),
 * a second only when no branch matched and it might be a tag.
 */
export async function locateGithubUrl(api: GithubApi, url: URL, signal?: AbortSignal): Promise<GithubLocation> {
  const parts = parseGithubUrl(url);
  const repoPath = `/repos/${encodeURIComponent(parts.owner)}/${encodeURIComponent(parts.repo)}`;
  const request = { shownUrl: parts.shown, ...(signal && { signal }) };
  const [first] = parts.rest;
  if (first !== undefined && SHA_PATTERN.test(first)) {
    return { ...parts, ref: first, sha: first.toLowerCase(), path: parts.rest.slice(1) };
  }
  const refs: ServerRefs = { heads: new Map(), tags: new Map() };
  if (first === undefined) {
    const repository = await api.getJson<{ default_branch: string }>(repoPath, request);
    refs.defaultBranch = repository.default_branch;
    await addRefs(api, `${repoPath}/git/matching-refs/heads/${encodeRef(repository.default_branch)}`, refs.heads, request);
  } else {
    await addRefs(api, `${repoPath}/git/matching-refs/heads/${encodeURIComponent(first)}`, refs.heads, request);
    if (!resolveRef(parts.rest, refs)) {
      await addRefs(api, `${repoPath}/git/matching-refs/tags/${encodeURIComponent(first)}`, refs.tags, request);
    }
  }
  const resolved = resolveRef(parts.rest, refs);
  if (!resolved) throw new NotFoundError(`No branch, tag or commit in ${parts.shown} exists in ${parts.owner}/${parts.repo}`);
  return { ...parts, ref: resolved.ref, sha: resolved.commit, path: resolved.path };
}

async function addRefs(api: GithubApi, path: string, into: Map<string, string>, request: { shownUrl: string; signal?: AbortSignal }) {
  const refs = await api.getJson<GitRef[]>(path, request);
  for (const ref of refs) into.set(ref.ref.replace(/^refs\/(heads|tags)\//, ''), ref.object.sha);
}

function encodeRef(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}

/** The web URL of a file at a ref, as GitHub shows it. */
export function githubBlobUrl(url: URL, parts: GithubUrlParts, ref: string, path: string): string {
  const encode = (value: string) => value.split('/').map(encodeURIComponent).join('/');
  return `${url.protocol}//${url.host}/${parts.owner}/${parts.repo}/blob/${encode(ref)}/${encode(path)}`;
}

/** The repository API path for the parts, e.g. `/repos/acme/web`. */
export function repoApiPath(parts: GithubUrlParts): string {
  return `/repos/${encodeURIComponent(parts.owner)}/${encodeURIComponent(parts.repo)}`;
}

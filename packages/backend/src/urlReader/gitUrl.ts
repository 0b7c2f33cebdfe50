import { InputError } from '../api/errors.js';

/** A git URL split into the repository and what follows `/blob/`, `/tree/`, `/-/blob/` or `/-/tree/`. */
export interface GitUrlParts {
  /** Scheme, host and repository path, without userinfo, query or trailing slash. */
  repoUrl: string;
  /** The separator as written (`/blob/`, `/-/tree/`...); undefined for a bare repository URL. */
  marker?: string;
  /** Decoded segments after the marker: the ref (which may span several) and then the path. */
  rest: string[];
}

/**
 * Splits a URL such as `https://git.example.org/acme/web/blob/feature/x/docs/index.md`.
 * The first `/-/blob|tree/` wins (GitLab's unambiguous form); otherwise the first `blob` or `tree`
 * segment after at least one repository segment. A repository whose own path contains a segment
 * named `blob` or `tree` therefore needs the GitLab form.
 */
export function parseGitUrl(url: URL): GitUrlParts {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const origin = `${url.protocol}//${url.host}`;
  let repoEnd = -1;
  let markerEnd = -1;
  const gitlab = segments.findIndex((segment, i) => segment === '-' && i >= 1 && isMarker(segments[i + 1]));
  if (gitlab >= 0) {
    repoEnd = gitlab;
    markerEnd = gitlab + 2;
  } else {
    const plain = segments.findIndex((segment, i) => i >= 1 && isMarker(segment));
    if (plain >= 0) {
      repoEnd = plain;
      markerEnd = plain + 1;
    }
  }
  if (repoEnd < 0) {
    if (segments.length === 0) throw new InputError(`${origin}/ does not name a repository`);
    return { repoUrl: `${origin}/${segments.join('/')}`, rest: [] };
  }
  const marker = `/${segments.slice(repoEnd, markerEnd).join('/')}/`;
  const rest = segments.slice(markerEnd).map((segment) => decodeSegment(segment, url));
  return { repoUrl: `${origin}/${segments.slice(0, repoEnd).join('/')}`, marker, rest };
}

function isMarker(segment: string | undefined): boolean {
  return segment === 'blob' || segment === 'tree';
}

function decodeSegment(segment: string, url: URL): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new InputError(`Malformed path segment in ${url.origin}${url.pathname}`);
  }
  // The URL parser already resolved `..`; an encoded `/` or `..` would otherwise escape the tree.
  if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) {
    throw new InputError(`Invalid path segment "${decoded}" in ${url.origin}${url.pathname}`);
  }
  return decoded;
}

/** What the server advertises (`git ls-remote`), reduced to what ref resolution needs. */
export interface ServerRefs {
  /** Branch name (without `refs/heads/`) → commit sha. */
  heads: Map<string, string>;
  /** Tag name (without `refs/tags/`) → commit sha (peeled for annotated tags). */
  tags: Map<string, string>;
  /** Branch HEAD points to, when the server says so. */
  defaultBranch?: string;
}

export interface ResolvedRef {
  /** The ref as it appeared in the URL (a branch, tag or sha); the default branch for bare URLs. */
  ref: string;
  /** Full ref name to fetch (`refs/heads/x`), or the sha when the URL named a commit. */
  fetchRef: string;
  commit: string;
  /** Path segments inside the repository. */
  path: string[];
}

export const SHA_PATTERN = /^[0-9a-f]{40}$/i;

/**
 * Finds the ref in `rest`. Ref names may contain slashes (`feature/x`), so the longest prefix of
 * `rest` naming a branch (then a tag) wins; a 40-hex sha is accepted when no ref matches.
 */
export function resolveRef(rest: string[], refs: ServerRefs): ResolvedRef | undefined {
  if (rest.length === 0) {
    const branch = refs.defaultBranch ?? (refs.heads.has('main') ? 'main' : refs.heads.has('master') ? 'master' : undefined);
    const commit = branch === undefined ? undefined : refs.heads.get(branch);
    return branch === undefined || commit === undefined
      ? undefined
      : { ref: branch, fetchRef: `refs/heads/${branch}`, commit, path: [] };
  }
  for (let length = rest.length; length >= 1; length--) {
    const name = rest.slice(0, length).join('/');
    const head = refs.heads.get(name);
    if (head) return { ref: name, fetchRef: `refs/heads/${name}`, commit: head, path: rest.slice(length) };
    const tag = refs.tags.get(name);
    if (tag) return { ref: name, fetchRef: `refs/tags/${name}`, commit: tag, path: rest.slice(length) };
  }
  const first = rest[0]!;
  if (SHA_PATTERN.test(first)) {
    const commit = first.toLowerCase();
    return { ref: first, fetchRef: fetchRefForCommit(commit, refs), commit, path: rest.slice(1) };
  }
  return undefined;
}

/** Fetching a branch tip by name works on every server; a bare sha needs allowReachableSHA1InWant. */
export function fetchRefForCommit(commit: string, refs: ServerRefs): string {
  for (const [name, sha] of refs.heads) if (sha === commit) return `refs/heads/${name}`;
  for (const [name, sha] of refs.tags) if (sha === commit) return `refs/tags/${name}`;
  return commit;
}

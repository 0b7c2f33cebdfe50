import { ANNOTATION_EDIT_URL, ANNOTATION_SOURCE_LOCATION, ANNOTATION_VIEW_URL } from './types.js';

/** A git web URL split around its `/blob/`, `/tree/`, `/-/blob/` or `/-/tree/` marker. */
export interface GitUrlSplit {
  /** Repository path on the host, e.g. `/acme/web` (no trailing slash). */
  repoPath: string;
  /** The marker as written, e.g. `/blob/` or `/-/tree/`. */
  marker: string;
  /** Raw (still percent-encoded) segments after the marker: the ref, then the path. */
  rest: string[];
}

/**
 * Splits a git web URL the way the backend's git reader does: the first `/-/blob|tree/` wins, else
 * the first `blob`/`tree` segment after at least one repository segment. Undefined without a marker.
 */
export function splitGitUrl(url: URL): GitUrlSplit | undefined {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const isMarker = (segment: string | undefined) => segment === 'blob' || segment === 'tree';
  const dashed = segments.findIndex((segment, i) => segment === '-' && i >= 1 && isMarker(segments[i + 1]));
  const plain = segments.findIndex((segment, i) => i >= 1 && isMarker(segment));
  const [repoEnd, markerEnd] = dashed >= 0 ? [dashed, dashed + 2] : plain >= 0 ? [plain, plain + 1] : [-1, -1];
  if (repoEnd < 0) return undefined;
  return {
    repoPath: `/${segments.slice(0, repoEnd).join('/')}`,
    marker: `/${segments.slice(repoEnd, markerEnd).join('/')}/`,
    rest: segments.slice(markerEnd),
  };
}

/**
 * The edit link for a file's view URL on hosts whose edit-URL scheme is known: GitHub
 * (`/blob/` → `/edit/`) and GitLab (`/-/blob/` → `/-/edit/`). Generic git servers have none.
 */
export function defaultEditUrl(viewUrl: string): string | undefined {
  const url = new URL(viewUrl);
  const git = splitGitUrl(url);
  if (!git || !git.marker.endsWith('blob/') || git.rest.length < 2) return undefined;
  const host = url.hostname.toLowerCase();
  const tail = git.rest.join('/');
  if (git.marker === '/-/blob/' || host === 'gitlab.com') return `${url.origin}${git.repoPath}/-/edit/${tail}`;
  if (host === 'github.com') return `${url.origin}${git.repoPath}/edit/${tail}`;
  return undefined;
}

export interface ScmAnnotationOptions {
  /** Maps a file's view URL to its edit URL; default `defaultEditUrl` (GitHub and GitLab). */
  resolveEditUrl?: (viewUrl: string) => string | undefined;
}

/**
 * The view/edit/source annotations Backstage's AnnotateLocationEntityProcessor derives for a
 * descriptor read from an http(s) URL: view-url is the URL itself; for git file URLs
 * (`…/blob/<ref>/<path>`) source-location is `url:` plus the containing folder's tree URL, ending in `/`.
 */
export function scmAnnotationsFor(fileUrl: string, options: ScmAnnotationOptions = {}): Record<string, string> {
  let url: URL;
  try {
    url = new URL(fileUrl);
  } catch {
    return {};
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return {};
  const annotations: Record<string, string> = { [ANNOTATION_VIEW_URL]: fileUrl };
  const git = splitGitUrl(url);
  if (!git || !git.marker.endsWith('blob/') || git.rest.length < 2) return annotations;

  const editUrl = (options.resolveEditUrl ?? defaultEditUrl)(fileUrl);
  if (editUrl) annotations[ANNOTATION_EDIT_URL] = editUrl;
  const treeMarker = git.marker.replace(/blob\/$/, 'tree/');
  const folder = git.rest.slice(0, -1).join('/');
  annotations[ANNOTATION_SOURCE_LOCATION] = `url:${url.origin}${git.repoPath}${treeMarker}${folder}/`;
  return annotations;
}

import { posix } from 'node:path';

/**
 * Normalises a relative path with forward slashes; undefined when it is absolute or climbs out of
 * its root (`../../etc/passwd`), so callers can refuse it.
 */
export function normalizeRelative(path: string): string | undefined {
  if (path.startsWith('/') || path.includes(String.fromCharCode(0)) || /^[a-zA-Z]:[\\/]/.test(path)) return undefined;
  const n = posix.normalize(path.replace(/\\/g, '/'));
  if (n === '..' || n.startsWith('../')) return undefined;
  return n === '.' ? '' : n.replace(/\/$/, '');
}

/** Resolves `target` against the folder of `fromFile` (both relative to docs_dir); undefined when unsafe. */
export function resolveFrom(fromFile: string, target: string): string | undefined {
  if (target.startsWith('/')) return normalizeRelative(target.slice(1));
  return normalizeRelative(posix.join(posix.dirname(fromFile), target));
}

// Case-sensitive, as in MkDocs: `Index.md` is an ordinary page at `Index/`.
const INDEX_NAMES = new Set(['index.md', 'README.md']);

export function isIndexPage(source: string): boolean {
  return INDEX_NAMES.has(posix.basename(source));
}

/** MkDocs' page URL with use_directory_urls: `index.md` -> ``, `a/b.md` -> `a/b/`, `a/index.md` -> `a/`. */
export function pageUrl(source: string, directoryUrls = true): string {
  const dir = posix.dirname(source);
  const prefix = dir === '.' ? '' : `${dir}/`;
  if (isIndexPage(source)) return prefix;
  const stem = posix.basename(source).replace(/\.md$/i, '');
  return directoryUrls ? `${prefix}${stem}/` : `${prefix}${stem}.html`;
}

/** The file a page URL is written to. */
export function pageOutputFile(url: string): string {
  return url === '' || url.endsWith('/') ? `${url}index.html` : url;
}

/** A relative URL from one site-relative URL's folder to another site path. */
export function relativeUrl(fromUrl: string, toPath: string): string {
  const fromDir = fromUrl.endsWith('/') || fromUrl === '' ? fromUrl : posix.dirname(fromUrl) + '/';
  const rel = relativePath(fromDir, toPath);
  const withSlash = (toPath.endsWith('/') || toPath === '') && rel !== '' ? `${rel}/` : rel;
  return withSlash === '' ? './' : withSlash;
}

/** A normal site path's segments; undefined when it has an empty, `.` or `..` segment, or a backslash. */
function segments(path: string): string[] | undefined {
  const p = path.endsWith('/') ? path.slice(0, -1) : path;
  if (!p) return [];
  if (p.includes('\\')) return undefined;
  const parts = p.split('/');
  for (const s of parts) if (s === '' || s === '.' || s === '..') return undefined;
  return parts;
}

// The last `from` split: a page's links and nav all start from the same folder.
let lastFrom: { path: string; parts: string[] | undefined } = { path: '', parts: [] };

/**
 * `posix.relative('/' + from, '/' + to)` for site paths, by comparing their segments: the nav of every
 * page and every link call it, and `posix.relative` resolves both paths first. Paths that are not
 * already normal go to `posix.relative` (a test compares the two).
 */
export function relativePath(from: string, to: string): string {
  if (lastFrom.path !== from) lastFrom = { path: from, parts: segments(from) };
  const a = lastFrom.parts, b = segments(to);
  if (!a || !b) return posix.relative(`/${from}`, `/${to}`);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  let out = '';
  for (let k = common; k < a.length; k++) out += out ? '/..' : '..';
  for (let k = common; k < b.length; k++) out += out ? `/${b[k]}` : b[k];
  return out;
}

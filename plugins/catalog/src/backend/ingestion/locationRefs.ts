import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { splitGitUrl } from './scmUrls.js';
import type { LocationSpec, LocationType } from './types.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True for `https://…`, `file:…` and other scheme-prefixed strings (not for paths). */
export function isAbsoluteUrl(value: string): boolean {
  return SCHEME.test(value) && !isAbsolute(value);
}

/** `<type>:<target>`, the form of location keys and the managed-by annotations. */
export function stringifyLocationRef(location: { type: string; target: string }): string {
  return `${location.type}:${location.target}`;
}

/** Splits `<type>:<target>` at the first colon (`url:https://…` keeps the target's own colons). */
export function parseLocationRef(ref: string): { type: string; target: string } | undefined {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) return undefined;
  return { type: ref.slice(0, colon), target: ref.slice(colon + 1) };
}

/**
 * Resolves `target` against the document it was written in, the way a browser resolves a link:
 * - absolute URLs and absolute paths are returned as they are;
 * - relative to an http(s) URL: standard URL resolution, except that `/path` on a git file URL
 *   (`…/blob/<ref>/…`) means the repository root at the same ref, as Backstage's SCM integrations do;
 * - relative to a `file:` URL: a `file:` URL;
 * - relative to an absolute path: an absolute path. A folder must end with `/` (else its parent is used).
 * Use it for config locations (`relativeTo` = the config file) and for Location targets.
 */
export function resolveLocationTarget(target: string, relativeTo: string): string {
  if (isAbsoluteUrl(target)) return target;
  if (!isAbsoluteUrl(relativeTo)) {
    if (isAbsolute(target)) return resolve(target);
    const folder = relativeTo.endsWith('/') ? relativeTo : dirname(relativeTo);
    return resolve(folder, target);
  }
  const base = new URL(relativeTo);
  if ((base.protocol === 'http:' || base.protocol === 'https:') && target.startsWith('/') && !target.startsWith('//')) {
    const git = splitGitUrl(base);
    const ref = git?.rest[0];
    // Refs are taken to be one segment (`rest` is still percent-encoded); a ref with slashes needs an absolute URL.
    if (git && ref !== undefined) return `${base.origin}${git.repoPath}${git.marker}${ref}${target}`;
  }
  return new URL(target, base).href;
}

/** The URL a descriptor at this location is read from (file paths become `file:` URLs). */
export function locationUrl(location: { type: LocationType; target: string }): string {
  if (location.type === 'file' && !isAbsoluteUrl(location.target)) return pathToFileURL(location.target).href;
  return location.target;
}

/** A `file` target as an absolute path (accepts `file:` URLs). */
export function toFilePath(target: string): string {
  return target.startsWith('file:') ? fileURLToPath(target) : resolve(target);
}

/** A location spec from a file or http(s) URL, or an absolute path, as read by `readLocation`. */
export function locationFromUrl(url: string): LocationSpec {
  if (url.startsWith('file:') || isAbsolute(url)) return { type: 'file', target: toFilePath(url) };
  return { type: 'url', target: url };
}

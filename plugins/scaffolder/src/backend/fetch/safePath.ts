import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError, NotAllowedError } from '@atrium/backend';

function inside(child: string, base: string): boolean {
  const rel = relative(base, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The nearest existing folder at or above `path` (the part a symlink could redirect). */
async function existingAncestor(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      await lstat(current);
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/**
 * Resolves a path an action was given inside `base` (the task's workspace), refusing absolute paths,
 * `..` that climbs out, and symlinks whose real target is outside. The check is on the real path of
 * the deepest existing part, so a link planted by an earlier step cannot redirect a later write.
 */
export async function resolveSafeChildPath(base: string, path: string, field = 'path'): Promise<string> {
  if (typeof path !== 'string') throw new InputError(`${field} must be a string`);
  if (isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) throw new NotAllowedError(`${field} "${path}" must be relative to the workspace`);
  const target = resolve(base, path);
  if (!inside(target, base)) throw new NotAllowedError(`${field} "${path}" is outside the workspace`);
  const realBase = await realpath(base);
  const ancestor = await existingAncestor(target);
  const realAncestor = await realpath(ancestor).catch(() => ancestor);
  if (!inside(realAncestor, realBase)) throw new NotAllowedError(`${field} "${path}" leads outside the workspace through a symbolic link`);
  return target;
}

/** True for a path (with forward slashes, from a tree listing) that stays inside its root. */
export function isSafeRelativePath(path: string): boolean {
  if (!path || path.startsWith('/') || path.includes('\0')) return false;
  return !path.split(/[\\/]/).some((s) => s === '..');
}

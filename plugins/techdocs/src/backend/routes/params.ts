import { z } from 'zod';
import { InputError } from '@atrium/backend';
import { normalizeRelative } from '../builder/paths.js';

// Names as the catalog allows them (letters, digits, `-_.`), at most 253 characters.
const part = z.string().min(1).max(253).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, "-", "_" and "." only');
export const entityParams = z.object({ namespace: part, kind: part, name: part });
export type EntityParams = z.infer<typeof entityParams>;

export function entityRefOf(p: EntityParams): string {
  return `${p.kind}:${p.namespace}/${p.name}`.toLocaleLowerCase('en-US');
}

/** The site file a request path names: folders mean their index.html; anything climbing out is refused. */
export function sitePath(raw: string): string {
  let decoded: string;
  try { decoded = decodeURIComponent(raw); } catch { throw new InputError(`the path "${raw}" is not validly encoded`); }
  const normalized = normalizeRelative(decoded);
  if (normalized === undefined || decoded.split('/').includes('..')) throw new InputError(`the path "${raw}" is not allowed: it must stay inside the site`);
  return decoded === '' || decoded.endsWith('/') ? `${normalized ? `${normalized}/` : ''}index.html` : normalized;
}

import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always serialise (and hash) the same. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * Hash of a value whose key order may differ between equal copies: a processing result made from the
 * stored entity (JSONB orders keys its own way) must equal one made from the freshly parsed file.
 */
export function stableHashOf(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('base64url');
}

/**
 * Hash of what a source emitted, for change detection. Plain JSON, not key-sorted: the same source
 * parses to the same key order every time (YAML and JSON keep document order), so sorting would only
 * make a re-ordered but equal file count as unchanged, at a cost measured as 0.2 s of CPU per 10,000
 * entities. A re-ordered file is simply processed once more.
 */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('base64url');
}

import { InputError } from '../api/errors.js';

/**
 * Where a request's path parameters, query or JSON body hold U+0000, as `query parameter filter`, or
 * undefined. PostgreSQL's text and jsonb cannot hold the character, so a route that passes such a value
 * on fails inside the database (a 500) instead of answering the caller.
 */
export function nulCharacterIn(request: { params?: unknown; query?: unknown; body?: unknown }): string | undefined {
  return firstNul(request.params, 'path parameter') ?? firstNul(request.query, 'query parameter') ?? firstNul(request.body, 'body field');
}

/** A preValidation hook: 400 for a request with a NUL character anywhere a route reads. */
export async function rejectNulCharacters(request: { params?: unknown; query?: unknown; body?: unknown }): Promise<void> {
  const where = nulCharacterIn(request);
  if (where) throw new InputError(`The ${where} contains a NUL character (U+0000), which is not accepted`);
}

function firstNul(value: unknown, label: string, path = ''): string | undefined {
  const here = () => (path ? `${label} ${path}` : label);
  if (typeof value === 'string') return value.includes('\u0000') ? here() : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNul(value[i], label, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  // Parsed JSON and query objects (the query's have a prototype of their own); a Buffer or stream body
  // is the route's own to read.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const name = path ? `${path}.${key.replaceAll('\u0000', '\\0')}` : key.replaceAll('\u0000', '\\0');
    if (key.includes('\u0000')) return `${label} ${name}`;
    const found = firstNul(item, label, name);
    if (found) return found;
  }
  return undefined;
}

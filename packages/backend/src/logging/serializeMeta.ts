import type { LogMeta } from '../api/services.js';

/** Nested plain objects are walked this deep looking for Errors; deeper values are logged as they are. */
const MAX_DEPTH = 5;

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
  cause?: unknown;
  [key: string]: unknown;
}

/**
 * Turns log meta into pino fields. An Error given as the meta itself goes under `err` (the key
 * pino-pretty formats as an error); Errors nested in meta are serialised in place. Errors have no
 * enumerable name/message/stack, so without this JSON.stringify would log them as `{}`.
 */
export function metaToFields(meta: LogMeta | undefined): Record<string, unknown> | undefined {
  if (meta === undefined) return undefined;
  if (meta instanceof Error) return { err: serializeError(meta) };
  return serializeNested(meta, 0, new WeakSet()) as Record<string, unknown>;
}

export function serializeError(error: Error, seen: WeakSet<object> = new WeakSet()): SerializedError {
  seen.add(error);
  const out: SerializedError = { name: error.name, message: error.message };
  if (error.stack) out.stack = error.stack;
  for (const [key, value] of Object.entries(error)) {
    out[key] = serializeNested(value, 1, seen);
  }
  if (error.cause !== undefined) out.cause = serializeNested(error.cause, 1, seen);
  seen.delete(error);
  return out;
}

function serializeNested(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  if (value instanceof Error) return serializeError(value, seen);
  if (depth >= MAX_DEPTH) return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  // `seen` holds the ancestors only, so an object referenced twice is not mistaken for a cycle.
  seen.add(value);
  const out = Array.isArray(value)
    ? value.map((item: unknown) => serializeNested(item, depth + 1, seen))
    : Object.fromEntries(Object.entries(value).map(([key, child]) => [key, serializeNested(child, depth + 1, seen)]));
  seen.delete(value);
  return out;
}

import type { JsonObject, JsonValue } from '../api/services.js';
import { formatPath, isJsonObject, type PathSegment } from './types.js';

/**
 * Merges a higher-priority layer into `target` in place: objects merge key by key; arrays and
 * scalars replace what was there wholesale (so a local file can shorten `catalog.locations`);
 * `null` replaces too and is removed later by `stripNulls`, which is how a file says "unset this".
 * `origins` is updated so each replaced subtree points at the layer that wrote it.
 */
export function mergeLayer(
  target: JsonObject,
  layer: JsonObject,
  origin: string,
  origins: Map<string, string>,
  at: PathSegment[] = [],
): void {
  for (const [key, value] of Object.entries(layer)) {
    const segments = [...at, key];
    const existing = target[key];
    if (isJsonObject(existing) && isJsonObject(value)) {
      const here = formatPath(segments);
      if (!origins.has(here)) origins.set(here, origin);
      mergeLayer(existing, value, origin, origins, segments);
      continue;
    }
    forgetSubtree(origins, segments);
    origins.set(formatPath(segments), origin);
    target[key] = clone(value);
  }
}

/** Drops `null` object values (explicit absence) everywhere; nulls inside arrays are data and stay. */
export function stripNulls(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null) continue;
    out[key] = isJsonObject(child) ? stripNulls(child) : Array.isArray(child) ? child.map(stripNullsIn) : child;
  }
  return out;
}

function stripNullsIn(value: JsonValue): JsonValue {
  if (isJsonObject(value)) return stripNulls(value);
  return Array.isArray(value) ? value.map(stripNullsIn) : value;
}

function forgetSubtree(origins: Map<string, string>, segments: PathSegment[]): void {
  const prefix = formatPath(segments);
  for (const key of origins.keys()) {
    if (key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`)) origins.delete(key);
  }
}

function clone(value: JsonValue): JsonValue {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

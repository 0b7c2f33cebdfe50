import type { JsonObject, JsonValue } from '../api/services.js';
import type { ConfigVisibility } from './schemaHelpers.js';
import { formatPath, isJsonObject, type ConfigSchemaEntry, type PathSegment } from './types.js';
import { collectVisibilityMarks } from './visibilityMarks.js';

type Marks = Map<string, ConfigVisibility>;

/** A mark applies to its subtree until a nearer mark overrides it; nothing overrides `secret`. */
function effective(marks: Marks, at: PathSegment[], inherited: ConfigVisibility): ConfigVisibility {
  if (inherited === 'secret') return 'secret';
  return marks.get(formatPath(at)) ?? inherited;
}

/**
 * The string values at keys any schema marks `secret` (including everything under a secret object).
 * The root logger redacts them from every line.
 */
export function secretValues(data: JsonObject, schemas: readonly ConfigSchemaEntry[]): string[] {
  const marks = collectVisibilityMarks(data, schemas);
  const found = new Set<string>();
  const visit = (value: JsonValue, at: PathSegment[], inherited: ConfigVisibility): void => {
    const here = effective(marks, at, inherited);
    if (typeof value === 'string') {
      if (here === 'secret') found.add(value);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...at, index], here));
    } else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, [...at, key], here);
    }
  };
  visit(data, [], 'backend');
  return [...found];
}

/**
 * The part of the config the browser may see: keys marked `frontend` (with their subtrees), minus
 * anything marked `secret` or `backend` inside them. Unmarked keys are backend-only.
 */
export function frontendConfig(data: JsonObject, schemas: readonly ConfigSchemaEntry[]): JsonObject {
  const marks = collectVisibilityMarks(data, schemas);
  const pick = (value: JsonValue, at: PathSegment[], inherited: ConfigVisibility): JsonValue | undefined => {
    const here = effective(marks, at, inherited);
    if (here === 'secret') return undefined;
    if (isJsonObject(value)) {
      const out: JsonObject = {};
      for (const [key, child] of Object.entries(value)) {
        const picked = pick(child, [...at, key], here);
        if (picked !== undefined) out[key] = picked;
      }
      return here === 'frontend' || Object.keys(out).length > 0 ? out : undefined;
    }
    if (Array.isArray(value)) {
      const items = value.map((item, index) => pick(item, [...at, index], here));
      if (here !== 'frontend' && items.every((item) => item === undefined)) return undefined;
      // Keep positions so an item's index matches the full config; hidden items become empty objects.
      return items.map((item) => item ?? (here === 'frontend' ? null : {}));
    }
    return here === 'frontend' ? value : undefined;
  };
  return (pick(data, [], 'backend') as JsonObject | undefined) ?? {};
}

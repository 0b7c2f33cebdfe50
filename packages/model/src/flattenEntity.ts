/**
 * Flattens an entity into the (key, value) rows the catalog indexes for filtering, with the semantics
 * of Backstage's `buildEntitySearch`, so filters written for Backstage match the same entities here.
 */
import type { Entity } from './entity.js';
import { DEFAULT_NAMESPACE } from './entity.js';

/** One search row. `value` is lowercased; `originalValue` keeps the case (facets show it). */
export interface EntitySearchEntry {
  key: string;
  value: string | null;
  originalValue: string | null;
}

/** Keys and values longer than this are not indexed (they are in an index; engines balk at huge rows). */
export const SEARCH_MAX_KEY_LENGTH = 200;
/** Values longer than this are stored as `null`, so the key still exists but matches no value. */
export const SEARCH_MAX_VALUE_LENGTH = 200;

// Not traversed: either not worth indexing, or always emitted explicitly below (even when null).
const SKIPPED_PATHS = new Set(['attachments', 'relations', 'status', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.etag']);

// en-US has no special casing rules, so this equals Backstage's toLocaleLowerCase('en-US') and is
// several times faster; flattening runs for every entity on every stitch.
const lower = (s: string) => s.toLowerCase();

interface RawEntry {
  key: string;
  value: unknown;
}

/**
 * Leaf paths of the entity with their raw values, keys NOT lowercased. Keys join with dots verbatim, so
 * `metadata.annotations.backstage.io/orphan`; arrays repeat their key per item, and string items also
 * yield `<path>.<item>` = true so "has both tags" is expressible as two conditions.
 */
function collectRawEntries(entity: Entity): RawEntry[] {
  const out: RawEntry[] = [];
  const itemKeys = new Set<string>();
  const visit = (path: string, current: unknown): void => {
    if (SKIPPED_PATHS.has(path)) return;
    const type = typeof current;
    if (current === undefined || current === null || type === 'string' || type === 'number' || type === 'boolean') {
      out.push({ key: path, value: current });
      return;
    }
    if (type !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        visit(path, item);
        if (typeof item === 'string') {
          const itemKey = `${path}.${item}`;
          const lowerKey = lower(itemKey);
          if (!itemKeys.has(lowerKey)) {
            itemKeys.add(lowerKey);
            out.push({ key: itemKey, value: true });
          }
        }
      }
      return;
    }
    for (const [key, value] of Object.entries(current)) visit(path ? `${path}.${key}` : key, value);
  };
  visit('', entity);

  out.push({ key: 'metadata.name', value: entity.metadata.name });
  out.push({ key: 'metadata.namespace', value: entity.metadata.namespace });
  out.push({ key: 'metadata.uid', value: entity.metadata.uid });
  // An entity without a namespace is in the default one and must match `metadata.namespace=default`.
  if (!entity.metadata.namespace) out.push({ key: 'metadata.namespace', value: DEFAULT_NAMESPACE });
  for (const relation of entity.relations ?? []) {
    out.push({ key: `relations.${relation.type}`, value: relation.targetRef });
  }
  return out;
}

/**
 * The search rows of an entity: keys and values lowercased (en-US), numbers and booleans stringified,
 * null/undefined and over-long values as `null`, over-long keys dropped, duplicates removed.
 * Never throws; keys that differ only in case are reported by `findCaseConflictingKeys` instead.
 */
export function flattenEntity(entity: Entity): EntitySearchEntry[] {
  const rows: EntitySearchEntry[] = [];
  const seen = new Set<string>();
  for (const { key: rawKey, value: rawValue } of collectRawEntries(entity)) {
    const key = lower(rawKey);
    if (key.length > SEARCH_MAX_KEY_LENGTH) continue;
    let value: string | null = null;
    let originalValue: string | null = null;
    if (rawValue !== undefined && rawValue !== null) {
      const original = String(rawValue);
      const lowered = lower(original);
      if (lowered.length <= SEARCH_MAX_VALUE_LENGTH) {
        value = lowered;
        originalValue = original;
      }
    }
    // A NUL separator cannot occur in a key, and the marker keeps `null` apart from the string "null".
    const dedupe = value === null ? `${key}\u0000` : `${key}\u0000=${value}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    rows.push({ key, value, originalValue });
  }
  return rows;
}

/**
 * Lowercased keys that occur in the entity in more than one casing (`spec.owner` and `spec.Owner`).
 * Such entities are rejected, because their search rows would collide.
 */
export function findCaseConflictingKeys(entity: Entity): string[] {
  const spellings = new Map<string, Set<string>>();
  for (const { key } of collectRawEntries(entity)) {
    const lowerKey = lower(key);
    const set = spellings.get(lowerKey) ?? new Set<string>();
    set.add(key);
    spellings.set(lowerKey, set);
  }
  return [...spellings].filter(([, set]) => set.size > 1).map(([key]) => key);
}

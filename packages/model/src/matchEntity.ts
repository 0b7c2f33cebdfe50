/**
 * In-memory evaluation of an `EntityFilter` over the same search rows the catalog stores, so the
 * frontend and tests agree with the database on what matches.
 */
import type { Entity } from './entity.js';
import type { EntityFilter } from './entityFilter.js';
import { flattenEntity } from './flattenEntity.js';

/** Values per key; `null` stands for a null row (key exists, matches no value). */
type SearchIndex = ReadonlyMap<string, ReadonlySet<string | null>>;

function indexEntity(entity: Entity): SearchIndex {
  const index = new Map<string, Set<string | null>>();
  for (const { key, value } of flattenEntity(entity)) {
    const set = index.get(key) ?? new Set<string | null>();
    set.add(value);
    index.set(key, set);
  }
  return index;
}

/**
 * Evaluates a filter over any key → values index (lowercased values; `null` for a key without a
 * value), e.g. for objects other than entities that the same query language filters.
 */
export function matchFilterIndex(filter: EntityFilter | undefined, index: ReadonlyMap<string, ReadonlySet<string | null>>): boolean {
  return filter ? evaluate(filter, index) : true;
}

function evaluate(filter: EntityFilter, index: SearchIndex): boolean {
  switch (filter.type) {
    case 'anyOf':
      return filter.filters.some(f => evaluate(f, index));
    case 'allOf':
      return filter.filters.every(f => evaluate(f, index));
    case 'not':
      return !evaluate(filter.filter, index);
    case 'prefix': {
      const values = index.get(filter.key.toLocaleLowerCase('en-US'));
      const prefix = filter.prefix.toLocaleLowerCase('en-US');
      return [...(values ?? [])].some(v => v !== null && v.startsWith(prefix));
    }
    case 'key': {
      const values = index.get(filter.key.toLocaleLowerCase('en-US'));
      if (!values) return false;
      if (!filter.values) return true;
      return filter.values.some(v => values.has(v.toLocaleLowerCase('en-US')));
    }
  }
}

/** Whether the entity matches the filter; an undefined filter matches everything. */
export function matchEntity(entity: Entity, filter: EntityFilter | undefined): boolean {
  return filter ? evaluate(filter, indexEntity(entity)) : true;
}

/** Builds a predicate for many entities, e.g. `entities.filter(entityMatcher(filter))`. */
export function entityMatcher(filter: EntityFilter | undefined): (entity: Entity) => boolean {
  return entity => matchEntity(entity, filter);
}

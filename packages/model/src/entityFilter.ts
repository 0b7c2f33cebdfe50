/**
 * The catalog filter language as a small immutable AST. The backend compiles it to SQL over the
 * search rows; `matchEntity` evaluates it in memory. Keys and values are stored lowercased because
 * every comparison is case-insensitive.
 */

/**
 * A filter node. `key` without `values` means "the key exists" (with any value, even null); `prefix`
 * matches a value that starts with the prefix (the predicate language's `$hasPrefix`).
 */
export type EntityFilter =
  | { readonly type: 'anyOf'; readonly filters: readonly EntityFilter[] }
  | { readonly type: 'allOf'; readonly filters: readonly EntityFilter[] }
  | { readonly type: 'not'; readonly filter: EntityFilter }
  | { readonly type: 'key'; readonly key: string; readonly values?: readonly string[] }
  | { readonly type: 'prefix'; readonly key: string; readonly prefix: string };

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Matches when any child matches; an empty list matches nothing. */
export function anyOfFilter(filters: readonly EntityFilter[]): EntityFilter {
  return Object.freeze({ type: 'anyOf', filters: Object.freeze([...filters]) });
}

/** Matches when every child matches; an empty list matches everything. */
export function allOfFilter(filters: readonly EntityFilter[]): EntityFilter {
  return Object.freeze({ type: 'allOf', filters: Object.freeze([...filters]) });
}

/** Matches when the child does not. */
export function notFilter(filter: EntityFilter): EntityFilter {
  return Object.freeze({ type: 'not', filter });
}

/** Matches when the key exists or, given values, when it has one of them. Lowercases both. */
export function keyFilter(key: string, values?: readonly string[]): EntityFilter {
  const k = lower(key.trim());
  if (!k) throw new TypeError('Invalid filter, the key is empty');
  return values === undefined
    ? Object.freeze({ type: 'key', key: k })
    : Object.freeze({ type: 'key', key: k, values: Object.freeze([...new Set(values.map(lower))]) });
}

/** Matches when the key has a value starting with `prefix`. Lowercases both. */
export function prefixFilter(key: string, prefix: string): EntityFilter {
  const k = lower(key.trim());
  if (!k) throw new TypeError('Invalid filter, the key is empty');
  return Object.freeze({ type: 'prefix', key: k, prefix: lower(prefix) });
}

/**
 * Parses one `filter` query parameter: comma-separated `key=value` (equality), `key=` (empty value)
 * or `key` (exists) conditions, AND-ed; a key repeated with values means any of them. Returns
 * undefined when the parameter holds no conditions. Throws a `TypeError` naming a statement with an empty key.
 */
export function parseEntityFilterString(filterString: string): EntityFilter | undefined {
  const statements = filterString.split(',').map(s => s.trim()).filter(Boolean);
  if (!statements.length) return undefined;
  // Insertion-ordered, so the AST follows the order the conditions were written in.
  const valuesByKey = new Map<string, string[] | undefined>();
  for (const statement of statements) {
    const eq = statement.indexOf('=');
    const key = lower((eq === -1 ? statement : statement.slice(0, eq)).trim());
    if (!key) {
      throw new TypeError(`Invalid filter, '${statement}' is not a valid statement (expected a string on the form a=b or a= or a)`);
    }
    const existing = valuesByKey.get(key);
    if (eq === -1) {
      // `a,a=b` means a=b, as in Backstage: a value condition implies existence.
      if (!valuesByKey.has(key)) valuesByKey.set(key, undefined);
    } else {
      valuesByKey.set(key, [...(existing ?? []), statement.slice(eq + 1).trim()]);
    }
  }
  return allOfFilter([...valuesByKey].map(([key, values]) => keyFilter(key, values)));
}

/**
 * Parses the repeated `filter` query parameters of the catalog API: each parameter is one alternative
 * (OR), see `parseEntityFilterString`. Returns undefined when there are no conditions at all
 * (everything matches); a single alternative is returned as its `allOf` node. There is no negation in
 * this syntax (as in Backstage); `a!=b` is the key `a!`. Throws a `TypeError` for malformed input.
 */
export function parseEntityFilterParams(filterParams: readonly string[] | string | undefined): EntityFilter | undefined {
  if (filterParams === undefined) return undefined;
  const params = typeof filterParams === 'string' ? [filterParams] : filterParams;
  const alternatives: EntityFilter[] = [];
  for (const param of params) {
    if (typeof param !== 'string') throw new TypeError(`Invalid filter, expected a string but got ${typeof param}`);
    const parsed = parseEntityFilterString(param);
    if (parsed) alternatives.push(parsed);
  }
  if (!alternatives.length) return undefined;
  return alternatives.length === 1 ? alternatives[0] : anyOfFilter(alternatives);
}

/** Object form of a filter, as in entity-card contributions and the scaffolder's `catalogFilter`. */
export type EntityFilterQuery =
  | Record<string, string | readonly string[] | { exists: true }>
  | ReadonlyArray<Record<string, string | readonly string[] | { exists: true }>>;

/**
 * Converts the object form: keys of one record are AND-ed, array values are alternatives,
 * `{ exists: true }` checks existence, and an array of records is OR-ed.
 */
export function entityFilterFromQuery(query: EntityFilterQuery): EntityFilter {
  const records = Array.isArray(query) ? query : [query as Record<string, string | readonly string[] | { exists: true }>];
  const alternatives = records.map(record =>
    allOfFilter(Object.entries(record).map(([key, v]) => {
      if (typeof v === 'string') return keyFilter(key, [v]);
      if (Array.isArray(v)) return keyFilter(key, v as readonly string[]);
      return keyFilter(key);
    })),
  );
  return alternatives.length === 1 ? (alternatives[0] as EntityFilter) : anyOfFilter(alternatives);
}

/**
 * The inverse of `parseEntityFilterParams`, for clients building request URLs. Accepts only what the
 * query syntax can express (an `anyOf` of `allOf`s of keys) and throws a `TypeError` otherwise.
 */
export function stringifyEntityFilterParams(filter: EntityFilter | undefined): string[] {
  if (!filter) return [];
  const alternatives = filter.type === 'anyOf' ? filter.filters : [filter];
  return alternatives.map(alt => {
    const keys = alt.type === 'allOf' ? alt.filters : [alt];
    return keys.map(node => {
      if (node.type !== 'key') throw new TypeError(`Invalid filter, '${node.type}' cannot be expressed as filter query parameters`);
      if (!node.values) return node.key;
      if (!node.values.length) throw new TypeError(`Invalid filter, key '${node.key}' has an empty value list`);
      return node.values.map(v => {
        if (v.includes(',')) throw new TypeError(`Invalid filter, value '${v}' contains a comma`);
        return `${node.key}=${v}`;
      }).join(',');
    }).join(',');
  });
}

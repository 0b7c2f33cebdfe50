import { allOfFilter, anyOfFilter, keyFilter, notFilter, prefixFilter, type EntityFilter } from './entityFilter.js';

/**
 * Backstage's predicate query (the `query` body of `POST /entities/by-query` and `POST
 * /entity-facets`) compiled to the filter AST. Logical nodes are `{ $all: [...] }` (empty: all),
 * `{ $any: [...] }` (empty: none) and `{ $not: expr }`; any other object is a set of `path: matcher`
 * pairs that all must hold. Matchers: a literal (string, number or boolean; case-insensitive),
 * `{ $exists: boolean }`, `{ $in: [literals] }`, `{ $hasPrefix: string }` and `{ $contains: … }`
 * (a relation `{ type, targetRef? }` under `relations`, or an item of a primitive array).
 */
export type EntityPredicate = { [key: string]: unknown };

/** A predicate that cannot be understood; `path` says where (e.g. `query.$all[1].spec.type`). */
export class EntityPredicateError extends TypeError {
  constructor(readonly path: string, message: string) {
    super(`Invalid query at ${path}: ${message}`);
    this.name = 'EntityPredicateError';
  }
}

type Literal = string | number | boolean;
const isLiteral = (v: unknown): v is Literal => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const LOGICAL = new Set(['$all', '$any', '$not']);

export function parseEntityPredicate(query: unknown, path = 'query'): EntityFilter {
  if (!isObject(query)) throw new EntityPredicateError(path, 'expected an object');
  const keys = Object.keys(query);
  const logical = keys.filter(k => LOGICAL.has(k));
  if (logical.length > 0) {
    if (keys.length !== 1) throw new EntityPredicateError(path, `${logical[0]} must be the only key of its object`);
    const op = logical[0]!;
    const operand = query[op];
    if (op === '$not') return notFilter(parseEntityPredicate(operand, `${path}.$not`));
    if (!Array.isArray(operand)) throw new EntityPredicateError(`${path}.${op}`, 'expected an array');
    const children = operand.map((child, i) => parseEntityPredicate(child, `${path}.${op}[${i}]`));
    return op === '$all' ? allOfFilter(children) : anyOfFilter(children);
  }
  const unknownOperator = keys.find(k => k.startsWith('$'));
  if (unknownOperator) throw new EntityPredicateError(`${path}.${unknownOperator}`, 'unknown operator; expected $all, $any or $not');
  return allOfFilter(keys.map(key => fieldMatcher(key, query[key], `${path}.${key}`)));
}

function fieldMatcher(field: string, matcher: unknown, path: string): EntityFilter {
  if (!field.trim()) throw new EntityPredicateError(path, 'the field path is empty');
  if (isLiteral(matcher)) return keyFilter(field, [String(matcher)]);
  if (!isObject(matcher)) throw new EntityPredicateError(path, 'expected a string, number, boolean or a matcher such as { $in: [...] }');
  const ops = Object.keys(matcher);
  if (ops.length !== 1) throw new EntityPredicateError(path, `a matcher has exactly one operator, got ${ops.length === 0 ? 'none' : ops.join(', ')}`);
  const op = ops[0]!;
  const operand = matcher[op];
  switch (op) {
    case '$exists':
      if (typeof operand !== 'boolean') throw new EntityPredicateError(`${path}.$exists`, 'expected true or false');
      return operand ? keyFilter(field) : notFilter(keyFilter(field));
    case '$in':
      return keyFilter(field, literals(operand, `${path}.$in`));
    case '$hasPrefix':
      if (typeof operand !== 'string') throw new EntityPredicateError(`${path}.$hasPrefix`, 'expected a string');
      return prefixFilter(field, operand);
    case '$contains':
      return containsMatcher(field, operand, `${path}.$contains`);
    case '$not':
      throw new EntityPredicateError(`${path}.$not`, '$not applies to expressions, not to values; write { $not: { field: value } }');
    default:
      throw new EntityPredicateError(`${path}.${op}`, 'unknown matcher; expected $exists, $in, $hasPrefix or $contains');
  }
}

function containsMatcher(field: string, operand: unknown, path: string): EntityFilter {
  if (field.toLowerCase() === 'relations') {
    if (!isObject(operand) || typeof operand.type !== 'string' || !operand.type) {
      throw new EntityPredicateError(path, 'expected a relation { type, targetRef? }');
    }
    const key = `relations.${operand.type}`;
    const target = operand.targetRef;
    if (target === undefined) return keyFilter(key);
    if (typeof target === 'string') return keyFilter(key, [target]);
    if (isObject(target) && Object.keys(target).length === 1 && '$in' in target) return keyFilter(key, literals(target.$in, `${path}.targetRef.$in`));
    throw new EntityPredicateError(`${path}.targetRef`, 'expected an entity ref or { $in: [refs] }');
  }
  // Items of primitive arrays (tags, …) are stored as values of the array's own key.
  if (isLiteral(operand)) return keyFilter(field, [String(operand)]);
  throw new EntityPredicateError(path, 'expected a string, number or boolean item (or a relation under "relations")');
}

function literals(operand: unknown, path: string): string[] {
  if (!Array.isArray(operand)) throw new EntityPredicateError(path, 'expected an array of strings, numbers or booleans');
  return operand.map((v, i) => {
    if (!isLiteral(v)) throw new EntityPredicateError(`${path}[${i}]`, 'expected a string, number or boolean');
    return String(v);
  });
}

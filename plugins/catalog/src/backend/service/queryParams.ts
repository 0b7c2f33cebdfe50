import { z } from 'zod';
import { InputError } from '@atrium/backend';
import { EntityPredicateError, parseEntityFilterParams, parseEntityPredicate, type EntityFilter } from '@atrium/model';

/** A query parameter that may be repeated: Fastify gives a string for one and an array for several. */
export const repeatable = z.union([z.string(), z.array(z.string())]).optional();

/** A non-negative integer query parameter (query strings only carry text). */
export const nonNegativeInt = z.coerce.number().int().min(0).optional();

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `filter` parameters (each one an alternative); a malformed one is a 400 naming the parameter. */
export function parseFilterParam(value: string | string[] | undefined): EntityFilter | undefined {
  try {
    return parseEntityFilterParams(list(value));
  } catch (e) {
    throw new InputError(`Invalid filter parameter: ${(e as Error).message}`);
  }
}

/** A predicate `query` body; a malformed one is a 400 naming where in the query it is wrong. */
export function parsePredicate(query: unknown): EntityFilter {
  try {
    return parseEntityPredicate(query);
  } catch (e) {
    if (e instanceof EntityPredicateError) throw new InputError(e.message);
    throw e;
  }
}

/** `fields=kind,metadata.name` (comma-separated and/or repeated) as dot paths; undefined means everything. */
export function parseFieldsParam(value: string | string[] | undefined, name = 'fields'): string[][] | undefined {
  const fields = list(value).flatMap((v) => v.split(',')).map((f) => f.trim()).filter(Boolean);
  if (fields.length === 0) return undefined;
  return fields.map((field) => {
    const path = field.split('.');
    if (path.some((p) => p === '')) throw new InputError(`Invalid ${name} parameter, '${field}' is not a valid field path`);
    return path;
  });
}

export interface OrderField {
  field: string;
  order: 'asc' | 'desc';
}

/** `/entities`' `order=asc:metadata.name` (repeatable; the first one decides first). */
export function parseOrderParam(value: string | string[] | undefined): OrderField[] {
  return list(value).map((v) => {
    const match = /^(asc|desc):(.+)$/.exec(v.trim());
    if (!match) throw new InputError(`Invalid order parameter '${v}', expected asc:<field> or desc:<field>`);
    return { order: match[1] as 'asc' | 'desc', field: match[2]!.trim().toLowerCase() };
  });
}

/** `/entities/by-query`'s `orderField=metadata.name,desc` (repeatable; only the first one is used, as in Backstage). */
export function parseOrderFieldParam(value: string | string[] | undefined): OrderField[] {
  return list(value).map((v) => {
    const [field = '', order = 'asc', ...rest] = v.split(',').map((s) => s.trim());
    if (!field || rest.length > 0 || (order !== 'asc' && order !== 'desc')) {
      throw new InputError(`Invalid orderField parameter '${v}', expected <field>,asc or <field>,desc`);
    }
    return { field: field.toLowerCase(), order };
  });
}

/** `fullTextFilterFields=metadata.name,spec.type` as lowercase search keys. */
export function parseFullTextFieldsParam(value: string | string[] | undefined): string[] | undefined {
  const fields = list(value).flatMap((v) => v.split(',')).map((f) => f.trim().toLowerCase()).filter(Boolean);
  return fields.length > 0 ? fields : undefined;
}

/** `/entities`' `after`: base64 of `{ limit, offset }`, as Backstage writes it into the `link` header. */
export function parseAfterParam(after: string): { limit?: number; offset?: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64').toString('utf8'));
  } catch {
    throw new InputError('Malformed after parameter, could not be parsed');
  }
  const result = z.object({ limit: z.number().int().min(0).optional(), offset: z.number().int().min(0).optional() }).safeParse(parsed);
  if (!result.success) throw new InputError('Malformed after parameter, limit and offset must be non-negative integers');
  return result.data;
}

export function stringifyAfter(page: { limit: number; offset: number }): string {
  return Buffer.from(JSON.stringify(page), 'utf8').toString('base64');
}

/** A canonical ref from a path's kind/namespace/name (refs are stored lowercased). */
export function refOf(p: { kind: string; namespace: string; name: string }): string {
  return `${p.kind}:${p.namespace}/${p.name}`.toLowerCase();
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

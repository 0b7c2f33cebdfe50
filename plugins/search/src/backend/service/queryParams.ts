import { z } from 'zod';
import { InputError } from '@atrium/backend';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '@atrium/plugin-search/common';
import { FILTER_KEY } from '../engine/filterSql.js';

/** The raw query string as Fastify parses it: bracket keys stay flat (`types[0]`, `filters[kind]`). */
export const rawQuerySchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type RawQuery = z.infer<typeof rawQuerySchema>;

export interface ParsedSearchParams {
  term: string;
  types: string[];
  filters: Record<string, string[]>;
  pageCursor?: string;
  pageLimit: number;
}

const MAX_FILTER_VALUES = 50;
const MAX_VALUE_LENGTH = 512;

/**
 * Reads Backstage's search query (`qs` bracket encoding, as `@backstage/plugin-search-react` sends it):
 * `types[0]=a&types[1]=b` or `types[]=a` or repeated `types=a`; `filters[kind]=Component`,
 * `filters[tags][0]=java`. Every problem is a 400 naming the parameter.
 */
export function parseSearchParams(raw: RawQuery, options: { maxTermLength: number; knownTypes: ReadonlySet<string> }): ParsedSearchParams {
  const types: string[] = [];
  const filters: Record<string, string[]> = {};
  let term = '';
  let pageCursor: string | undefined;
  let pageLimit = DEFAULT_PAGE_LIMIT;
  for (const [key, value] of Object.entries(raw)) {
    const values = Array.isArray(value) ? value : [value];
    const bracket = /^(\w+)((?:\[[^\]]*\])*)$/.exec(key);
    const base = bracket?.[1];
    const path = [...(bracket?.[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
    if (base === 'term' && path.length === 0) term = values.join(' ');
    else if (base === 'pageCursor' && path.length === 0) pageCursor = values[values.length - 1] || undefined;
    else if (base === 'pageLimit' && path.length === 0) pageLimit = parsePageLimit(values[values.length - 1]!);
    else if (base === 'types' && path.length <= 1 && (path.length === 0 || /^\d*$/.test(path[0]!))) types.push(...values.filter(Boolean));
    else if (base === 'filters' && path.length >= 1 && path.length <= 2 && (path.length === 1 || /^\d*$/.test(path[1]!))) {
      const field = path[0]!;
      if (!FILTER_KEY.test(field)) throw new InputError(`filters[${field}]: a filter field is a name of letters, digits, ".", "_" or "-" (at most 64 characters)`);
      (filters[field] ??= []).push(...values.filter((v) => v !== ''));
    } else throw new InputError(`Unknown query parameter "${key}": use term, types[], filters[<field>], pageCursor or pageLimit`);
  }
  if (term.length > options.maxTermLength) {
    throw new InputError(`term is ${term.length} characters long; at most ${options.maxTermLength} are allowed (search.maxTermLength)`);
  }
  for (const t of types) {
    if (!options.knownTypes.has(t)) throw new InputError(`types: unknown document type "${truncate(t)}"; known types are ${[...options.knownTypes].join(', ') || 'none'}`);
  }
  for (const [field, values] of Object.entries(filters)) {
    // PostgreSQL text cannot hold NUL: say so instead of letting the database fail.
    if (values.some((v) => v.includes('\u0000'))) throw new InputError(`filters[${field}]: a value contains a NUL character`);
    if (values.length > MAX_FILTER_VALUES) throw new InputError(`filters[${field}]: at most ${MAX_FILTER_VALUES} values`);
    const long = values.find((v) => v.length > MAX_VALUE_LENGTH);
    if (long) throw new InputError(`filters[${field}]: a value is longer than ${MAX_VALUE_LENGTH} characters`);
    if (!values.length) delete filters[field];
  }
  return { term, types: [...new Set(types)], filters, pageCursor, pageLimit };
}

function parsePageLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PAGE_LIMIT) throw new InputError(`pageLimit must be a whole number from 1 to ${MAX_PAGE_LIMIT}, not "${truncate(value)}"`);
  return n;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

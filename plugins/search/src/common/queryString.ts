import type { SearchQuery } from './index.js';

/**
 * Encodes a query the way Backstage's search client does (`qs` brackets: `types[0]=…`,
 * `filters[kind]=…`, `filters[tags][0]=…`), so either client can talk to either backend.
 */
export function toSearchParams(query: Partial<SearchQuery>): string {
  const pairs: Array<[string, string]> = [];
  if (query.term !== undefined) pairs.push(['term', query.term]);
  (query.types ?? []).forEach((t, i) => pairs.push([`types[${i}]`, t]));
  for (const [key, value] of Object.entries(query.filters ?? {})) {
    if (Array.isArray(value)) value.forEach((v, i) => pairs.push([`filters[${key}][${i}]`, v]));
    else pairs.push([`filters[${key}]`, value]);
  }
  if (query.pageCursor) pairs.push(['pageCursor', query.pageCursor]);
  if (query.pageLimit !== undefined) pairs.push(['pageLimit', String(query.pageLimit)]);
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

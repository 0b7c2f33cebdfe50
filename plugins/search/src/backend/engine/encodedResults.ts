import type { SearchDocument, SearchHighlight, SearchResultSet } from '@atrium/plugin-search/common';

/** A result with its document as the JSON text PostgreSQL stores (never parsed on the way out). */
export interface EncodedResult {
  type: string;
  /** The document's JSON text. */
  document: string;
  highlight?: SearchHighlight;
  rank: number;
}

/** A page of results as the engine computes and caches it: Backstage's `SearchResultSet`, documents still as text. */
export interface EncodedResultSet {
  results: EncodedResult[];
  nextPageCursor?: string;
  previousPageCursor?: string;
  numberOfResults: number;
}

/** The page with its documents parsed, for callers that read them. */
export function decodeResultSet(page: EncodedResultSet): SearchResultSet {
  return { ...page, results: page.results.map((r) => ({ ...r, document: JSON.parse(r.document) as SearchDocument })) };
}

/**
 * The page as the response body, `SearchResultSet` JSON, each document's stored text spliced in as it
 * is: parsing 25 documents (up to 1,000 characters of text each) only to serialise them again, and
 * checking the result against the response schema on the way, cost about a tenth of a query's CPU in
 * the portal. Keys in the order the schema lists them.
 */
export function encodeResultSet(page: EncodedResultSet): string {
  let out = '{"results":[';
  page.results.forEach((r, i) => {
    if (i > 0) out += ',';
    out += `{"type":${JSON.stringify(r.type)},"document":${r.document}`;
    if (r.highlight) out += `,"highlight":${JSON.stringify(r.highlight)}`;
    out += `,"rank":${JSON.stringify(r.rank)}}`;
  });
  out += ']';
  if (page.nextPageCursor !== undefined) out += `,"nextPageCursor":${JSON.stringify(page.nextPageCursor)}`;
  if (page.previousPageCursor !== undefined) out += `,"previousPageCursor":${JSON.stringify(page.previousPageCursor)}`;
  return `${out},"numberOfResults":${JSON.stringify(page.numberOfResults)}}`;
}

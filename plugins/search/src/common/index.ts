/** The search plugin's API contract, shared by its backend and frontend. */
export const SEARCH_PLUGIN_ID = 'search';

export const searchRoutes = {
  query: '/query',
  facets: '/facets',
  types: '/types',
} as const;

/** The document types of the built-in collators. */
export const CATALOG_DOCUMENT_TYPE = 'software-catalog';
export const TECHDOCS_DOCUMENT_TYPE = 'techdocs';

/** The facets every document type may fill; the search page filters by them. */
export const FACET_FIELDS = ['kind', 'type', 'owner', 'lifecycle', 'tags'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** Longest accepted `term` (Backstage's `search.maxTermLength` default). */
export const DEFAULT_MAX_TERM_LENGTH = 100;
export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 100;
/**
 * `numberOfResults` stops here: a query with this many matches or more says this many ("200+").
 * Counting further means reading every match up to the count, most of a broad query's cost.
 */
export const RESULT_COUNT_CAP = 200;

export type JsonLike = string | number | boolean | null | JsonLike[] | { [key: string]: JsonLike };

/**
 * A document as collators produce it and the API returns it (Backstage's `IndexableDocument` plus the
 * fields of its type). `location` is where the result links to and identifies the document in its type.
 */
export interface SearchDocument {
  title: string;
  text: string;
  location: string;
  kind?: string;
  type?: string;
  owner?: string;
  lifecycle?: string;
  namespace?: string;
  tags?: string[];
  [field: string]: JsonLike | undefined;
}

export interface SearchHighlight {
  preTag: string;
  postTag: string;
  fields: Record<string, string>;
}

export interface SearchResult {
  type: string;
  document: SearchDocument;
  highlight?: SearchHighlight;
  rank: number;
}

/** `GET /query`: Backstage's `SearchResultSet`. */
export interface SearchResultSet {
  results: SearchResult[];
  nextPageCursor?: string;
  previousPageCursor?: string;
  numberOfResults: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** `GET /facets`: counts per type, and per facet value (each facet counted without its own filter). */
export interface SearchFacetsResponse {
  types: Record<string, number>;
  facets: Record<FacetField, FacetCount[]>;
}

/** `GET /types`: the document types the index knows, with how many documents each has. */
export interface SearchTypesResponse {
  types: Array<{ type: string; documents: number; lastIndexedAt: string | null }>;
}

/** The query a search page or client sends: Backstage's `SearchQuery`. */
export interface SearchQuery {
  term: string;
  types?: string[];
  filters?: Record<string, string | string[]>;
  pageCursor?: string;
  pageLimit?: number;
}

export { splitHighlight, type HighlightPart } from './highlight.js';
export { toSearchParams } from './queryString.js';

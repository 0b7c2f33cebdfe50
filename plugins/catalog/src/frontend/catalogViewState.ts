import type { QueryParams } from '@atrium/frontend';

/** Page sizes the catalog table offers. */
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_KIND = 'component';

export type SortDirection = 'asc' | 'desc';

/** Everything that decides what the catalog page shows; it lives in the URL query. */
export interface CatalogViewState {
  kind: string;
  types: string[];
  owners: string[];
  lifecycles: string[];
  tags: string[];
  namespace?: string;
  text: string;
  /** A column id from `catalogColumns`, sorted by its catalog field. */
  sort: string;
  direction: SortDirection;
  limit: number;
  /** Opaque `pageInfo` cursor of the shown page; absent on the first page. */
  cursor?: string;
  /** 1-based page number, only for the "21–40 of 90" summary (cursors carry no offset). */
  page: number;
}

const positiveInt = (value: string | null, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const clean = (values: string[]) => [...new Set(values.map(v => v.trim()).filter(Boolean))];

/** Reads the view from the URL query; unknown or malformed values fall back to defaults. */
export function parseViewState(params: URLSearchParams): CatalogViewState {
  const limit = positiveInt(params.get('limit'), PAGE_SIZES[0]);
  const cursor = params.get('cursor') || undefined;
  return {
    kind: (params.get('kind') || DEFAULT_KIND).toLocaleLowerCase('en-US'),
    types: clean(params.getAll('type')),
    owners: clean(params.getAll('owner')),
    lifecycles: clean(params.getAll('lifecycle')),
    tags: clean(params.getAll('tag')),
    namespace: params.get('namespace') || undefined,
    text: params.get('q') ?? '',
    sort: params.get('sort') || 'name',
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : PAGE_SIZES[0],
    cursor,
    page: cursor ? positiveInt(params.get('page'), 1) : 1,
  };
}

/** The URL query for a view; defaults are left out so shared links stay short. */
export function serializeViewState(state: CatalogViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.kind !== DEFAULT_KIND) params.set('kind', state.kind);
  for (const v of state.types) params.append('type', v);
  for (const v of state.owners) params.append('owner', v);
  for (const v of state.lifecycles) params.append('lifecycle', v);
  for (const v of state.tags) params.append('tag', v);
  if (state.namespace) params.set('namespace', state.namespace);
  if (state.text.trim()) params.set('q', state.text);
  if (state.sort !== 'name') params.set('sort', state.sort);
  if (state.direction !== 'asc') params.set('dir', state.direction);
  if (state.limit !== PAGE_SIZES[0]) params.set('limit', String(state.limit));
  if (state.cursor) {
    params.set('cursor', state.cursor);
    params.set('page', String(state.page));
  }
  return params;
}

/** Whether any filter narrows the kind's entities (the kind itself does not count). */
export function hasFilters(state: CatalogViewState): boolean {
  return Boolean(state.types.length || state.owners.length || state.lifecycles.length || state.tags.length || state.namespace || state.text.trim());
}

// Commas separate conditions in the filter syntax, so a value holding one cannot be expressed.
const safe = (values: string[]) => values.filter(v => !v.includes(','));

/**
 * The `filter` parameter: conditions are AND-ed, and a key repeated with several values matches any
 * of them, so "type A or B, owned by C" is `kind=component,spec.type=a,spec.type=b,relations.ownedby=c`.
 */
export function entityFilterParam(state: Pick<CatalogViewState, 'kind' | 'types' | 'owners' | 'lifecycles' | 'tags' | 'namespace'>): string {
  const conditions = [`kind=${state.kind}`];
  for (const v of safe(state.types)) conditions.push(`spec.type=${v}`);
  for (const v of safe(state.owners)) conditions.push(`relations.ownedby=${v}`);
  for (const v of safe(state.lifecycles)) conditions.push(`spec.lifecycle=${v}`);
  for (const v of safe(state.tags)) conditions.push(`metadata.tags=${v}`);
  if (state.namespace) conditions.push(`metadata.namespace=${state.namespace}`);
  return conditions.join(',');
}

/** Fields the table needs; leaving out annotations and API definitions keeps pages small. */
export const LIST_FIELDS = [
  'kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags',
  'spec.type', 'spec.lifecycle', 'spec.owner', 'spec.system', 'spec.domain', 'spec.parent', 'spec.profile', 'relations',
].join(',');

/** Query parameters of `GET /entities/by-query` for a view and the catalog field its sort column uses. */
export function byQueryParams(state: CatalogViewState, orderField: string | undefined): QueryParams {
  // A cursor carries its own filter, order and text; the backend ignores them when one is given.
  if (state.cursor) return { cursor: state.cursor, limit: state.limit, fields: LIST_FIELDS };
  const text = state.text.trim();
  return {
    filter: entityFilterParam(state),
    orderField: orderField ? `${orderField},${state.direction}` : undefined,
    fullTextFilterTerm: text || undefined,
    fullTextFilterFields: text ? 'metadata.name,metadata.title' : undefined,
    limit: state.limit,
    fields: LIST_FIELDS,
  };
}

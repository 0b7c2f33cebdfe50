import type { QueryParams } from '@atrium/frontend';

/** Page sizes the catalog table offers. */
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_KIND = 'component';

export type SortDirection = 'asc' | 'desc';
/** Quick filters: everything, what the user and their teams own, or what they starred. */
export type CatalogScope = 'all' | 'owned' | 'starred';

/** Everything that decides what the catalog page shows; it lives in the URL query. */
export interface CatalogViewState {
  kind: string;
  scope: CatalogScope;
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
    scope: params.get('only') === 'owned' || params.get('only') === 'starred' ? (params.get('only') as CatalogScope) : 'all',
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
  if (state.scope !== 'all') params.set('only', state.scope);
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
  return Boolean(state.scope !== 'all' || state.types.length || state.owners.length || state.lifecycles.length || state.tags.length || state.namespace || state.text.trim());
}

// Commas separate conditions in the filter syntax, so a value holding one cannot be expressed.
const safe = (values: string[]) => values.filter(v => !v.includes(','));

type FilterState = Pick<CatalogViewState, 'kind' | 'types' | 'owners' | 'lifecycles' | 'tags' | 'namespace'>;

/** What the quick filters resolve to: the user's ownership refs (self and teams) and starred refs. */
export interface ScopeRefs {
  ownedBy?: readonly string[];
  starred?: readonly string[];
}

/**
 * The `filter` parameter: conditions are AND-ed, and a key repeated with several values matches any
 * of them, so "type A or B, owned by C" is `kind=component,spec.type=a,spec.type=b,relations.ownedby=c`.
 * "Owned by me" replaces the owner choice with the user's ownership refs.
 */
export function entityFilterParam(state: FilterState, ownedBy?: readonly string[]): string {
  const conditions = [`kind=${state.kind}`];
  for (const v of safe(state.types)) conditions.push(`spec.type=${v}`);
  for (const v of safe(ownedBy ? [...ownedBy] : state.owners)) conditions.push(`relations.ownedby=${v}`);
  for (const v of safe(state.lifecycles)) conditions.push(`spec.lifecycle=${v}`);
  for (const v of safe(state.tags)) conditions.push(`metadata.tags=${v}`);
  if (state.namespace) conditions.push(`metadata.namespace=${state.namespace}`);
  return conditions.join(',');
}

/**
 * Every `filter` parameter of a view; several are alternatives (OR). Starred entities become one
 * alternative each (the other filters repeated in every one), since a filter cannot pair a namespace
 * with a name. An empty list means nothing can match (e.g. no starred entity of this kind).
 */
export function entityFilterParams(state: CatalogViewState, scope: ScopeRefs): string[] {
  if (state.scope === 'owned') return scope.ownedBy?.length ? [entityFilterParam(state, scope.ownedBy)] : [];
  const base = entityFilterParam(state);
  if (state.scope !== 'starred') return [base];
  const mine = (scope.starred ?? []).map(r => /^([^:]+):([^/]+)\/(.+)$/.exec(r)).filter(m => m && m[1] === state.kind);
  return mine.filter(m => !m![2]!.includes(',') && !m![3]!.includes(','))
    .map(m => `${base},metadata.namespace=${m![2]},metadata.name=${m![3]}`);
}

/** Fields the table needs; leaving out annotations and API definitions keeps pages small. */
export const LIST_FIELDS = [
  'kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags',
  'spec.type', 'spec.lifecycle', 'spec.owner', 'spec.system', 'spec.domain', 'spec.parent', 'spec.profile', 'relations',
].join(',');

/**
 * The path and query of `GET /entities/by-query` for a view and the catalog field its sort column uses,
 * or undefined when the quick filter leaves nothing to ask for. Repeated `filter`s go in the path
 * because the API client takes one value per parameter.
 */
export function byQueryRequest(state: CatalogViewState, orderField: string | undefined, scope: ScopeRefs): { path: string; query: QueryParams } | undefined {
  // A cursor carries its own filter, order and text; the backend ignores them when one is given.
  if (state.cursor) return { path: '', query: { cursor: state.cursor, limit: state.limit, fields: LIST_FIELDS } };
  const filters = entityFilterParams(state, scope);
  if (filters.length === 0) return undefined;
  const text = state.text.trim();
  return {
    path: `?${filters.map(f => `filter=${encodeURIComponent(f)}`).join('&')}`,
    query: {
      orderField: orderField ? `${orderField},${state.direction}` : undefined,
      fullTextFilterTerm: text || undefined,
      fullTextFilterFields: text ? 'metadata.name,metadata.title' : undefined,
      limit: state.limit,
      fields: LIST_FIELDS,
    },
  };
}

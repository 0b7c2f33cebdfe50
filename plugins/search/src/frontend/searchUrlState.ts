import { FACET_FIELDS, type FacetField, type SearchQuery } from '@atrium/plugin-search/common';

/** The search page's state, all of it in the URL so a search can be shared: `/search?query=…&types=…&owner=…`. */
export interface SearchViewState {
  query: string;
  /** One type, or every type when undefined. */
  type?: string;
  filters: Partial<Record<FacetField, string[]>>;
  cursor?: string;
}

export function readSearchState(params: URLSearchParams): SearchViewState {
  const filters: SearchViewState['filters'] = {};
  for (const f of FACET_FIELDS) {
    const values = params.getAll(f).filter(Boolean);
    if (values.length) filters[f] = values;
  }
  return {
    query: params.get('query') ?? '',
    type: params.get('types') || undefined,
    filters,
    cursor: params.get('cursor') || undefined,
  };
}

export function writeSearchState(state: SearchViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('query', state.query);
  if (state.type) params.set('types', state.type);
  for (const f of FACET_FIELDS) for (const v of state.filters[f] ?? []) params.append(f, v);
  if (state.cursor) params.set('cursor', state.cursor);
  return params;
}

/** The API query for a view state. */
export function toApiQuery(state: SearchViewState, pageLimit = 20): Partial<SearchQuery> {
  const filters: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(state.filters)) if (v?.length) filters[k] = v;
  return {
    term: state.query,
    ...(state.type && { types: [state.type] }),
    filters,
    ...(state.cursor && { pageCursor: state.cursor }),
    pageLimit,
  };
}

export function toggleFilter(state: SearchViewState, field: FacetField, value: string): SearchViewState {
  const current = state.filters[field] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  // A new filter starts from the first page.
  return { ...state, filters: { ...state.filters, [field]: next }, cursor: undefined };
}

export function activeFilterCount(state: SearchViewState): number {
  return Object.values(state.filters).reduce((n, v) => n + (v?.length ?? 0), 0);
}

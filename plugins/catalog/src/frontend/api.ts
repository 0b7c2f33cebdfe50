import { createApiClient, useApiQuery } from '@atrium/frontend';
import { keepPreviousData } from '@tanstack/react-query';
import { CATALOG_PLUGIN_ID, catalogRoutes } from '@atrium/plugin-catalog/common';
import type { EntitiesByRefsResponse, EntityFacetsResponse, QueryEntitiesResponse } from '@atrium/plugin-catalog/common';
import type { Entity } from '@atrium/model';
import { byQueryRequest, type CatalogViewState, type ScopeRefs } from './catalogViewState';

const client = createApiClient(CATALOG_PLUGIN_ID);

/** Facets the catalog page filters by, beside `kind`. */
export const FILTER_FACETS = ['spec.type', 'relations.ownedby', 'spec.lifecycle', 'metadata.tags', 'metadata.namespace'] as const;

const NOTHING: QueryEntitiesResponse = { items: [], totalItems: 0, pageInfo: {} };

type PageRequest = NonNullable<ReturnType<typeof byQueryRequest>>;
const fetchPage = (request: PageRequest, signal?: AbortSignal) =>
  client.get<QueryEntitiesResponse>(`${catalogRoutes.entitiesByQuery}${request.path}`, { query: request.query, signal });

// The first page, requested while the catalog page's code is still rendering (see startFirstPage).
let early: { key: string; promise: Promise<QueryEntitiesResponse> } | undefined;

/**
 * Starts the request for the table's first page as soon as the page's code loads, before React has
 * rendered and run effects (a few hundred ms on a slow machine); the table's query then takes it over.
 */
export function startFirstPage(state: CatalogViewState, orderField: string | undefined): void {
  const request = byQueryRequest(state, orderField, {});
  if (!request || state.scope !== 'all') return;
  const promise = fetchPage(request);
  promise.catch(() => { /* the table's own query retries and shows the error */ });
  early = { key: JSON.stringify(request), promise };
  // Not taken over (the user navigated away first): let it go.
  setTimeout(() => { if (early?.promise === promise) early = undefined; }, 10_000);
}

/**
 * Facets wait for the first page: on the embedded database every query runs in one session, so the
 * table (what the user looks at first) goes ahead of the counts in the filter menus.
 */
const afterFirstPage = async () => { await early?.promise.catch(() => undefined); };

/**
 * One page of the catalog table. The previous page stays on screen while the next one loads. A quick
 * filter that cannot match anything (no stars of this kind) answers empty without a request.
 */
export function useCatalogPage(state: CatalogViewState, orderField: string | undefined, scope: ScopeRefs, enabled = true) {
  const request = byQueryRequest(state, orderField, scope);
  return useApiQuery([CATALOG_PLUGIN_ID, 'by-query', request ?? 'nothing'], signal => {
    if (!request) return Promise.resolve(NOTHING);
    if (early?.key === JSON.stringify(request)) {
      const { promise } = early;
      early = undefined;
      return promise;
    }
    return fetchPage(request, signal);
  }, { placeholderData: keepPreviousData, enabled });
}

/** Counts per kind, for the kind selector. */
export function useKindFacet() {
  return useApiQuery([CATALOG_PLUGIN_ID, 'facets', 'kind'], async signal =>
    afterFirstPage().then(() => client.get<EntityFacetsResponse>(catalogRoutes.entityFacets, { query: { facet: 'kind' }, signal })).then(r => r.facets.kind ?? []));
}

/** Filter options with counts among the entities of one kind. */
export function useFilterFacets(kind: string) {
  return useApiQuery([CATALOG_PLUGIN_ID, 'facets', 'filters', kind], async signal => {
    await afterFirstPage();
    // The client takes one value per parameter, so the repeated `facet` goes into the path.
    const facets = FILTER_FACETS.map(f => `facet=${encodeURIComponent(f)}`).join('&');
    const r = await client.get<EntityFacetsResponse>(`${catalogRoutes.entityFacets}?${facets}`, { query: { filter: `kind=${kind}` }, signal });
    return r.facets;
  }, { placeholderData: keepPreviousData });
}

/** Every entity an entity has a relation to, in one request that all its relation cards share. */
export function useRelatedEntities(entity: Entity) {
  const refs = [...new Set((entity.relations ?? []).map(r => r.targetRef.toLocaleLowerCase('en-US')))].sort();
  const query = useEntitiesByRefs(refs);
  const byRef = new Map<string, Entity | null>();
  refs.forEach((r, i) => byRef.set(r, query.data?.[i] ?? null));
  return { ...query, byRef: query.data ? byRef : undefined };
}

/** Fields relation cards show for each related entity. */
export const CARD_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'spec.type', 'spec.profile'];

/** The entities behind a list of refs, in one request, aligned with `refs` (null where a ref does not resolve). */
export function useEntitiesByRefs(refs: readonly string[], fields: readonly string[] = CARD_FIELDS) {
  return useApiQuery([CATALOG_PLUGIN_ID, 'by-refs', refs, fields], async (signal): Promise<Array<Entity | null>> => {
    if (refs.length === 0) return [];
    const r = await client.post<EntitiesByRefsResponse>(catalogRoutes.entitiesByRefs, { entityRefs: refs, fields }, { signal });
    return r.items;
  });
}

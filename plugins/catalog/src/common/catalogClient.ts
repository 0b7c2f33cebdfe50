import { parseEntityRef, type Entity } from '@atrium/model';
import {
  catalogRoutes, type AddLocationResponse, type CatalogLocation, type EntitiesByRefsResponse, type EntityFacetsResponse,
  type QueryEntitiesResponse,
} from './index.js';

/**
 * A typed client of the catalog's REST API for other plugins' backends (and tools). It speaks plain
 * `fetch`, so it runs in Node and in the browser; the caller supplies where the catalog is and a
 * token (a backend plugin: `discovery.getBaseUrl('catalog')` and `auth.getOwnServiceCredentials()`).
 */
/** The part of `fetch` the client uses; `common` sees neither DOM nor Node types, so it is spelled out. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignalLike }) =>
  Promise<{ status: number; ok: boolean; text(): Promise<string> }>;
/** An `AbortSignal`, in Node or the browser. */
export interface AbortSignalLike { readonly aborted: boolean }

export interface CatalogClientOptions {
  /** The catalog's base URL, e.g. `http://127.0.0.1:7007/api/catalog`, or a function that finds it. */
  baseUrl: string | (() => Promise<string>);
  /** A bearer token for each request (called per request, so it may renew). */
  token?: () => Promise<string | undefined>;
  fetch?: FetchLike;
}

/** A filter as in `GET /entities?filter=`: keys AND together; an array of objects ORs them. */
export type CatalogFilter = Record<string, string | string[] | true> | Array<Record<string, string | string[] | true>>;

export interface GetEntitiesOptions {
  filter?: CatalogFilter;
  fields?: string[];
  limit?: number;
  offset?: number;
  order?: { field: string; order: 'asc' | 'desc' };
  signal?: AbortSignalLike;
}

export interface QueryEntitiesOptions {
  filter?: CatalogFilter;
  fields?: string[];
  limit?: number;
  cursor?: string;
  fullTextFilter?: { term: string; fields?: string[] };
  orderFields?: Array<{ field: string; order: 'asc' | 'desc' }>;
  signal?: AbortSignalLike;
}

/** The error the catalog answered with (Backstage's error body), with its status. */
export class CatalogClientError extends Error {
  override readonly name = 'CatalogClientError';
  constructor(message: string, readonly status: number, readonly errorName: string) {
    super(message);
  }
}

/** Query parameters in order, repeated keys allowed (`URLSearchParams` is neither DOM- nor Node-free here). */
class Params {
  private readonly pairs: Array<[string, string]> = [];
  append(key: string, value: string) { this.pairs.push([key, value]); }
  set(key: string, value: string) { this.append(key, value); }
  toString() { return this.pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'); }
}

function filterParams(filter: CatalogFilter | undefined, params: Params) {
  for (const part of filter === undefined ? [] : Array.isArray(filter) ? filter : [filter]) {
    const terms: string[] = [];
    for (const [key, value] of Object.entries(part)) {
      for (const v of value === true ? [undefined] : Array.isArray(value) ? value : [value]) terms.push(v === undefined ? key : `${key}=${v}`);
    }
    params.append('filter', terms.join(','));
  }
}

export class CatalogClient {
  private readonly fetchImpl: FetchLike;
  constructor(private readonly options: CatalogClientOptions) {
    const globalFetch = (globalThis as { fetch?: FetchLike }).fetch;
    if (!options.fetch && !globalFetch) throw new TypeError('CatalogClient needs a fetch implementation');
    this.fetchImpl = options.fetch ?? globalFetch!.bind(globalThis);
  }

  /** `GET /entities/by-name/:kind/:namespace/:name`; undefined when there is none. */
  async getEntityByRef(ref: string | { kind: string; namespace?: string; name: string }, signal?: AbortSignalLike): Promise<Entity | undefined> {
    const { kind, namespace, name } = typeof ref === 'string' ? parseEntityRef(ref) : { namespace: 'default', ...ref };
    const path = `/entities/by-name/${enc(kind)}/${enc(namespace)}/${enc(name)}`;
    return this.request<Entity>('GET', path, undefined, signal, true);
  }

  /** `GET /entities` (offset paging). */
  async getEntities(options: GetEntitiesOptions = {}): Promise<{ items: Entity[] }> {
    const params = new Params();
    filterParams(options.filter, params);
    if (options.fields?.length) params.set('fields', options.fields.join(','));
    if (options.limit !== undefined) params.set('limit', String(options.limit));
    if (options.offset !== undefined) params.set('offset', String(options.offset));
    if (options.order) params.append('order', `${options.order.order}:${options.order.field}`);
    const items = await this.request<Entity[]>('GET', `${catalogRoutes.entities}?${params}`, undefined, options.signal);
    return { items: items ?? [] };
  }

  /** `GET /entities/by-query` (cursor paging). Pass `cursor` alone to continue a query. */
  async queryEntities(options: QueryEntitiesOptions = {}): Promise<QueryEntitiesResponse> {
    const params = new Params();
    if (options.cursor) params.set('cursor', options.cursor);
    else {
      filterParams(options.filter, params);
      if (options.fullTextFilter?.term) params.set('fullTextFilterTerm', options.fullTextFilter.term);
      if (options.fullTextFilter?.fields?.length) params.set('fullTextFilterFields', options.fullTextFilter.fields.join(','));
      for (const o of options.orderFields ?? []) params.append('orderField', `${o.field},${o.order}`);
    }
    if (options.fields?.length) params.set('fields', options.fields.join(','));
    if (options.limit !== undefined) params.set('limit', String(options.limit));
    return (await this.request<QueryEntitiesResponse>('GET', `${catalogRoutes.entitiesByQuery}?${params}`, undefined, options.signal))!;
  }

  /** Every entity matching a filter, page by page (cursor paging, so it stays consistent and cheap). */
  async *streamEntities(options: Omit<QueryEntitiesOptions, 'cursor'> & { pageSize?: number } = {}): AsyncGenerator<Entity[]> {
    let page = await this.queryEntities({ ...options, limit: options.pageSize ?? 500 });
    for (;;) {
      if (page.items.length) yield page.items;
      const cursor = page.pageInfo.nextCursor;
      if (!cursor) return;
      page = await this.queryEntities({ cursor, fields: options.fields, limit: options.pageSize ?? 500, signal: options.signal });
    }
  }

  /** `POST /entities/by-refs`: aligned with `refs`, null where absent. */
  async getEntitiesByRefs(refs: string[], fields?: string[], signal?: AbortSignalLike): Promise<Array<Entity | null>> {
    if (refs.length === 0) return [];
    const r = await this.request<EntitiesByRefsResponse>('POST', catalogRoutes.entitiesByRefs, { entityRefs: refs, ...(fields ? { fields } : {}) }, signal);
    return r!.items;
  }

  /** `GET /entity-facets`. */
  async getEntityFacets(facets: string[], filter?: CatalogFilter, signal?: AbortSignalLike): Promise<EntityFacetsResponse> {
    const params = new Params();
    for (const f of facets) params.append('facet', f);
    filterParams(filter, params);
    return (await this.request<EntityFacetsResponse>('GET', `${catalogRoutes.entityFacets}?${params}`, undefined, signal))!;
  }

  /** `POST /locations` (`dryRun` previews without registering). */
  async addLocation(location: { type?: string; target: string; dryRun?: boolean }, signal?: AbortSignalLike): Promise<AddLocationResponse> {
    const query = location.dryRun ? '?dryRun=true' : '';
    return (await this.request<AddLocationResponse>('POST', `${catalogRoutes.locations}${query}`, { type: location.type ?? 'url', target: location.target }, signal))!;
  }

  /** `GET /locations/by-entity/...`; undefined when the entity has no registered location. */
  async getLocationByEntity(ref: string, signal?: AbortSignalLike): Promise<CatalogLocation | undefined> {
    const { kind, namespace, name } = parseEntityRef(ref);
    return this.request<CatalogLocation>('GET', `/locations/by-entity/${enc(kind)}/${enc(namespace)}/${enc(name)}`, undefined, signal, true);
  }

  /** `POST /refresh`: re-read the entity's source now. */
  async refreshEntity(entityRef: string, signal?: AbortSignalLike): Promise<void> {
    await this.request('POST', catalogRoutes.refresh, { entityRef }, signal);
  }

  private async request<T>(method: string, path: string, body: unknown, signal: AbortSignalLike | undefined, notFoundIsUndefined = false): Promise<T | undefined> {
    const base = typeof this.options.baseUrl === 'string' ? this.options.baseUrl : await this.options.baseUrl();
    const token = await this.options.token?.();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fetchImpl(`${base.replace(/\/$/, '')}${path}`, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
    if (notFoundIsUndefined && res.status === 404) return undefined;
    const text = await res.text();
    if (!res.ok) {
      let name = 'HttpError';
      let message = `${method} ${path} failed with status ${res.status}`;
      try {
        const parsed = JSON.parse(text) as { error?: { name?: string; message?: string } };
        if (parsed.error?.message) ({ message } = parsed.error as { message: string });
        if (parsed.error?.name) name = parsed.error.name;
      } catch { /* not an error body */ }
      throw new CatalogClientError(message, res.status, name);
    }
    return text ? (JSON.parse(text) as T) : undefined;
  }
}

const enc = encodeURIComponent;


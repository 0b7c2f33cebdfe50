/** The catalog's API contract, shared by its backend and frontend. Filled in as the API lands. */
import type { Entity } from '@atrium/model';

export const CATALOG_PLUGIN_ID = 'catalog';

/** Paths under `/api/catalog` (Backstage's, plus `entityErrors`). */
export const catalogRoutes = {
  entities: '/entities',
  entitiesByQuery: '/entities/by-query',
  entitiesByRefs: '/entities/by-refs',
  entityByUid: '/entities/by-uid/:uid',
  entityByName: '/entities/by-name/:kind/:namespace/:name',
  entityAncestry: '/entities/by-name/:kind/:namespace/:name/ancestry',
  entitiesRefreshState: '/entities/refresh-state',
  entityErrors: '/entities/errors',
  entityFacets: '/entity-facets',
  refresh: '/refresh',
  validateEntity: '/validate-entity',
  analyzeLocation: '/analyze-location',
  locations: '/locations',
  locationsByQuery: '/locations/by-query',
  location: '/locations/:id',
  locationByEntity: '/locations/by-entity/:kind/:namespace/:name',
  importPreview: '/import-preview',
  events: '/events',
} as const;

/** `GET /entities/by-query`. Cursors are opaque; pass them back as `cursor`. */
export interface QueryEntitiesResponse {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

/** `POST /entities/by-refs`: one item per requested ref, in request order, null when absent. */
export interface EntitiesByRefsResponse {
  items: Array<Entity | null>;
}

/** One item of `POST /entities/refresh-state` (Atrium's own): ISO times; `processedAt` is null until first processed. */
export interface EntityRefreshState {
  entityRef: string;
  /** When its source was last read and processed (successfully or not: errors are in `status.items`). */
  processedAt: string | null;
  /** When it is due to be read again. */
  nextRefreshAt: string;
  /** When what its source says last changed. */
  changedAt: string;
}

/** `POST /entities/refresh-state` with `{ entityRefs }`: aligned with the request, null where absent. */
export interface EntitiesRefreshStateResponse {
  items: Array<EntityRefreshState | null>;
}

export interface EntityAncestryResponse {
  rootEntityRef: string;
  items: Array<{ entity: Entity; parentEntityRefs: string[] }>;
}

export interface EntityFacetsResponse {
  facets: Record<string, Array<{ value: string; count: number }>>;
}

export interface CatalogLocation {
  id: string;
  type: string;
  target: string;
}

/** `POST /locations` (201). `exists` only on dry runs. */
export interface AddLocationResponse {
  location: CatalogLocation;
  entities: Entity[];
  exists?: boolean;
}

/** A processing or reading problem, as stored with the entity and shown in `status.items`. */
export interface CatalogErrorItem {
  name: string;
  message: string;
  field?: string;
  url?: string;
  line?: number;
  column?: number;
}

/** `GET /entities/errors`: entities (and registered locations) whose processing failed, by ref. */
export interface EntityErrorsResponse {
  items: Array<{
    entityRef: string;
    /** False while the entity has never been valid, so the rest of the API does not show it. */
    visible: boolean;
    parentEntityRef?: string;
    locationKey?: string;
    /** The registered location, when the failing entity is one's Location entity. */
    location?: CatalogLocation;
    errors: CatalogErrorItem[];
  }>;
  /** Pass as `offset` for the next page. */
  nextOffset?: number;
}

export interface AnalyzeLocationResponse {
  existingEntityFiles: Array<{ entity: Entity; isRegistered: boolean; location: { type: string; target: string } }>;
  generateEntities: Array<{
    entity: Partial<Entity>;
    fields: Array<{ field: string; state: 'analysisSuggestedValue' | 'analysisSuggestedNoValue' | 'needsUserInput'; value: string | null; description: string }>;
  }>;
}
/** `POST /import-preview` (Atrium only): what registering a URL would import, and the problems found. */
export interface ImportPreviewResponse {
  /** The descriptor URL that would be registered (a repository URL is resolved to its catalog-info.yaml). */
  location: { type: string; target: string };
  /** Set when that location is registered already. */
  existingLocation?: CatalogLocation;
  entities: Array<{ entity: Entity; isRegistered: boolean }>;
  /** One line per problem: `file:line: field: message`. */
  errors: string[];
}

export { CatalogClient, CatalogClientError, type CatalogClientOptions, type CatalogFilter, type FetchLike, type AbortSignalLike, type GetEntitiesOptions, type QueryEntitiesOptions } from './catalogClient.js';

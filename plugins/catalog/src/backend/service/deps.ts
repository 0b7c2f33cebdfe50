import type { HttpAuthService, Logger, UrlReaderService } from '@atrium/backend';
import type { EntityValidator } from '@atrium/model';
import type { CatalogDb } from '../database/entityRows.js';
import type { AggregateCache } from './aggregateCache.js';
import type { EntityTextCache } from './entityTextCache.js';

/** What the catalog's REST API needs from the plugin. */
export interface CatalogRoutesDeps {
  catalog: CatalogDb;
  httpAuth: HttpAuthService;
  logger: Logger;
  /** The processing loop, woken when an API call schedules work (refresh, new location, deletion). */
  engine: { wake(): void };
  /** Reads locations for dry runs and analysis; without it those answer with the location alone. */
  reader?: UrlReaderService;
  /** Validates `/validate-entity` bodies; default: the model's validator for the built-in kinds. */
  validator?: EntityValidator;
  /** Location types `POST /locations` accepts (`catalog.allowedLocationTypes`, Backstage default `['url']`). */
  allowedLocationTypes: string[];
  /** `catalog.readonly`: refuse registrations, deletions of locations and entities with 403. */
  readonly: boolean;
  /** Facet counts and query totals reused for a moment (see aggregateCache.ts); none when absent. */
  aggregates?: AggregateCache;
  /** Whole entities' bytes by etag for pages of entities (see entityTextCache.ts); none when absent. */
  texts?: EntityTextCache;
}

import { z } from 'zod';
import { sql } from 'kysely';
import type { AtriumFastify } from '@atrium/backend';
import { table } from '../database/entityRows.js';
import type { CatalogRoutesDeps } from './deps.js';
import { nonNegativeInt } from './queryParams.js';

interface ErrorRow {
  ref: string;
  provider: string | null;
  parent_ref: string | null;
  location_key: string | null;
  visible: boolean;
  errors: unknown[];
  location_id: string | null;
  location_type: string | null;
  location_target: string | null;
}

/**
 * `GET /entities/errors` (Atrium only): every entity with processing or reading errors, including ones
 * that never became visible because they were never valid, and registered locations whose files fail.
 * Backstage has no such endpoint; its UI finds errors entity by entity in `status.items`.
 */
export function errorRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  const c = deps.catalog;
  app.get('/entities/errors', { schema: { querystring: z.object({ limit: nonNegativeInt, offset: nonNegativeInt }) } }, async (request) => {
    const { limit = 1000, offset = 0 } = request.query;
    const { rows } = await sql<ErrorRow>`
      select e.ref, e.provider, e.parent_ref, e.location_key, exists (select 1 from ${table(c, 'final_entities')} f where f.id = e.id) as visible,
        (e.ingestion_errors || e.errors) as errors, l.id as location_id, l.type as location_type, l.target as location_target
      from ${table(c, 'entities')} e
      left join ${table(c, 'locations')} l on e.provider = 'locations' and e.location_key = l.type || ':' || l.target
      where e.errors <> '[]'::jsonb or e.ingestion_errors <> '[]'::jsonb
      order by e.ref limit ${limit + 1} offset ${offset}`.execute(c.db);
    const more = rows.length > limit;
    return {
      items: rows.slice(0, limit).map((r) => ({
        entityRef: r.ref,
        visible: r.visible,
        ...(r.parent_ref ? { parentEntityRef: r.parent_ref } : {}),
        ...(r.location_key ? { locationKey: r.location_key } : {}),
        ...(r.location_id ? { location: { id: r.location_id, type: r.location_type!, target: r.location_target! } } : {}),
        errors: dedupe(r.errors),
      })),
      ...(more ? { nextOffset: offset + limit } : {}),
    };
  });
}

/** Reading errors are kept as ingestion errors and repeated by processing; show each once. */
function dedupe(errors: unknown[]): unknown[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

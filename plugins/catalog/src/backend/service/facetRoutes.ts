import { z } from 'zod';
import { sql } from 'kysely';
import { InputError, type AtriumFastify } from '@atrium/backend';
import { table } from '../database/entityRows.js';
import type { CatalogRoutesDeps } from './deps.js';
import { entityFilterSql } from './filterSql.js';
import { parseFilterParam, repeatable } from './queryParams.js';

/** `GET /entity-facets`: per facet, each value with the number of (filtered) entities that have it. */
export function facetRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  app.get('/entity-facets', { schema: { querystring: z.object({ facet: repeatable, filter: repeatable }) } }, async (request) => {
    const facets = [request.query.facet ?? []].flat().map((f) => f.trim()).filter(Boolean);
    if (facets.length === 0) throw new InputError('Missing facet parameter, give at least one (e.g. facet=kind)');
    const filter = parseFilterParam(request.query.filter);
    const c = deps.catalog;
    // Values are grouped case-insensitively (the lowercased column) and shown as written.
    const { rows } = await sql<{ key: string; value: string; n: string | number }>`
      select s.key, min(coalesce(s.original_value, s.value)) as value, count(*) as n
      from ${table(c, 'search')} s join ${table(c, 'entities')} e on e.id = s.entity_id
      where s.key in (${sql.join(facets.map((f) => f.toLowerCase()))}) and s.value is not null and e.final is not null
        and ${entityFilterSql(c, filter, sql`e.id`)}
      group by s.key, s.value
      order by s.key, s.value`.execute(c.db);
    const result: Record<string, Array<{ value: string; count: number }>> = {};
    for (const facet of facets) {
      const key = facet.toLowerCase();
      result[facet] = rows.filter((r) => r.key === key).map((r) => ({ value: r.value, count: Number(r.n) }));
    }
    return { facets: result };
  });
}


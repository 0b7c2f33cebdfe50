import { z } from 'zod';
import { sql } from 'kysely';
import { InputError, type AtriumFastify } from '@atrium/backend';
import type { EntityFilter } from '@atrium/model';
import { table, type CatalogDb } from '../database/entityRows.js';
import { FILTER_COLUMNS } from './filterColumns.js';
import type { CatalogRoutesDeps } from './deps.js';
import { entityFilterSql } from './filterSql.js';
import { keyValueCounts } from './keyRows.js';
import { parseFilterParam, parsePredicate, repeatable } from './queryParams.js';

/** `GET /entity-facets`: per facet, each value with the number of (filtered) entities that have it. */
export function facetRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  app.get('/entity-facets', { schema: { querystring: z.object({ facet: repeatable, filter: repeatable }) } }, async (request) => {
    const facets = [request.query.facet ?? []].flat().map((f) => f.trim()).filter(Boolean);
    if (facets.length === 0) throw new InputError('Missing facet parameter, give at least one (e.g. facet=kind)');
    return { facets: await cachedFacets(deps, facets, parseFilterParam(request.query.filter)) };
  });

  // The newer predicate form (Backstage's client uses it when given a `query`).
  app.post('/entity-facets', {
    schema: { body: z.object({ facets: z.array(z.string().trim().min(1)).min(1, 'give at least one facet (e.g. "kind")'), query: z.record(z.string(), z.unknown()).optional() }) },
  }, async (request) => {
    const filter = request.body.query === undefined ? undefined : parsePredicate(request.body.query);
    return { facets: await cachedFacets(deps, request.body.facets, filter) };
  });
}

function cachedFacets(deps: CatalogRoutesDeps, facets: string[], filter: EntityFilter | undefined) {
  const compute = () => countFacets(deps.catalog, facets, filter);
  return deps.aggregates ? deps.aggregates.get(JSON.stringify(['facets', facets, filter ?? null]), compute) : compute();
}

/** Each facet's values with their counts among the entities the filter matches. */
async function countFacets(c: CatalogDb, facets: string[], filter: EntityFilter | undefined) {
  const result: Record<string, Array<{ value: string; count: number }>> = {};
  const searchFacets = facets.filter((f) => !FILTER_COLUMNS[f.toLowerCase()]);
  for (const facet of facets.filter((f) => FILTER_COLUMNS[f.toLowerCase()])) {
    result[facet] = await columnFacet(c, facet.toLowerCase(), filter);
  }
  if (searchFacets.length > 0) {
    // Values are grouped case-insensitively (the lowercased column) and shown as written.
    const { rows } = await keyValueCounts(c, searchFacets.map((f) => f.toLowerCase()), entityFilterSql(c, filter)).execute(c.db);
    for (const facet of searchFacets) {
      const key = facet.toLowerCase();
      result[facet] = rows.filter((r) => r.key === key).map((r) => ({ value: r.value, count: Number(r.n) }));
    }
  }
  return result;
}

/**
 * A facet on a key with its own column (kind, type, lifecycle…): counted from the indexed column, which
 * stays fast at 100,000 entities. A value is shown as written: for kinds as the final entity has it
 * (found through the kind index), for the others from the search row kept for a spelling other than
 * the lowercased value, if there is one.
 */
async function columnFacet(c: CatalogDb, key: string, filter: EntityFilter | undefined): Promise<Array<{ value: string; count: number }>> {
  const column = sql.ref(`e.${FILTER_COLUMNS[key]!}`);
  const spelling = key === 'kind'
    ? sql`(select k.final->>'kind' from ${table(c, 'final_entities')} k where k.kind = v.value limit 1)`
    : sql`(select s.original_value from ${table(c, 'search')} s where s.key = ${key} and s.value = v.value and s.original_value is not null limit 1)`;
  const { rows } = await sql<{ value: string; n: string | number }>`
    select coalesce(${spelling}, v.value) as value, v.n
    from (
      select ${column} as value, count(*) as n from ${table(c, 'final_entities')} e
      where ${column} is not null and ${entityFilterSql(c, filter)}
      group by 1
    ) v
    order by v.value`.execute(c.db);
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

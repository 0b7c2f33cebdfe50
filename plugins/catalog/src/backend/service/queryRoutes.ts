import { z } from 'zod';
import { InputError, type AtriumFastify } from '@atrium/backend';
import type { CatalogRoutesDeps } from './deps.js';
import { decodeCursor } from './cursor.js';
import { queryEntities } from './queryEntities.js';
import {
  nonNegativeInt, parseFieldsParam, parseFilterParam, parseFullTextFieldsParam, parseOrderFieldParam, parsePredicate, repeatable,
} from './queryParams.js';

/** Backstage's default page size for `/entities/by-query`. */
const DEFAULT_LIMIT = 20;

/** `GET /entities/by-query`: filtered, sorted, full-text-filtered pages with cursors. */
export function queryRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  app.get('/entities/by-query', {
    schema: {
      querystring: z.object({
        filter: repeatable,
        fields: repeatable,
        orderField: repeatable,
        fullTextFilterTerm: z.string().optional(),
        fullTextFilterFields: repeatable,
        limit: nonNegativeInt,
        offset: nonNegativeInt,
        cursor: z.string().optional(),
        totalItems: z.enum(['include', 'exclude']).optional(),
      }),
    },
  }, async (request) => {
    const q = request.query;
    const fields = parseFieldsParam(q.fields);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const excludeTotal = q.totalItems === 'exclude';
    // With a cursor, the query it carries wins over filter/orderField/fullText parameters (as in Backstage).
    if (q.cursor !== undefined) {
      if (q.cursor === '') throw new InputError('Malformed cursor parameter, it is empty');
      return queryEntities(deps.catalog, { start: { cursor: decodeCursor(q.cursor) }, limit, fields, texts: deps.texts });
    }
    const [orderField] = parseOrderFieldParam(q.orderField);
    const term = q.fullTextFilterTerm?.trim();
    const fullText = term
      ? { term, fields: parseFullTextFieldsParam(q.fullTextFilterFields) ?? [orderField?.field ?? 'metadata.uid'] }
      : undefined;
    return queryEntities(deps.catalog, {
      start: { filter: parseFilterParam(q.filter), orderField, fullText, offset: q.offset },
      limit,
      fields,
      excludeTotal,
      aggregates: deps.aggregates,
      texts: deps.texts,
    });
  });

  // The newer predicate form: the same query, with Backstage's `query` predicate instead of `filter`.
  app.post('/entities/by-query', {
    schema: {
      body: z.object({
        query: z.record(z.string(), z.unknown()).optional(),
        cursor: z.string().min(1, 'cursor is empty').optional(),
        limit: z.number().int().min(0).optional(),
        offset: z.number().int().min(0).optional(),
        orderBy: z.array(z.object({ field: z.string().min(1), order: z.enum(['asc', 'desc']) })).optional(),
        fullTextFilter: z.object({ term: z.string(), fields: z.array(z.string()).optional() }).optional(),
        fields: z.array(z.string()).optional(),
        totalItems: z.enum(['include', 'exclude']).optional(),
      }),
    },
  }, async (request) => {
    const b = request.body;
    const fields = parseFieldsParam(b.fields);
    const limit = b.limit ?? DEFAULT_LIMIT;
    if (b.cursor !== undefined) return queryEntities(deps.catalog, { start: { cursor: decodeCursor(b.cursor) }, limit, fields, predicate: true, texts: deps.texts });
    const [orderField] = (b.orderBy ?? []).map((o) => ({ field: o.field.toLowerCase(), order: o.order }));
    const term = b.fullTextFilter?.term.trim();
    const fullText = term
      ? { term, fields: parseFullTextFieldsParam(b.fullTextFilter?.fields) ?? [orderField?.field ?? 'metadata.uid'] }
      : undefined;
    const filter = b.query === undefined ? undefined : parsePredicate(b.query);

    return queryEntities(deps.catalog, {
      start: { filter, orderField, fullText, offset: b.offset },
      limit,
      fields,
      excludeTotal: b.totalItems === 'exclude',
      predicate: true,
      aggregates: deps.aggregates,
      texts: deps.texts,
    });
  });
}

import { z } from 'zod';
import type { AtriumFastify, HttpAuthService } from '@atrium/backend';
import { searchRoutes } from '@atrium/plugin-search/common';
import { decodeCursor } from '../engine/cursor.js';
import type { SearchEngine } from '../engine/SearchEngine.js';
import type { SearchIndex } from '../engine/SearchIndex.js';
import { parseSearchParams, rawQuerySchema, type RawQuery } from './queryParams.js';

// Loose: the type's own fields pass through as the collator wrote them (validating each recursively would
// cost more than the query on a page of results).
const documentSchema = z.looseObject({ title: z.string(), text: z.string(), location: z.string() });
/**
 * The query's response, for the OpenAPI document: the engine writes the body itself (its documents
 * as stored, see encodedResults.ts), so it is not checked against this at every request; the API
 * tests check their responses against it instead.
 */
export const resultSetSchema = z.object({
  results: z.array(z.object({
    type: z.string(),
    document: documentSchema,
    highlight: z.object({ preTag: z.string(), postTag: z.string(), fields: z.record(z.string(), z.string()) }).optional(),
    rank: z.number(),
  })),
  nextPageCursor: z.string().optional(),
  previousPageCursor: z.string().optional(),
  numberOfResults: z.number(),
});
const facetCounts = z.array(z.object({ value: z.string(), count: z.number() }));
const facetsSchema = z.object({
  types: z.record(z.string(), z.number()),
  facets: z.object({ kind: facetCounts, type: facetCounts, owner: facetCounts, lifecycle: facetCounts, tags: facetCounts }),
});

/** A request asking for a fresh answer (`Cache-Control: no-cache`), not one reused from an identical query. */
const wantsFresh = (request: { headers: Record<string, string | string[] | undefined> }) => /\bno-cache\b/i.test(String(request.headers['cache-control'] ?? ''));

export interface SearchRoutesOptions {
  engine: SearchEngine;
  index: SearchIndex;
  httpAuth: HttpAuthService;
  knownTypes: () => ReadonlySet<string>;
  maxTermLength: number;
}

/** Backstage's search API (`GET /query`), plus facet counts for the search page and the index's types. */
export function createSearchRoutes(options: SearchRoutesOptions) {
  const { engine, index, httpAuth } = options;
  const parse = (query: RawQuery) => parseSearchParams(query, { maxTermLength: options.maxTermLength, knownTypes: options.knownTypes() });
  return (app: AtriumFastify) => {
    app.get(searchRoutes.query, {
      schema: {
        description: 'Search every indexed document type: `term`, `types[]`, `filters[<field>]`, `pageCursor`, `pageLimit` (qs bracket encoding).',
        querystring: rawQuerySchema,
        response: { 200: resultSetSchema },
      },
    }, async (request, reply) => {
      await httpAuth.credentials(request, { allow: ['user', 'service'] });
      const params = parse(request.query);
      const body = await engine.queryJson({ ...params, page: decodeCursor(params.pageCursor) }, { fresh: wantsFresh(request) });
      // A JSON string goes out as it is (no serializer); its type is the schema's, which it encodes.
      return reply.type('application/json; charset=utf-8').send(body as unknown as z.infer<typeof resultSetSchema>);
    });

    app.get(searchRoutes.facets, {
      schema: {
        description: 'Result counts per document type and per facet value (kind, type, owner, lifecycle, tags) for a query.',
        querystring: rawQuerySchema,
        response: { 200: facetsSchema },
      },
    }, async (request) => {
      await httpAuth.credentials(request, { allow: ['user', 'service'] });
      const { term, types, filters } = parse(request.query);
      return engine.facets({ term, types, filters }, { fresh: wantsFresh(request) });
    });

    app.get(searchRoutes.types, {
      schema: {
        description: 'The document types in the index, with their document counts and when each was last fully indexed.',
        response: { 200: z.object({ types: z.array(z.object({ type: z.string(), documents: z.number(), lastIndexedAt: z.string().nullable() })) }) },
      },
    }, async (request) => {
      await httpAuth.credentials(request, { allow: ['user', 'service'] });
      const known = options.knownTypes();
      return { types: (await index.types()).filter((t) => known.has(t.type)) };
    });
  };
}

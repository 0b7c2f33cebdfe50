import { sql, type RawBuilder } from 'kysely';
import type { ParsedTerm } from './queryTerm.js';

/**
 * How documents match, and how they rank. Both read the CTE `q(tsq)` and the documents alias `d`.
 * Matching is full text over every weighted part (typos were already corrected into the tsquery).
 * Rank: an exact name beats an exact title beats a name starting with the term; then the weighted
 * full-text rank (title A > names B > description C > body D); then closeness of spelling to the title.
 */
export function matchCondition(): RawBuilder<unknown> {
  return sql`d.tsv @@ q.tsq`;
}

export function rankExpression(term: ParsedTerm): RawBuilder<number> {
  if (!term.words.length) return sql<number>`0`;
  const nameKey = term.nameKey ?? '';
  const prefix = `${nameKey.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<number>`(
    (case when d.name_key = ${nameKey} then 8 when lower(d.title) = ${term.plain} then 4
          when d.name_key like ${prefix} then 1 else 0 end)
    + ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.tsq, 32) * 2
    + word_similarity(${term.plain}, d.label) * 0.5
  )`;
}

/** `q(tsq)`: the query, or one that matches nothing when no word must match. */
export function termCte(tsquery: string | undefined): RawBuilder<unknown> {
  return tsquery ? sql`select to_tsquery('english', ${tsquery}) as tsq` : sql`select ''::tsquery as tsq`;
}

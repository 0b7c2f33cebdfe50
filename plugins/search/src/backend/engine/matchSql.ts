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

/** Leg sizes. The full-text leg's cap is also where counting stops ("more than 1,000 results"). */
const HEAD_LIMIT = 300;
export const MATCH_LIMIT = 1_000;

/**
 * The rows worth ranking (ranking every match of a broad term, "compon" on 100,000 entities, costs
 * 100+ ms): matches of the strong parts (title, names, tags), any matches up to the count cap, names
 * starting with the term (B-tree, in name order, so `component-4` finds itself among 50,000
 * `component-*`), and exact titles. Each leg uses one index; the caller rechecks the full query on
 * the union (exclusions may sit outside the parts a leg looked at). A narrow term's legs hold all its matches.
 */
export function candidates(term: ParsedTerm, schema: string, from: RawBuilder<unknown>, where: RawBuilder<unknown>): RawBuilder<unknown> {
  const row = sql`select d.type, d.generation, d.location, false as counted from ${from}`;
  const legs = [
    sql`(${row} where ${where} and d.tsv_head @@ q.tsq limit ${HEAD_LIMIT})`,
    sql`(select d.type, d.generation, d.location, true as counted from ${from} where ${where} and d.tsv @@ q.tsq limit ${MATCH_LIMIT})`,
  ];
  if (term.nameKey) {
    // Names in order straight from the index; the generation and filters are checked on what it yields.
    legs.push(sql`(${row} join (select type, generation, location from ${sql.table(`${schema}.documents`)}
      where name_key collate "C" like ${`${term.nameKey}%`} order by name_key collate "C" limit 200) n
      on n.type = d.type and n.generation = d.generation and n.location = d.location
      where ${where} limit 50)`);
    legs.push(sql`(${row} where ${where} and lower(d.title) = ${term.plain} limit 20)`);
  }
  return sql.join(legs, sql` union all `);
}

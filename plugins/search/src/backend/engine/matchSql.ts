import { sql, type RawBuilder } from 'kysely';
import type { ParsedTerm } from './queryTerm.js';

/**
 * How documents match, and how they rank. Both read the CTE `q(tsq)` and the documents alias `d`.
 * Matching is full text over every weighted part (typos were already corrected into the tsquery).
 * Rank: an exact name beats an exact title beats a name starting with the term; then the weighted
 * full-text rank (title A > names B > description C > body D); then, for a document whose title or
 * names match, closeness of spelling to them. (Only for those: a docs page matching in its body alone
 * scored about 0 on it, and computing it was a third of ranking 200 candidates, 3 µs each.)
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
    + (case when d.name_key is not null or d.tsv_head @@ q.tsq then word_similarity(${term.plain}, d.label) * 0.5 else 0 end)
  )`;
}

/**
 * `q(tsq, pairs)`: the query, or one that matches nothing when no word must match; and for a term with
 * phrases, every pair of lexemes next to each other in them (`'circuit breaker'`), which a document must
 * have for the phrases to match (null when the phrases have none: a single word, or words apart).
 */
export function termCte(tsquery: string | undefined, schema: string, term?: ParsedTerm, whole?: WholeWord): RawBuilder<unknown> {
  const tsq = !tsquery ? sql`''::tsquery`
    : whole ? sql`(case when ${noLongerLexeme(schema, whole.word)} then to_tsquery('english', ${whole.tsquery}) else to_tsquery('english', ${tsquery}) end)`
    : sql`to_tsquery('english', ${tsquery})`;
  const phrases = term ? phrasesOf(term) : [];
  // Lexemes are letters and digits (the words of a phrase are), so quote_literal makes each a plain tsquery lexeme.
  const pairs = phrases.length && tsquery
    ? sql`(select string_agg(quote_literal(p.lexeme), ' & ')::tsquery
        from unnest(${phrases}::text[]) t(phrase), unnest(${sql.raw(`${schema}.adjacent_pairs`)}(to_tsvector('english', t.phrase))) p)`
    : sql`null::tsquery`;
  return sql`select ${tsq} as tsq, ${pairs} as pairs`;
}

/** The word being typed, and the tsquery with it as a whole word instead of a prefix. */
export interface WholeWord {
  word: string;
  tsquery: string;
}

/**
 * Whether `word` is one lexeme and no longer lexeme in the index starts with it: then the word being
 * typed matches the same documents as itself as it does as a prefix, and GIN finds them at half the cost (a
 * prefix collects a bitmap of every lexeme's postings first: 1.6-2.0 against 0.8-0.9 ms for `kafka`'s
 * 11,500 matches). The lexemes are kept by the writes' own statements (migration 0006), so this reads
 * what the query's snapshot does; one step of their primary key.
 */
function noLongerLexeme(schema: string, word: string): RawBuilder<boolean> {
  const lexemes = sql.table(`${schema}.lexemes`);
  return sql<boolean>`coalesce((select count(*) = 1 and bool_and(not exists (
      select 1 from (select l.lexeme from ${lexemes} l where l.lexeme > s.lexeme collate "C" order by l.lexeme limit 1) n
      where starts_with(n.lexeme, s.lexeme)))
    from unnest(to_tsvector('english', ${word})) s), false)`;
}

/** The phrases that must match (not the excluded ones), their words joined by spaces. */
function phrasesOf(term: ParsedTerm): string[] {
  return term.clauses.flatMap((c) => (c.kind === 'phrase' ? [c.words.join(' ')] : []));
}

/**
 * Leg sizes. The full-text leg ranks the first RANK_LIMIT matches it reads, and reads one more (so the
 * count knows whether there are more than the count cap, RESULT_COUNT_CAP, equal to RANK_LIMIT) or, for a
 * page past the ranked rows, as far as that page (at most MATCH_LIMIT); rows past RANK_LIMIT follow
 * unranked, in title order.
 */
const RANK_LIMIT = 200;
/** Each leg's cap for a one- or two-letter word. */
const SHORT_PREFIX_LIMIT = 200;
const HEAD_LIMIT = 300;
/** Titles starting with a lone word being typed, when names starting with it are too many (see lonePrefix). */
const TITLE_PREFIX_LIMIT = 50;
/** How deep paging reaches; also how many names starting with a lone word make it broad (see lonePrefix). */
export const MATCH_LIMIT = 1_000;

/**
 * The rows worth ranking, ranked as they are read (ranking every match of a broad term, "compon" on
 * 100,000 entities, costs 100+ ms): full-text matches, the first RANK_LIMIT ranked (see the leg sizes);
 * only when that leg was capped and its ranked rows hold too few matches in the strong parts (title,
 * names, tags) for the page, the strong parts' own matches (a second index scan, so only then); names
 * starting with the term (B-tree, in name order, so `component-4` finds itself among 50,000
 * `component-*`); and exact titles. Each leg uses one index and checks the full query itself, so the
 * union needs no second look at the documents. A narrow term's legs hold all its matches.
 *
 * Defines the CTEs `fts` (the full-text leg: type, generation, location, title, rank; rank -1 past
 * RANK_LIMIT) and `cand` (the ranked rows of every leg, a location possibly more than once), and says how
 * to count the matches once the caller has grouped `cand` into `ranked` (past the count cap: more). Reads the CTE `q`; `from` is the documents as `d` with `q`, `where` limits them to the
 * live generations (`liveGenerations`, an array) and the filters; `wanted` is how many rows the page needs;
 * `unfiltered`: no type or filter limits the documents beyond the live generations (see lonePrefix).
 */
export function candidateCtes(term: ParsedTerm, schema: string, from: RawBuilder<unknown>, where: RawBuilder<unknown>, liveGenerations: RawBuilder<unknown>, wanted: number, unfiltered = false): { ctes: RawBuilder<unknown>; matches: RawBuilder<number> } {
  const rank = rankExpression(term);
  const cols = sql`d.type, d.generation, d.location, d.title, ${rank} as rank`;
  const short = shortPrefix(term);
  if (short) {
    // Names and titles starting with it (B-tree, in order), and the word itself.
    const ctes = sql`fts as (select ''::text as type, 0::bigint as generation, ''::text as location, ''::text as title, 0::float8 as rank where false),
      cand as (
        (select ${cols}, true as counted from ${byName(schema, startsWith(sql`name_key`, short), liveGenerations, SHORT_PREFIX_LIMIT)} where ${where})
        union all (select ${cols}, true from ${from} where ${where} and ${startsWith(sql`lower(d.title)`, short)}
          order by lower(d.title) collate "C" limit ${SHORT_PREFIX_LIMIT})
        union all (select ${cols}, true from ${from} where ${where} and d.tsv @@ to_tsquery('english', ${`'${short}'`}) limit ${SHORT_PREFIX_LIMIT})
      )`;
    return { ctes, matches: sql<number>`(select count(*) from ranked)` };
  }
  // Reading the matches past RANK_LIMIT was a fifth of a broad query's time (1,000 rows from the heap,
  // to count them); only a page past the ranked rows needs them.
  const matchLimit = Math.min(MATCH_LIMIT, Math.max(RANK_LIMIT + 1, wanted));
  const legs = [
    sql`select type, generation, location, title, rank, true as counted from fts where rank <> -1`,
    // The strong parts match only if the whole does, except for words the query excludes.
    sql`(select ${cols}, false from ${from} where ${where} and d.tsv_head @@ q.tsq
      ${term.clauses.some((c) => c.kind === 'not') ? sql`and d.tsv @@ q.tsq` : sql``}
      and (select count(*) from fts) >= ${matchLimit} and (select count(*) from fts where strong) < ${wanted}
      limit ${HEAD_LIMIT})`,
  ];
  const typed = unfiltered ? lonePrefix(term) : undefined;
  const names = typed ? sql`not (select yes from names_broad)` : sql`true`;
  if (term.nameKey) {
    // Names in order straight from the index; the generation and filters are checked on what it yields.
    legs.push(sql`(select ${cols}, false from ${byName(schema, startsWith(sql`name_key`, term.nameKey), liveGenerations, 200)}
      where ${names} and ${where} and d.tsv @@ q.tsq limit 50)`);
    legs.push(sql`(select ${cols}, false from ${from} where ${where} and lower(d.title) = ${term.plain} and d.tsv @@ q.tsq limit 20)`);
  }
  if (typed) {
    // Names and titles starting with the word, when more than MATCH_LIMIT names do (see lonePrefix),
    // in order from their B-trees.
    legs.push(sql`(select ${cols}, false from ${byName(schema, startsWith(sql`name_key`, typed), liveGenerations, Math.max(RANK_LIMIT, wanted))}
      where (select yes from names_broad) and d.tsv @@ q.tsq)`);
    legs.push(sql`(select ${cols}, false from ${byName(schema, startsWith(sql`lower(title)`, typed), liveGenerations, TITLE_PREFIX_LIMIT, sql`lower(title)`)}
      where (select yes from names_broad) and d.tsv @@ q.tsq)`);
  }
  const fields = sql`d.type, d.generation, d.location, d.title, d.name_key, d.label, d.tsv, d.tsv_head`;
  // With phrases: the documents having their pairs (that index), each rechecked against the whole query
  // (`is true`: not a condition the planner could take to the other index instead); when the phrases have
  // no pairs, every document matching the query, as for a term without phrases. Both branches are gated
  // by the pairs once, so only one runs.
  const matching = phrasesOf(term).length
    ? sql`select ${fields} from ${from} where ${where} and (select pairs from q) is not null and d.tsv_pairs @@ q.pairs and (d.tsv @@ q.tsq) is true
      union all
      select ${fields} from ${from} where ${where} and (select pairs from q) is null and d.tsv @@ q.tsq`
    : sql`select ${fields} from ${from} where ${where} and d.tsv @@ q.tsq`;
  // Rows past RANK_LIMIT stay in `fts` for the count, and for paging past the ranked rows (see SearchEngine).
  const broad = typed
    ? sql`names_broad as (select count(*) >= ${MATCH_LIMIT} as yes from (select 1 from ${sql.table(`${schema}.documents`)}
        where ${startsWith(sql`name_key`, typed)} and generation = any(${liveGenerations}) limit ${MATCH_LIMIT}) b),`
    : sql``;
  const ctes = sql`${broad} fts as (
      select d.type, d.generation, d.location, d.title,
        case when d.n <= ${RANK_LIMIT} then ${rank} else -1 end as rank,
        d.n <= ${RANK_LIMIT} and d.tsv_head @@ q.tsq as strong
      from (select m.*, row_number() over () as n from (${matching}) m ${typed ? sql`where not (select yes from names_broad)` : sql``} limit ${matchLimit}) d cross join q
    ),
    cand as (${sql.join(legs, sql` union all `)})`;
  // Every leg's rows match the whole query, so unless it was capped the full-text leg holds them all.
  const count = sql<number>`(select count(*) from fts)`;
  return { ctes, matches: typed ? sql<number>`(case when (select yes from names_broad) then ${MATCH_LIMIT} else ${count} end)` : count };
}

/**
 * A lone word of three letters or more being typed, as in `compon`: when more names start with it than
 * MATCH_LIMIT (1,000), the full-text leg is skipped. Its candidates would be the first matches of every document
 * having a word starting with it (57,800 for `compon` on 100,000 entities: a GIN bitmap of all of them,
 * 8 ms, before the LIMIT applies), as arbitrary a sample as any, and outranked by the names starting
 * with the word (see rankExpression); the names and titles starting with it take its place, in order
 * from their B-trees, and the count says the cap ("200+"). Only without types or filters, which could
 * leave too few of those names for the page. Checking costs a range of the name index up to MATCH_LIMIT.
 */
function lonePrefix(term: ParsedTerm): string | undefined {
  const [only, ...rest] = term.clauses;
  return only?.kind === 'word' && only.prefix && only.word.length > 2 && rest.length === 0 ? only.word : undefined;
}

/**
 * Documents whose name matches `condition`, in name order straight from the index (or in `order`), as `d` (with `q`):
 * whole rows from the index scan itself, its LIMIT a fence the caller's conditions only filter behind,
 * so there is no join the planner could turn into a hash of every document matching them (with a type
 * or filter it underestimated those and hashed all of them, 10,000 pages and a second full-text scan,
 * 60 ms, for `compon` among docs). Reading keys first and each row again by its key (LATERAL) did the
 * same at twice the reads, and kept the one- and two-letter prefixes on custom plans.
 */
function byName(schema: string, condition: RawBuilder<unknown>, liveGenerations: RawBuilder<unknown>, limit: number, order = sql`name_key`): RawBuilder<unknown> {
  const documents = sql.table(`${schema}.documents`);
  return sql`(select * from ${documents}
      where ${condition} and generation = any(${liveGenerations})
      order by ${order} collate "C" limit ${limit}) d
    cross join q`;
}

/**
 * A lone word of one or two letters still being typed (`p`, `pa`): as a full-text prefix it matches
 * every word starting with it anywhere (half the index: 30,000 documents for `p`, 20+ ms to collect),
 * which ranks nothing useful. It matches names and titles starting with it, and the word itself.
 */
export function shortPrefix(term: ParsedTerm): string | undefined {
  const [only, ...rest] = term.clauses;
  return only?.kind === 'word' && only.prefix && only.word.length <= 2 && rest.length === 0 ? only.word : undefined;
}

/**
 * `text` starts with `prefix`, as a range in the C collation: an index range even in a prepared
 * statement's generic plan, where a LIKE pattern held in a parameter could only filter.
 */
function startsWith(text: RawBuilder<unknown>, prefix: string): RawBuilder<unknown> {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  // The next code point after the last (past the surrogates): every string starting with `prefix` sorts below it.
  const next = last === 0xd7ff ? 0xe000 : last + 1;
  const upper = next > 0x10ffff ? undefined : `${points.join('')}${String.fromCodePoint(next)}`;
  return sql`(${text} collate "C" >= ${prefix}${upper === undefined ? sql`` : sql` and ${text} collate "C" < ${upper}`})`;
}

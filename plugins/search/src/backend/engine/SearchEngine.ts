import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PREPARE } from '@atrium/backend';
import { FACET_FIELDS, RESULT_COUNT_CAP, type FacetField, type SearchFacetsResponse, type SearchResultSet } from '@atrium/plugin-search/common';
import pLimit, { type LimitFunction } from 'p-limit';
import { encodeCursor } from './cursor.js';
import { returnedText, RETURNED_TEXT_CHARS, withText } from './documentRows.js';
import { decodeResultSet, encodeResultSet, type EncodedResultSet } from './encodedResults.js';
import { allFilters } from './filterSql.js';
import { candidateCtes, matchCondition, rankExpression, termCte, type WholeWord } from './matchSql.js';
import { IndexChanges } from './indexChanges.js';
import { highlightAll, highlightFragments, type HighlightTerms } from './highlightText.js';
import { headlineWindowSql, highlightWindow, locatorOf, locatorSql, WINDOW_IN_ENGINE_BYTES } from './highlightWindow.js';
import { findCorrections } from './lexicon.js';
import { correctableWords, parseTerm, toTsquery, typedWord, type ParsedTerm } from './queryTerm.js';
import { ResultCache } from './resultCache.js';
import type { SearchTables } from './SearchIndex.js';

export interface EngineQuery {
  term: string;
  /** Empty: every type. */
  types: string[];
  filters: Record<string, string[]>;
  page: number;
  pageLimit: number;
}

interface HitRow {
  type: string;
  /** As JSON text (see encodedResults.ts). */
  document: string;
  /** The start of the row's text, for a document stored without it ('': it is hl_text); null when the document has its own. */
  doc_text: string | null;
  rank: number;
  matches: string;
  ranked: string;
  fetched: string;
  title: string;
  /** The text to highlight in, when the engine cuts its window (see highlightWindow.ts). */
  hl_text: string | null;
  /** Its window, when PostgreSQL cut it (a long text). */
  hl_window: string | null;
  hl_words: string[] | null;
  hl_prefixes: string[] | null;
  /** The index's version in the statement's snapshot (when asked for). */
  version?: string;
}

/** Word starts that place the highlight window: long enough to be specific, short enough to catch other forms. */
const LOCATOR_CHARS = 5;
const FACET_VALUES = 50;
/** Counts stop here ("200+", see RESULT_COUNT_CAP): counting every match of a broad term costs more than finding the page. */
export const COUNT_CAP = RESULT_COUNT_CAP;
const CORRECTION_TTL_MS = 60_000;
/** Documents (of every type and generation) below which the index counts as small; see the constructor. */
const SMALL_INDEX = 5_000;
const SIZE_CHECK_MS = 30_000;
const CORRECTION_CACHE_SIZE = 10_000;
/** Facets count at most this many matching documents (a sample for very broad queries). */
const FACET_SAMPLE = 10_000;
/** How long a cached answer may be reused at most (while the index is unchanged), by default. */
const RESULT_CACHE_MS = 30_000;
/** Answers cached at most (a page of results is some tens of KB). */
const RESULT_CACHE_ENTRIES = 256;

/** A page as computed, with its response body once one was asked for. */
interface CachedPage {
  page: EncodedResultSet;
  body?: string;
}

/** `fresh`: compute the answer even if an identical query's is cached (a request's `Cache-Control: no-cache`). */
export interface QueryOptions {
  fresh?: boolean;
}

/** Queries the live generation of the index: ranked, filtered, paged results with highlights, and facet counts. */
export class SearchEngine {
  /** Random per process, so no document text can contain them by accident. */
  private readonly preTag: string;
  private readonly postTag: string;
  private readonly correctionCache = new Map<string, { words: string[]; until: number }>();

  private readonly results: ResultCache<CachedPage>;
  private readonly facetCounts: ResultCache<SearchFacetsResponse>;

  private sizeCheck = { small: false, until: 0 };
  /**
   * At most `maxConcurrentQueries` of the engine's query statements at once, the rest waiting first come,
   * first served. On a server with few cores, ten searches at once are ten PostgreSQL backends sharing
   * them, each five times as slow; a short queue in front keeps each statement's own time short instead.
   */
  private readonly gate: LimitFunction;

  /**
   * The client without its plugins, for the engine's statements: they name their schema themselves
   * (`search.documents`), and the client's withSchema plugin walked and copied every node of a statement
   * to qualify names, the larger part of compiling one.
   */
  private readonly statements: Kysely<SearchTables>;

  /**
   * `smallIndex`: below this many documents every match is ranked in one scan, a query simple enough
   * that parsing and planning it (most of a query's cost on a small index, 2–3× more on the embedded
   * database) stay cheap. Above it, the capped legs of candidateCtes.
   * `resultCacheMs`: how long an identical query's answer may be reused while the index is unchanged
   * (default 30 s; 0: never); `changes` says whether it is (the index writer's counter).
   * `maxConcurrentQueries`: query statements run at once, the rest waiting in line (see `gate`; default 0:
   * no limit, the plugin passes its configured default).
   */
  constructor(
    db: Kysely<SearchTables>,
    private readonly schema: string,
    private readonly options: { smallIndex?: number; resultCacheMs?: number; maxConcurrentQueries?: number } = {},
    private readonly changes = new IndexChanges(db, schema),
  ) {
    this.statements = db.withoutPlugins();
    this.gate = pLimit(options.maxConcurrentQueries || Infinity);
    const id = randomBytes(6).toString('hex');
    this.preTag = `<hl-${id}>`;
    this.postTag = `</hl-${id}>`;
    const cache = { ttlMs: options.resultCacheMs ?? RESULT_CACHE_MS, maxEntries: RESULT_CACHE_ENTRIES };
    this.results = new ResultCache(cache);
    this.facetCounts = new ResultCache(cache);
  }

  async query(query: EngineQuery, options: QueryOptions = {}): Promise<SearchResultSet> {
    return decodeResultSet((await this.cachedPage(query, options)).page);
  }

  /** The same answer as `query`, as the JSON body of the response (documents as stored, see encodedResults.ts). */
  async queryJson(query: EngineQuery, options: QueryOptions = {}): Promise<string> {
    const answer = await this.cachedPage(query, options);
    return (answer.body ??= encodeResultSet(answer.page));
  }

  /**
   * A page of results, reused while the index's version reads as it did when the page was computed (see
   * `cached`). On a server the query reads the version it answered at in its own statement, so a page not
   * in the cache costs one statement, not two.
   */
  private async cachedPage(query: EngineQuery, options: QueryOptions): Promise<CachedPage> {
    if (!this.results.enabled) return { page: (await this.search(query, false)).page };
    const key = JSON.stringify(query);
    if (!options.fresh && this.results.has(key)) {
      const hit = this.results.get(key, await this.changes.version());
      if (hit) return hit;
    }
    const shared = this.changes.shared;
    const before = shared ? undefined : await this.changes.version();
    const { page, version } = await this.search(query, shared);
    const answer: CachedPage = { page };
    const at = before ?? version;
    if (at !== undefined) this.results.set(key, at, answer);
    return answer;
  }

  /** Counts per type (with every filter) and per facet value (with the types and every other facet's filter). */
  async facets(query: Omit<EngineQuery, 'page' | 'pageLimit'>, options: QueryOptions = {}): Promise<SearchFacetsResponse> {
    return this.cached(this.facetCounts, query, options, () => this.countFacets(query));
  }

  /**
   * The cached answer to an identical query while the index's change counter reads as it did when the
   * answer was computed (at most one small statement instead of the query); otherwise computes and keeps it.
   * The counter is read before computing: a write committed after that moves it on, so an answer that
   * may predate the write is never reused after it.
   */
  private async cached<T>(cache: ResultCache<T>, query: object, options: QueryOptions, compute: () => Promise<T>): Promise<T> {
    if (!cache.enabled) return compute();
    const key = JSON.stringify(query);
    const version = await this.changes.version();
    const hit = options.fresh ? undefined : cache.get(key, version);
    if (hit) return hit;
    const value = await compute();
    cache.set(key, version, value);
    return value;
  }

  /** `withVersion`: the page also says the index's version its statement saw (undefined without rows). */
  private async search(query: EngineQuery, withVersion: boolean): Promise<{ page: EncodedResultSet; version?: string }> {
    const { term, tsquery, whole, browsing, stems, highlightWords } = await this.prepare(query.term);
    const small = await this.isSmall();
    const offset = query.page * query.pageLimit;
    const highlight = tsquery !== undefined;
    const inTypes = query.types.length ? sql`d.type = any(${query.types}::text[])` : sql`true`;
    const filters = allFilters('d', query.filters);
    // Generations come from one sequence, so the live ones identify the live rows of every type.
    const liveGenerations = sql`array(select live_generation from ${this.table('index_state')})`;
    const live = sql`d.generation = any(${liveGenerations})`;
    const from = sql`${this.table('documents')} d cross join q`;
    const documents = this.table('documents');
    const wanted = offset + query.pageLimit + 1;
    const order = sql`order by rank desc, lower(title), location`;
    let steps: RawBuilder<unknown>;
    let counts: { matches: RawBuilder<unknown>; ranked: RawBuilder<unknown> };
    if (small) {
      // Every match, ranked; the count comes with them.
      steps = sql`hits as (
        select * from (select d.type, d.generation, d.location, d.title, ${browsing ? sql`0::float8` : rankExpression(term)} as rank, count(*) over () as total
          from ${from} where ${live} and ${inTypes} and ${filters} and ${browsing ? sql`true` : matchCondition()}) m
        ${order} limit ${query.pageLimit + 1} offset ${offset})`;
      counts = { matches: sql`h.total`, ranked: sql`h.total` };
    } else {
      const candidates = browsing
        // Browsing: in title order straight from the index, only as far as this page.
        ? { ctes: sql`fts as (select d.type, d.generation, d.location, d.title, 0::float8 as rank from ${from} where false),
            cand as (select d.type, d.generation, d.location, d.title, 0::float8 as rank from ${from} where ${live} and ${inTypes} and ${filters}
              order by lower(d.title), d.location limit ${wanted})`, matches: sql<number>`0` }
        : candidateCtes(term, this.schema, from, sql`${live} and ${inTypes} and ${filters}`, liveGenerations, wanted,
          query.types.length === 0 && Object.values(query.filters).every((v) => v.length === 0));
      // Past the ranked rows, the full-text leg's unranked rest follows in title order.
      steps = sql`${candidates.ctes},
        ranked as (select type, generation, location, min(title) as title, max(rank) as rank from cand group by 1, 2, 3),
        pool as (
          select * from ranked
          union all
          select f.type, f.generation, f.location, f.title, f.rank from fts f
          where f.rank = -1 and ${wanted} > (select count(*) from ranked)
            and not exists (select 1 from ranked r where r.type = f.type and r.generation = f.generation and r.location = f.location)
        ),
        hits as (select * from pool ${order} limit ${query.pageLimit + 1} offset ${offset})`;
      counts = { matches: candidates.matches, ranked: sql`(select count(*) from ranked)` };
    }
    // Candidates come ranked; only the page's rows are read again, for their document and highlights.
    // The text to highlight in comes back with the lexemes of the words that must match, as PostgreSQL
    // stems them; the marking is done here (see highlightText.ts).
    // Prepared once per connection: parsing and planning were a good part of each query (see ADR 9).
    // A document written without its text (see toDocumentRow) takes it from the row's, the text highlights
    // read when there is one (already fetched), and only when the engine is not sent that text whole.
    const inEngine = sql`octet_length(hs.text) <= ${WINDOW_IN_ENGINE_BYTES}`;
    const docText = highlight
      ? sql`case when d.document ? 'text' then null when ${inEngine} then '' else left(hs.text, ${RETURNED_TEXT_CHARS}) end`
      : sql`case when d.document ? 'text' then null else left(case when d.body <> '' then d.body else d.summary end, ${RETURNED_TEXT_CHARS}) end`;
    const lexemes = (words: string[]) => sql`array(select lexeme from unnest(to_tsvector('english', ${words.join(' ')})))`;
    const pageRows = sql`select h.type, d.document::text as document, ${docText} as doc_text, h.rank, h.title, h.location as hit_location,
        ${counts.matches} as matches, ${counts.ranked} as ranked, (select count(*) from hits) as fetched,
        ${highlight ? sql`case when ${inEngine} then hs.text end` : sql`null`} as hl_text,
        ${highlight ? sql`case when not ${inEngine} then ${headlineWindowSql(sql`hs.text`, locatorSql(stems))} end` : sql`null`} as hl_window,
        ${highlight ? lexemes(highlightWords.words) : sql`null`} as hl_words,
        ${highlight ? lexemes(highlightWords.prefixes) : sql`null`} as hl_prefixes
      from hits h
      join ${documents} d on d.type = h.type and d.generation = h.generation and d.location = h.location
      cross join q
      ${highlight ? sql`cross join lateral (${this.highlightSource()}) hs` : sql``}
      order by h.rank desc, lower(h.title), h.location
      limit ${query.pageLimit}`;
    // With the version its snapshot saw (see IndexChanges), on one row of nulls when the page is empty, so
    // that an empty answer is kept too.
    const { rows: all } = await this.gate(() => sql<HitRow>`${sql.raw(PREPARE)}
      with q as (${termCte(tsquery, this.schema, small || browsing ? undefined : term, whole)}),
      ${steps}
      ${withVersion
        ? sql`select r.*, v.version from (${pageRows}) r right join (select ${this.changes.versionSql()} as version) v on true
          order by r.rank desc, lower(r.title), r.hit_location`
        : pageRows}`.execute(this.statements));
    const rows = withVersion ? all.filter((r) => r.type !== null) : all;
    const page = rows;
    const tags = { preTag: this.preTag, postTag: this.postTag };
    const locator = highlight ? locatorOf(stems) : undefined;
    // Every row carries the same lexemes.
    const terms: HighlightTerms = {
      words: [...(rows[0]?.hl_words ?? []), ...highlightWords.words],
      prefixes: [...(rows[0]?.hl_prefixes ?? []), ...highlightWords.prefixes],
      phrases: highlightWords.phrases ?? [],
    };
    // The full-text leg holds every match unless it reached its limit, which is past the count cap; either
    // way the count stops at the cap. Past the last page no row carries the counts; a separate count says
    // how many there are.
    const first = rows[0];
    const total = small ? (first ? Math.min(COUNT_CAP, Number(first.matches)) : offset > 0 ? await this.count(query, tsquery, whole, browsing) : 0)
      : browsing ? await this.count(query, tsquery, whole, browsing)
      : first ? Math.min(COUNT_CAP, Math.max(Number(first.ranked), Number(first.matches)))
      : offset > 0 ? await this.count(query, tsquery, whole, browsing) : 0;
    return { version: all[0]?.version, page: {
      results: page.map((r, i) => ({
        type: r.type,
        // '' stands for the text sent for highlights.
        document: r.doc_text === null ? r.document : withText(r.document, returnedText(r.doc_text === '' ? r.hl_text ?? '' : r.doc_text)),
        rank: offset + i + 1,
        ...(highlight && {
          highlight: {
            preTag: this.preTag,
            postTag: this.postTag,
            fields: { title: highlightAll(r.title, terms, tags), text: highlightFragments(r.hl_text !== null ? highlightWindow(r.hl_text, locator) : r.hl_window ?? '', terms, tags) },
          },
        }),
      })),
      ...(Number(rows[0]?.fetched ?? 0) > query.pageLimit && { nextPageCursor: encodeCursor(query.page + 1) }),
      ...(query.page > 0 && { previousPageCursor: encodeCursor(query.page - 1) }),
      numberOfResults: total,
    } };
  }

  private async countFacets(query: Omit<EngineQuery, 'page' | 'pageLimit'>): Promise<SearchFacetsResponse> {
    const { tsquery, whole, browsing } = await this.prepare(query.term);
    const columns: Record<FacetField, string> = { kind: 'm.kind', type: 'm.doc_type', owner: 'm.owner', lifecycle: 'm.lifecycle', tags: 'unnest(m.tags)' };
    const inTypes = query.types.length ? sql`m.type = any(${query.types}::text[])` : sql`true`;
    const branches = [
      sql`(select 'types' as facet, m.type as value, count(*) as count from m where ${allFilters('m', query.filters)} group by 2)`,
      ...FACET_FIELDS.map((f) => sql`(select ${sql.lit(f)} as facet, v.value, count(*) as count
        from (select ${sql.raw(columns[f])} as value from m where ${inTypes} and ${allFilters('m', query.filters, f)}) v
        where v.value is not null group by 2 order by 3 desc, 2 limit ${FACET_VALUES})`),
    ];
    // Not through the gate: a facet count takes tens of ms, and queries would wait behind it.
    const { rows } = await sql<{ facet: string; value: string; count: string }>`
      with q as (${termCte(tsquery, this.schema, undefined, whole)}),
      m as materialized (
        select d.type, d.kind, d.doc_type, d.owner, d.lifecycle, d.namespace, d.entity_ref, d.tags, d.document
          ${'text' in query.filters ? sql`, d.body, d.summary` : sql``}
        from ${this.table('documents')} d
        join ${this.table('index_state')} s on s.type = d.type and s.live_generation = d.generation
        cross join q
        where ${browsing ? sql`true` : matchCondition()}
        limit ${FACET_SAMPLE}
      )
      ${sql.join(branches, sql` union all `)}`.execute(this.statements);
    const result: SearchFacetsResponse = { types: {}, facets: { kind: [], type: [], owner: [], lifecycle: [], tags: [] } };
    for (const r of rows) {
      if (r.facet === 'types') result.types[r.value] = Number(r.count);
      else result.facets[r.facet as FacetField].push({ value: r.value, count: Number(r.count) });
    }
    return result;
  }

  /** Parses the term and corrects its typos against the lexicon. An empty term browses everything. */
  private async prepare(text: string): Promise<{ term: ParsedTerm; tsquery?: string; whole?: WholeWord; browsing: boolean; stems: string[]; highlightWords: HighlightTerms }> {
    const term = parseTerm(text);
    const correctable = new Set(correctableWords(term));
    const words = term.clauses.flatMap((c) => (c.kind === 'word' && correctable.has(c.word) ? [{ word: c.word, prefix: c.prefix }] : []));
    const corrections = await this.corrections(words);
    // Where highlights are looked for: the start of any word that must match, or of its corrections.
    const stems = [...new Set([...term.words, ...[...corrections.values()].flat()].map((w) => w.slice(0, LOCATOR_CHARS)))];
    const typed = typedWord(term);
    const wholeTsquery = typed === undefined ? undefined : toTsquery(term, corrections, { typedAsPrefix: false });
    return {
      term, tsquery: toTsquery(term, corrections), browsing: text.trim() === '', stems,
      highlightWords: highlightWordsOf(term, corrections),
      ...(typed !== undefined && wholeTsquery !== undefined && { whole: { word: typed, tsquery: wholeTsquery } }),
    };
  }

  /**
   * Corrections per typed word, remembered for a minute: the same words arrive with every keystroke of
   * every user, and the lexicon changes slowly (a new word only adds a correction nobody needed yet).
   */
  private async corrections(words: Array<{ word: string; prefix: boolean }>): Promise<Map<string, string[]>> {
    const now = Date.now();
    const key = (w: { word: string; prefix: boolean }) => `${w.prefix ? '*' : ''}${w.word}`;
    const missing = words.filter((w) => (this.correctionCache.get(key(w))?.until ?? 0) < now);
    if (missing.length) {
      const found = await findCorrections(this.statements, this.schema, missing);
      if (this.correctionCache.size > CORRECTION_CACHE_SIZE) this.correctionCache.clear();
      for (const w of missing) this.correctionCache.set(key(w), { words: found.get(w.word) ?? [], until: now + CORRECTION_TTL_MS });
    }
    return new Map(words.map((w) => [w.word, this.correctionCache.get(key(w))?.words ?? []]));
  }

  private async count(query: EngineQuery, tsquery: string | undefined, whole: WholeWord | undefined, browsing: boolean): Promise<number> {
    const { rows } = await this.gate(() => sql<{ n: string }>`
      with q as (${termCte(tsquery, this.schema, undefined, whole)})
      select count(*) as n from (select 1 from ${this.table('documents')} d
      join ${this.table('index_state')} s on s.type = d.type and s.live_generation = d.generation
      cross join q
      where ${query.types.length ? sql`d.type = any(${query.types}::text[])` : sql`true`}
        and ${browsing ? sql`true` : matchCondition()} and ${allFilters('d', query.filters)} limit ${COUNT_CAP}) x`.execute(this.statements));
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The text highlights come from, as `hs.text`, read once: every mention of a column held out of line
   * (a docs page's body) fetches and decompresses it again, and the window takes two (`|| ''` makes a
   * copy in memory, and `offset 0` keeps the planner from folding the copy back into each mention).
   */
  private highlightSource(): RawBuilder<unknown> {
    return sql`select (case when d.body <> '' then d.body else d.summary end) || '' as text offset 0`;
  }

  /** Whether the index is small (see the constructor), looked at again every half minute. */
  private async isSmall(): Promise<boolean> {
    const limit = this.options.smallIndex ?? SMALL_INDEX;
    if (limit <= 0) return false;
    if (Date.now() < this.sizeCheck.until) return this.sizeCheck.small;
    const { rows } = await sql<{ n: string }>`select count(*) as n from (select 1 from ${this.table('documents')} limit ${limit}) x`.execute(this.statements);
    this.sizeCheck = { small: Number(rows[0]?.n ?? 0) < limit, until: Date.now() + SIZE_CHECK_MS };
    return this.sizeCheck.small;
  }

  private table(name: 'documents' | 'index_state') {
    return sql.table(`${this.schema}.${name}`);
  }
}

/** The words whose forms are highlighted: every word that must match and its corrections, the word being typed as a prefix, the phrases. */
function highlightWordsOf(term: ParsedTerm, corrections: ReadonlyMap<string, string[]>): HighlightTerms {
  const words: string[] = [];
  const prefixes: string[] = [];
  const phrases: string[][] = [];
  for (const c of term.clauses) {
    if (c.kind === 'word') {
      (c.prefix ? prefixes : words).push(c.word);
      words.push(...(corrections.get(c.word) ?? []));
    } else if (c.kind === 'phrase') phrases.push(c.words);
  }
  return { words, prefixes, phrases };
}

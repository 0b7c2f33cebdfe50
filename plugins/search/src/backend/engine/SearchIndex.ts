import { sql, type ColumnType, type Kysely } from 'kysely';
import type { SearchDocument } from '@atrium/plugin-search/common';
import type { SearchIndexWriter, TextWeight } from '../extensionPoint.js';
import { toDocumentRow, type DocumentRow } from './documentRows.js';
import { IndexChanges } from './indexChanges.js';
import { addToLexicon, lexiconWords } from './lexicon.js';

interface IndexStateRow {
  type: string;
  live_generation: string;
  building_generation: string | null;
  last_indexed_at: Date | null;
}
export interface SearchTables {
  documents: DocumentRow & { updated_at: ColumnType<Date, never, Date>; incremental_at: ColumnType<Date | null, Date | null | undefined, Date> };
  index_state: IndexStateRow;
}

const BATCH = 500;

/**
 * Writes the index. Each type has a live generation that queries read; a full reindex fills a new
 * generation beside it and swaps in one transaction, so the index is never empty or half-built.
 * Incremental writes go to the live generation; a reindex carries those made while it ran into the
 * new one, since they are newer than what it read.
 */
export class SearchIndex {
  /** Reindexes running here, with the locations removed meanwhile (the reindex may have read them before). */
  private readonly builds = new Map<string, { generation: string; startedAt: Date; removed: Set<string> }>();
  private readonly weights = new Map<string, TextWeight>();

  /**
   * `schema`: the plugin's schema, for raw SQL (query builders already target it). `changes`: the change
   * counter this index moves on after each visible write (shared with the engine reading it).
   */
  constructor(private readonly db: Kysely<SearchTables>, private readonly schema: string, private readonly changes = new IndexChanges(db, schema)) {}

  async registerType(type: string, textWeight: TextWeight): Promise<void> {
    this.weights.set(type, textWeight);
    await sql`insert into ${sql.table(`${this.schema}.index_state`)} (type, live_generation) values (${type}, nextval(${`${this.schema}.generation_seq`}))
      on conflict (type) do nothing`.execute(this.db);
  }

  /** Starts a full reindex: a fresh generation (dropping what a crashed earlier run left behind). */
  async beginReindex(type: string): Promise<string> {
    const state = await this.state(type);
    if (state.building_generation) await this.db.deleteFrom('documents').where('type', '=', type).where('generation', '=', state.building_generation).execute();
    const { rows } = await sql<{ g: string; now: Date }>`select nextval(${`${this.schema}.generation_seq`})::text as g, now() as now`.execute(this.db);
    const generation = rows[0]!.g;
    await this.db.updateTable('index_state').set({ building_generation: generation }).where('type', '=', type).execute();
    this.builds.set(type, { generation, startedAt: new Date(rows[0]!.now), removed: new Set() });
    return generation;
  }

  async writeReindexBatch(type: string, generation: string, documents: SearchDocument[]): Promise<void> {
    for (let i = 0; i < documents.length; i += BATCH) {
      const rows = documents.slice(i, i + BATCH).map((d) => toDocumentRow(type, generation, d, this.weight(type)));
      await this.learnWords(rows);
      // An incremental write that got there first is newer than what this reindex read.
      await this.db.insertInto('documents').values(dedupe(rows)).onConflict((c) => c.columns(['type', 'generation', 'location']).doNothing()).execute();
    }
  }

  /**
   * Makes the new generation live and drops the old one, atomically. Documents written incrementally
   * while the reindex ran are newer than what it read: they are carried over, and removals replayed.
   * False when another run took over.
   */
  async finishReindex(type: string, generation: string): Promise<boolean> {
    const build = this.builds.get(type);
    this.builds.delete(type);
    const removed = [...(build?.removed ?? [])];
    // A change just before the start may not be in what the reindex read; its event wrote it here.
    const since = new Date((build?.startedAt ?? new Date()).getTime() - CARRY_OVER_MARGIN_MS);
    const columns = sql.join(WRITTEN.map((c) => sql.ref(c)));
    const swapped = await this.db.transaction().execute(async (tx) => {
      const state = await tx.selectFrom('index_state').selectAll().where('type', '=', type).forUpdate().executeTakeFirstOrThrow();
      if (state.building_generation !== generation) return false;
      await sql`insert into ${this.table('documents')} (generation, ${columns}, updated_at, incremental_at)
        select ${generation}::bigint, ${columns}, updated_at, incremental_at from ${this.table('documents')}
        where type = ${type} and generation = ${state.live_generation} and incremental_at >= ${since}
        on conflict (type, generation, location) do update set
          ${sql.join(UPDATABLE.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))},
          updated_at = excluded.updated_at, incremental_at = excluded.incremental_at`.execute(tx);
      if (removed.length) await tx.deleteFrom('documents').where('type', '=', type).where('generation', '=', generation).where('location', 'in', removed).execute();
      await tx.deleteFrom('documents').where('type', '=', type).where('generation', '<>', generation).execute();
      await tx.updateTable('index_state').set({ live_generation: generation, building_generation: null, last_indexed_at: new Date() })
        .where('type', '=', type).execute();
      return true;
    });
    if (swapped) {
      // A reindex's batches each added to the change log (see IndexChanges): folded now, not 64 writes on.
      await this.changed(true);
      await this.flushPendingIndexEntries();
    }
    return swapped;
  }

  /**
   * A reindex's rows wait in the full-text indexes' pending lists (GIN's fast update) until a vacuum
   * merges them; until then every query reads the whole list (at 100,000 documents, 10 ms more per broad
   * term). Merged here, so a fresh index answers at full speed without waiting for autovacuum.
   */
  private async flushPendingIndexEntries(): Promise<void> {
    for (const index of ['documents_tsv_idx', 'documents_tsv_head_idx', 'documents_tsv_pairs_idx']) {
      await sql`select gin_clean_pending_list(${`${this.schema}.${index}`}::regclass)`.execute(this.db);
    }
  }

  async abortReindex(type: string, generation: string): Promise<void> {
    this.builds.delete(type);
    await this.db.deleteFrom('documents').where('type', '=', type).where('generation', '=', generation).execute();
    await this.db.updateTable('index_state').set({ building_generation: null }).where('type', '=', type).where('building_generation', '=', generation).execute();
  }

  /** Writes the live generation; a running reindex carries these over when it finishes. */
  async upsert(type: string, documents: SearchDocument[]): Promise<void> {
    if (!documents.length) return;
    const generation = (await this.state(type)).live_generation;
    const rows = dedupe(documents.map((d) => toDocumentRow(type, generation, d, this.weight(type))));
    await this.learnWords(rows);
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.db.insertInto('documents').values(rows.slice(i, i + BATCH).map((r) => ({ ...r, incremental_at: sql<Date>`now()` })))
        .onConflict((c) => c.columns(['type', 'generation', 'location']).doUpdateSet((eb) => ({
          ...Object.fromEntries(UPDATABLE.map((col) => [col, eb.ref(`excluded.${col}`)])),
          updated_at: sql<Date>`now()`,
          incremental_at: sql<Date>`now()`,
        }))).execute();
    }
    await this.changed();
  }

  async remove(type: string, locations: string[]): Promise<void> {
    if (!locations.length) return;
    const build = this.builds.get(type);
    for (const l of locations) build?.removed.add(l);
    await this.db.deleteFrom('documents').where('type', '=', type).where('location', 'in', locations).execute();
    await this.changed();
  }

  /** After a write queries can see: cached answers computed before it are no longer reused. */
  private async changed(fold = false): Promise<void> {
    await this.changes.moved(fold);
  }

  async replaceEntity(type: string, entityRef: string, documents: SearchDocument[]): Promise<void> {
    const ref = entityRef.toLowerCase();
    const keep = new Set(documents.map((d) => d.location));
    const stale = await this.db.selectFrom('documents').select('location').distinct().where('type', '=', type).where('entity_ref', '=', ref).execute();
    await this.remove(type, stale.map((r) => r.location).filter((l) => !keep.has(l)));
    await this.upsert(type, documents);
  }

  writerFor(type: string): SearchIndexWriter {
    return {
      upsert: (documents) => this.upsert(type, documents),
      remove: (locations) => this.remove(type, locations),
      replaceEntity: (entityRef, documents) => this.replaceEntity(type, entityRef, documents),
    };
  }

  async types(): Promise<Array<{ type: string; documents: number; lastIndexedAt: string | null }>> {
    const { rows } = await sql<{ type: string; documents: string; last_indexed_at: Date | null }>`
      select s.type, s.last_indexed_at,
        (select count(*) from ${sql.table(`${this.schema}.documents`)} d where d.type = s.type and d.generation = s.live_generation) as documents
      from ${sql.table(`${this.schema}.index_state`)} s order by s.type`.execute(this.db);
    return rows.map((r) => ({ type: r.type, documents: Number(r.documents), lastIndexedAt: r.last_indexed_at ? new Date(r.last_indexed_at).toISOString() : null }));
  }

  /** Words typos are corrected to. Never pruned: a word that is gone only offers a correction that finds nothing. */
  private async learnWords(rows: DocumentRow[]): Promise<void> {
    await addToLexicon(this.db, this.schema, lexiconWords(...rows.flatMap((r) => [r.label, r.summary.slice(0, 2_000)])));
  }

  private async state(type: string): Promise<IndexStateRow> {
    return this.db.selectFrom('index_state').selectAll().where('type', '=', type).executeTakeFirstOrThrow();
  }

  private table(name: 'documents' | 'index_state') {
    return sql.table(`${this.schema}.${name}`);
  }

  private weight(type: string): TextWeight {
    return this.weights.get(type) ?? 'summary';
  }
}

/** A reindex carries over incremental writes from this long before it started. */
const CARRY_OVER_MARGIN_MS = 5_000;
const UPDATABLE = ['title', 'name_key', 'label', 'keywords', 'summary', 'body', 'entity_ref', 'kind', 'doc_type', 'owner', 'lifecycle', 'namespace', 'tags', 'document'] as const;

/** Every stored column but the generation, the generated tsvector and the timestamp. */
const WRITTEN = ['type', 'location', ...UPDATABLE] as const;

/** One statement may not touch a row twice (ON CONFLICT would fail): the last copy of a location wins. */
function dedupe(rows: DocumentRow[]): DocumentRow[] {
  return [...new Map(rows.map((r) => [r.location, r])).values()];
}

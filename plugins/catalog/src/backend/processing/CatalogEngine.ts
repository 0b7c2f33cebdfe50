import { sql } from 'kysely';
import type { Logger } from '@atrium/backend';
import type { CatalogDb } from '../database/entityRows.js';
import { claimDue, retrySoon } from './claim.js';
import { stitchBatch, type StitchedEntity } from './stitch.js';
import { writeSearchRows, type Flatten } from './searchRows.js';
import { withResult, writeResults } from './writeResults.js';
import type { DeferredEntity } from '../database/entityRows.js';
import type { ClaimedEntity, EntityProcessor, ProcessingOutput } from './types.js';

export interface CatalogEngineOptions {
  catalog: CatalogDb;
  processor: EntityProcessor;
  flatten: Flatten;
  logger: Logger;
  /** Called with every entity whose final form changed (the plugin publishes change events). */
  onStitched?(entities: StitchedEntity[]): void | Promise<void>;
  batchSize?: number;
  /** How long until a processed entity is processed again (its source re-read). */
  refreshIntervalSeconds?: number;
  orphanStrategy?: 'delete' | 'keep';
  /** How long the loop sleeps when there is no work, unless woken. */
  pollMs?: number;
  /** Entities processed at once within a batch (reading locations is I/O bound). */
  concurrency?: number;
}

/**
 * The processing loop: claims due entities in batches, processes them, writes the results, then
 * stitches what changed — until there is no work, then sleeps until woken or the poll interval.
 * Every instance runs one; SKIP LOCKED keeps them on disjoint work.
 */
export class CatalogEngine {
  readonly #o: Required<Omit<CatalogEngineOptions, 'onStitched'>> & Pick<CatalogEngineOptions, 'onStitched'>;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #changedSinceAnalyze = 0;
  #relationRowsSinceVacuum = 0;

  constructor(options: CatalogEngineOptions) {
    this.#o = { batchSize: 200, refreshIntervalSeconds: 120, orphanStrategy: 'delete', pollMs: 1000, concurrency: 8, ...options };
  }

  /** Processes one batch; returns how many entities it claimed. */
  async processOnce(): Promise<number> {
    const t0 = performance.now();
    const claimed = await claimDue(this.#o.catalog, this.#o.batchSize, this.#o.refreshIntervalSeconds);
    if (claimed.length === 0) return 0;
    const t1 = performance.now();
    const outputs: ProcessingOutput[] = new Array(claimed.length);
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const i = next++;
        try {
          outputs[i] = await this.#o.processor(claimed[i]!);
        } catch (e) {
          // A processor bug must not stop the catalog: record it on the entity and carry on.
          this.#o.logger.error(`Processing ${claimed[i]!.ref} failed`, e as Error);
          outputs[i] = { relations: [], errors: [{ name: 'Error', message: `Processing failed: ${(e as Error).message}` }] };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#o.concurrency, claimed.length) }, worker));
    const t2 = performance.now();
    let relationRows: number;
    try {
      ({ relationRows } = await writeResults(this.#o.catalog, claimed.map((c, i) => ({ claimed: c, output: outputs[i]! })), {
        orphanStrategy: this.#o.orphanStrategy,
        prepareChildren: (children) => this.#processChildren(children),
      }));
    } catch (error) {
      // The claim put these entities' next read a whole interval out; results that could not be written
      // (the database gone for a moment, a statement aborted) are read again shortly instead, or a
      // Location read for the first time would miss its entities until then.
      await retrySoon(this.#o.catalog, claimed.map((c) => c.id), Math.min(this.#o.refreshIntervalSeconds, RETRY_FAILED_WRITE_SECONDS)).catch(() => {});
      throw error;
    }
    this.#relationRowsSinceVacuum += relationRows;
    this.#o.logger.debug(`Processed ${claimed.length} entities`, { claimMs: ms(t1 - t0), processMs: ms(t2 - t1), writeMs: ms(performance.now() - t2) });
    return claimed.length;
  }

  /**
   * Processes what a changed Location just emitted in the same batch (a chunk at a time, as it is
   * written), so each child is written once, already processed, instead of being written, claimed
   * and rewritten (a 10,000-entity file is then one batch). Child Locations are left to be claimed:
   * reading their targets is the slow part and belongs to their own batch.
   */
  async #processChildren(children: DeferredEntity[]): Promise<DeferredEntity[]> {
    const out: DeferredEntity[] = [];
    for (const child of children) {
      if (String((child.entity as { kind?: unknown }).kind).toLowerCase() === 'location') {
        out.push(child);
        continue;
      }
      const claimed: ClaimedEntity = {
        id: '', ref: child.ref, unprocessed: child.entity as Record<string, unknown>, locationKey: child.locationKey,
        position: child.position ?? null, ingestionErrors: child.ingestionErrors ?? [], resultHash: null, unprocessedHash: '',
      };
      try {
        out.push(withResult(child, await this.#o.processor(claimed), this.#o.refreshIntervalSeconds));
      } catch {
        out.push(child); // processed again when claimed, where a failure is recorded on the entity
      }
    }
    return out;
  }

  /** Stitches one batch; returns the entities whose final form changed. */
  async stitchOnce(): Promise<StitchedEntity[]> {
    const t0 = performance.now();
    const { changed } = await stitchBatch(this.#o.catalog, STITCH_BATCH);
    await this.#afterStitch(changed, performance.now() - t0);
    return changed;
  }

  /**
   * Stitches until the queue is empty, with two stitching statements running at once (SKIP LOCKED
   * keeps their batches apart): the database is what a bulk stitch waits on, and one statement keeps
   * one of its cores busy. Each worker writes its batches' search rows and events on another
   * connection while it stitches the next batch, so up to two batches' rows are written at once (one
   * queue for both had become the bottleneck at 100,000 entities: 35 s of search-row writes in a row).
   * writeSearchRows only writes rows for the form an entity still has, under a share lock.
   */
  async #drainStitching(maxBatches = 10_000): Promise<number> {
    let total = 0;
    let batches = 0;
    let drained = false;
    let failure: unknown;
    const worker = async () => {
      let mine: Promise<void> = Promise.resolve();
      try {
        while (!drained && failure === undefined && batches < maxBatches) {
          batches++;
          const t0 = performance.now();
          const { changed, count } = await stitchBatch(this.#o.catalog, STITCH_BATCH);
          const stitchMs = performance.now() - t0;
          if (count < STITCH_BATCH) drained = true;
          total += changed.length;
          const previous = mine;
          mine = mine.then(() => this.#afterStitch(changed, stitchMs)).catch((e: unknown) => { failure ??= e; });
          // At most two of this worker's batches are held at once.
          await previous;
        }
      } catch (e) {
        failure ??= e;
      } finally {
        await mine;
      }
    };
    await Promise.all(Array.from({ length: STITCH_WORKERS }, worker));
    if (failure !== undefined) throw failure;
    return total;
  }

  /** A stitched batch's filter keys, then its change events. */
  async #afterStitch(changed: StitchedEntity[], stitchMs: number): Promise<void> {
    if (changed.length === 0) return;
    const t1 = performance.now();
    await writeSearchRows(this.#o.catalog, changed, this.#o.flatten);
    const t2 = performance.now();
    await this.#o.onStitched?.(changed);
    this.#o.logger.debug(`Stitched ${changed.length} entities`, { stitchMs: ms(stitchMs), searchRowsMs: ms(t2 - t1), publishMs: ms(performance.now() - t2) });
    this.#changedSinceAnalyze += changed.length;
  }

  /**
   * After a large change (a first ingestion, a big provider sync) the planner's statistics are stale
   * until autovacuum gets to them, and filter queries pick nested loops over thousands of rows:
   * refresh them as soon as the work settles. VACUUM also sets the visibility map, without which
   * counts and facets cannot be answered from the indexes alone (measured: a facet over 5,000
   * components 19.5 ms with a table scan, 1.0 ms from the index).
   */
  async #analyzeIfChanged(): Promise<void> {
    if (this.#changedSinceAnalyze < 1000) return;
    this.#changedSinceAnalyze = 0;
    const { db, schema } = this.#o.catalog;
    await sql`vacuum (analyze) ${sql.table(`${schema}.entities`)}, ${sql.table(`${schema}.final_entities`)}, ${sql.table(`${schema}.search`)}, ${sql.table(`${schema}.relations`)}`.execute(db);
  }

  /**
   * Before stitching many new relation rows (a first ingestion, a big Location): VACUUM sets the
   * relations table's visibility map, so stitching reads each entity's relations from the covering
   * (source_ref, type, target_ref) index alone instead of visiting heap pages, and ANALYZE gives the
   * planner the table's new size. Measured at 10,000 entities: 0.27 s of VACUUM, and the relations part
   * of stitching went from 110-140 to 55-65 µs per entity.
   */
  async #prepareRelationsForStitching(): Promise<void> {
    if (this.#relationRowsSinceVacuum < VACUUM_AFTER_RELATION_ROWS) return;
    this.#relationRowsSinceVacuum = 0;
    const { db, schema } = this.#o.catalog;
    const t0 = performance.now();
    await sql`vacuum (analyze) ${sql.table(`${schema}.relations`)}`.execute(db);
    this.#o.logger.debug('Vacuumed relations before stitching', { ms: ms(performance.now() - t0) });
  }

  /** Processes and stitches until nothing is due (tests and first start use this). */
  async runUntilIdle(maxRounds = 10_000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      const processed = await this.#drainProcessing();
      await this.#prepareRelationsForStitching();
      const stitched = await this.#drainStitching();
      if (processed === 0 && stitched === 0 && !(await this.#hasStitchWork())) {
        await this.#analyzeIfChanged();
        return;
      }
    }
    throw new Error('The catalog did not settle; an entity may be emitting itself in a loop');
  }

  /**
   * Processes batches until the queue is drained (a short batch) or a bound is reached, before
   * stitching: an entity that many others point at (a team owning 500 components) is then stitched
   * once with all its relations rather than once per batch.
   */
  async #drainProcessing(maxBatches = 50): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.processOnce();
      total += n;
      if (n < this.#o.batchSize) break;
    }
    return total;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = (async () => {
      while (this.#running) {
        try {
          const processed = await this.#drainProcessing();
          await this.#prepareRelationsForStitching();
          const stitched = await this.#drainStitching();
          if (processed > 0 || stitched > 0) continue;
          await this.#analyzeIfChanged();
        } catch (e) {
          this.#o.logger.error('The catalog processing loop failed; retrying', e as Error);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#o.pollMs);
          this.#wake = () => { clearTimeout(timer); resolve(); };
        });
        this.#wake = undefined;
      }
    })();
  }

  /** Wakes the loop now (new locations, refresh requests). */
  wake(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  async #hasStitchWork(): Promise<boolean> {
    const row = await this.#o.catalog.db.selectFrom('stitch_queue').select('entity_id').limit(1).executeTakeFirst();
    return row !== undefined;
  }
}

const ms = (n: number) => Math.round(n);

/** Entities stitched per statement. */
const STITCH_BATCH = 1000;

/** How soon a batch whose results could not be written is read again. */
const RETRY_FAILED_WRITE_SECONDS = 10;

/** New relation rows after which stitching waits for a VACUUM of the relations table (see #prepareRelationsForStitching). */
const VACUUM_AFTER_RELATION_ROWS = 20_000;

/** Stitching statements running at once (see #drainStitching). */
const STITCH_WORKERS = 2;

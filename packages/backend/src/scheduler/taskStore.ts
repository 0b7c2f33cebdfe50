import { sql, type Kysely } from 'kysely';
import type { Migration, RootDatabaseService, TaskDescriptor } from '../api/services.js';
import { FRAMEWORK_SCHEMA } from '../database/pluginDatabase.js';
import { migrateFrameworkTables } from '../database/frameworkTables.js';

export interface TaskSettings {
  /** null for manual tasks, which only run when triggered. */
  frequencyMs: number | null;
  timeoutMs: number;
  initialDelayMs: number;
}

const migrations: Record<string, Migration> = {
  '20260101_scheduler_tasks': {
    async up(db) {
      await db.schema
        .createTable('scheduler_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('settings_json', 'jsonb', (c) => c.notNull())
        .addColumn('next_run_at', 'timestamptz')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'timestamptz')
        .addColumn('last_run_started_at', 'timestamptz')
        .addColumn('last_run_ended_at', 'timestamptz')
        .addColumn('last_run_error', 'text')
        .execute();
    },
  },
};

const ms = (value: number | string) => sql`make_interval(secs => ${value}::float8 / 1000)`;
const settingMs = (key: keyof TaskSettings) => sql`make_interval(secs => (settings_json->>${sql.lit(key)})::float8 / 1000)`;

/**
 * Leases for `global` tasks. All times come from the database's clock, so instances with skewed clocks
 * still agree; a lease lasts the task's timeout, so the lease of an instance that died simply expires.
 */
export class TaskStore {
  readonly #db: Kysely<any>;
  readonly #root: RootDatabaseService;
  #ready: Promise<void> | undefined;

  constructor(root: RootDatabaseService, private readonly instanceId: string) {
    this.#root = root;
    this.#db = root.getRootClient().withSchema(FRAMEWORK_SCHEMA);
  }

  ready(): Promise<void> {
    this.#ready ??= migrateFrameworkTables(this.#root, 'scheduler', migrations).catch((error) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  /** Registers the task, keeping the schedule another instance (or an earlier start) already set. */
  async upsert(id: string, settings: TaskSettings): Promise<void> {
    const firstRun = settings.frequencyMs === null ? sql`null::timestamptz` : sql`now() + ${ms(settings.initialDelayMs)}`;
    await this.#db
      .insertInto('scheduler_tasks')
      .values({ id, settings_json: JSON.stringify(settings), next_run_at: firstRun })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          settings_json: sql`excluded.settings_json`,
          next_run_at: sql`coalesce(scheduler_tasks.next_run_at, excluded.next_run_at)`,
        }),
      )
      .execute();
  }

  /** Atomically leases the due tasks among `ids`; concurrent callers never get the same task. */
  async claimDue(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db
      .updateTable('scheduler_tasks')
      .set({
        lease_owner: this.instanceId,
        lease_expires_at: sql`now() + ${settingMs('timeoutMs')}`,
        last_run_started_at: sql`now()`,
      })
      .where('id', '=', sql<string>`any(${ids}::text[])`)
      .where('next_run_at', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<=', sql<Date>`now()`)]))
      .returning('id')
      .execute();
    return rows.map((row) => row.id as string);
  }

  /** Releases our lease and schedules the next run: one frequency after the start, or now if that passed. */
  async complete(id: string, error: string | null): Promise<void> {
    await this.#db
      .updateTable('scheduler_tasks')
      .set({
        lease_owner: null,
        lease_expires_at: null,
        last_run_ended_at: sql`now()`,
        last_run_error: error,
        next_run_at: sql`case when settings_json->>'frequencyMs' is null then null
          else greatest(last_run_started_at + ${settingMs('frequencyMs')}, now()) end`,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', this.instanceId)
      .execute();
  }

  /** Makes the task due now. Returns false when it is running (its lease is live); undefined when unknown. */
  async triggerNow(id: string): Promise<boolean | undefined> {
    const updated = await this.#db
      .updateTable('scheduler_tasks')
      .set({ next_run_at: sql`now()` })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<=', sql<Date>`now()`)]))
      .returning('id')
      .executeTakeFirst();
    if (updated) return true;
    const exists = await this.#db.selectFrom('scheduler_tasks').select('id').where('id', '=', id).executeTakeFirst();
    return exists ? false : undefined;
  }

  /** Milliseconds until the earliest of `ids` may be claimed (due and not leased), or null if none is scheduled. */
  async msUntilNextDue(ids: string[]): Promise<number | null> {
    if (ids.length === 0) return null;
    const row = await this.#db
      .selectFrom('scheduler_tasks')
      .select(
        sql<string | null>`extract(epoch from min(greatest(next_run_at, coalesce(lease_expires_at, next_run_at))) - now()) * 1000`.as('ms'),
      )
      .where('id', '=', sql<string>`any(${ids}::text[])`)
      .where('next_run_at', 'is not', null)
      .executeTakeFirst();
    return row?.ms == null ? null : Math.max(0, Number(row.ms));
  }

  /** Tasks whose id starts with `prefix` (a plugin's `<pluginId>.`), with the prefix removed. */
  async list(prefix: string): Promise<TaskDescriptor[]> {
    const rows = await this.#db
      .selectFrom('scheduler_tasks')
      .selectAll()
      .select(sql<boolean>`lease_owner is not null and lease_expires_at > now()`.as('running'))
      .where(sql<boolean>`starts_with(id, ${prefix})`)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: (row.id as string).slice(prefix.length),
      scope: 'global',
      frequencyMs: (row.settings_json as TaskSettings).frequencyMs,
      nextRunAt: toIso(row.next_run_at),
      lastRunEndedAt: toIso(row.last_run_ended_at),
      lastRunError: row.last_run_error ?? null,
      running: Boolean(row.running),
    }));
  }
}

function toIso(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : value == null ? null : String(value);
}

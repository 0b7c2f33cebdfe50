import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Generated, type Kysely } from 'kysely';
import type { JsonObject, SerializedTask, TaskEvent, TaskEventType, TaskSpec, TaskStatus } from '@atrium/plugin-scaffolder/common';

interface Tables {
  tasks: {
    id: string; spec: TaskSpec; status: TaskStatus; created_by: string | null; template_ref: string | null; secrets: string | null;
    output: JsonObject | null; claimed_by: string | null; cancel_requested: Generated<boolean>; created_at: Generated<Date>;
    last_heartbeat_at: Date | null; completed_at: Date | null;
  };
  task_events: { id: Generated<string>; task_id: string; event_type: TaskEventType; body: TaskEvent['body']; created_at: Generated<Date> };
  keys: { id: string; value: string };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : undefined);

interface SelectedTask {
  id: string; spec: TaskSpec; status: TaskStatus; created_by: string | null; output: JsonObject | null; created_at: Date;
  last_heartbeat_at: Date | null; completed_at: Date | null;
}

function serialize(r: SelectedTask): SerializedTask {
  return {
    id: r.id, spec: r.spec, status: r.status, createdAt: iso(r.created_at)!, createdBy: r.created_by ?? undefined,
    lastHeartbeatAt: iso(r.last_heartbeat_at), completedAt: iso(r.completed_at), ...(r.output && { output: r.output }),
  };
}

export interface ListTasksQuery { createdBy?: string[]; status?: TaskStatus[]; limit: number; offset: number; order: 'asc' | 'desc' }

/** The scaffolder's task table: tasks, their claim and heartbeat, and their event log. */
export class TaskStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async create(t: { spec: TaskSpec; createdBy?: string; templateRef: string; secrets?: string }): Promise<string> {
    const id = randomUUID();
    await this.db.insertInto('tasks').values({
      id, spec: JSON.stringify(t.spec) as never, status: 'open', created_by: t.createdBy ?? null, template_ref: t.templateRef,
      secrets: t.secrets ?? null, output: null, claimed_by: null, last_heartbeat_at: null, completed_at: null,
    }).execute();
    return id;
  }

  async get(id: string): Promise<(SerializedTask & { cancelRequested: boolean; claimedBy?: string }) | undefined> {
    const r = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { ...serialize(r), cancelRequested: r.cancel_requested, claimedBy: r.claimed_by ?? undefined };
  }

  async list(q: ListTasksQuery): Promise<{ tasks: SerializedTask[]; totalTasks: number }> {
    let base = this.db.selectFrom('tasks');
    if (q.createdBy?.length) base = base.where('created_by', 'in', q.createdBy);
    if (q.status?.length) base = base.where('status', 'in', q.status);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', q.order).orderBy('id').limit(q.limit).offset(q.offset).execute(),
      base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { tasks: rows.map(serialize), totalTasks: Number(count.n) };
  }

  /**
   * Takes the oldest open task for this instance. `FOR UPDATE SKIP LOCKED` lets instances claim in
   * parallel without waiting on each other or taking the same task twice.
   */
  async claim(instanceId: string): Promise<{ id: string; spec: TaskSpec; secrets: string | null; createdBy: string | null } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const next = await trx.selectFrom('tasks').select(['id']).where('status', '=', 'open').orderBy('created_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
      if (!next) return undefined;
      const r = await trx.updateTable('tasks').set({ status: 'processing', claimed_by: instanceId, last_heartbeat_at: sql`now()` as never })
        .where('id', '=', next.id).returning(['id', 'spec', 'secrets', 'created_by']).executeTakeFirstOrThrow();
      return { id: r.id, spec: r.spec, secrets: r.secrets, createdBy: r.created_by };
    });
  }

  /** Records that the instance is still working; answers whether a cancel was asked for. */
  async heartbeat(id: string, instanceId: string): Promise<{ cancelRequested: boolean; stillOurs: boolean }> {
    const r = await this.db.updateTable('tasks').set({ last_heartbeat_at: sql`now()` as never })
      .where('id', '=', id).where('claimed_by', '=', instanceId).where('status', '=', 'processing')
      .returning(['cancel_requested']).executeTakeFirst();
    return { cancelRequested: r?.cancel_requested ?? false, stillOurs: r !== undefined };
  }

  async complete(id: string, status: 'completed' | 'failed' | 'cancelled', output?: JsonObject): Promise<void> {
    await this.db.updateTable('tasks').set({
      status, completed_at: sql`now()` as never, secrets: null, ...(output && { output: JSON.stringify(output) as never }),
    }).where('id', '=', id).execute();
  }

  /** Open tasks are cancelled at once; running ones get a flag their instance sees on its next heartbeat. */
  async requestCancel(id: string): Promise<TaskStatus | undefined> {
    const r = await this.db.updateTable('tasks')
      .set({ cancel_requested: true, status: sql`case when status = 'open' then 'cancelled' else status end` as never, completed_at: sql`case when status = 'open' then now() else completed_at end` as never })
      .where('id', '=', id).returning(['status']).executeTakeFirst();
    return r?.status;
  }

  /** Puts a finished task back in the queue (retry), with fresh secrets if given. */
  async reopen(id: string, secrets: string | null): Promise<boolean> {
    const r = await this.db.updateTable('tasks').set({ status: 'open', claimed_by: null, cancel_requested: false, completed_at: null, output: null, secrets })
      .where('id', '=', id).where('status', 'in', ['failed', 'cancelled', 'completed']).returning(['id']).executeTakeFirst();
    return r !== undefined;
  }

  /**
   * Tasks whose instance stopped heartbeating: those that asked for `startOver` go back to the queue,
   * the rest are failed. Either way each gets an event saying so, so no task is silently lost.
   */
  async recoverStale(staleAfterMs: number): Promise<Array<{ id: string; action: 'restarted' | 'failed' }>> {
    const stale = await this.db.selectFrom('tasks').select(['id', 'spec'])
      .where('status', '=', 'processing').where('last_heartbeat_at', '<', sql<Date>`now() - ${`${Math.round(staleAfterMs)} milliseconds`}::interval`).execute();
    const out: Array<{ id: string; action: 'restarted' | 'failed' }> = [];
    for (const t of stale) {
      const restart = t.spec.EXPERIMENTAL_recovery?.EXPERIMENTAL_strategy === 'startOver';
      const r = await this.db.updateTable('tasks')
        .set(restart ? { status: 'open', claimed_by: null } : { status: 'failed', completed_at: sql`now()` as never, secrets: null })
        .where('id', '=', t.id).where('status', '=', 'processing').returning(['id']).executeTakeFirst();
      if (r) out.push({ id: t.id, action: restart ? 'restarted' : 'failed' });
    }
    return out;
  }

  async appendEvent(taskId: string, type: TaskEventType, body: TaskEvent['body']): Promise<TaskEvent> {
    const r = await this.db.insertInto('task_events').values({ task_id: taskId, event_type: type, body: JSON.stringify(body) as never })
      .returning(['id', 'created_at']).executeTakeFirstOrThrow();
    return { id: Number(r.id), taskId, type, body, createdAt: iso(r.created_at)! };
  }

  async events(taskId: string, after?: number): Promise<TaskEvent[]> {
    let q = this.db.selectFrom('task_events').selectAll().where('task_id', '=', taskId);
    if (after !== undefined) q = q.where('id', '>', String(after));
    const rows = await q.orderBy('id').limit(5_000).execute();
    return rows.map((r) => ({ id: Number(r.id), taskId, type: r.event_type, body: r.body, createdAt: iso(r.created_at)! }));
  }

  /** A key kept in the database, made on first use (used when no secret is configured). */
  async sharedKey(id: string): Promise<string> {
    await this.db.insertInto('keys').values({ id, value: randomBytes(32).toString('base64') }).onConflict((oc) => oc.column('id').doNothing()).execute();
    return (await this.db.selectFrom('keys').select('value').where('id', '=', id).executeTakeFirstOrThrow()).value;
  }
}

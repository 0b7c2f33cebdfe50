import { sql, type Generated, type Kysely } from 'kysely';
import type { Greeting, Heartbeat } from '@atrium/plugin-example/common';

interface Tables {
  greetings: { id: Generated<number>; message: string; entity_ref: string | null; author: string; created_at: Generated<Date> };
  heartbeat: { id: number; runs: Generated<number>; last_run_at: Date | null };
}

const PAGE = 100;

/** Reads and writes the example plugin's tables. */
export class ExampleStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async listGreetings(entityRef: string | undefined): Promise<Greeting[]> {
    let q = this.db.selectFrom('greetings').selectAll().orderBy('id', 'desc').limit(PAGE);
    q = entityRef === undefined ? q : q.where('entity_ref', '=', entityRef);
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.id, message: r.message, entityRef: r.entity_ref, author: r.author, createdAt: new Date(r.created_at).toISOString() }));
  }

  async addGreeting(g: { message: string; entityRef: string | null; author: string }): Promise<Greeting> {
    const r = await this.db
      .insertInto('greetings')
      .values({ message: g.message, entity_ref: g.entityRef, author: g.author })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: r.id, message: r.message, entityRef: r.entity_ref, author: r.author, createdAt: new Date(r.created_at).toISOString() };
  }

  async beat(): Promise<void> {
    await this.db.updateTable('heartbeat').set({ runs: sql`runs + 1`, last_run_at: sql`now()` }).where('id', '=', 1).execute();
  }

  async heartbeat(frequencySeconds: number): Promise<Heartbeat> {
    const r = await this.db.selectFrom('heartbeat').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    return { runs: r.runs, lastRunAt: r.last_run_at ? new Date(r.last_run_at).toISOString() : null, frequencySeconds };
  }
}

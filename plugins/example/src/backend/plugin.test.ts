import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend } from '@atrium/backend/testing';
import type { Greeting, Heartbeat } from '@atrium/plugin-example/common';
import { examplePlugin } from './plugin.js';

describe.each(TEST_DATABASE_CLIENTS)('example plugin on %s', (client) => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend({ features: [examplePlugin], client, config: { example: { heartbeatSeconds: 1 } } });
  });
  afterAll(() => t?.stop());

  it('stores greetings with their author and lists them per entity, newest first', async () => {
    const post = (body: object) => t.fetch('/api/example/greetings', { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ message: 'first', entityRef: 'Component:default/Artist-Lookup' })).status).toBe(201);
    expect((await post({ message: 'portal-wide' })).status).toBe(201);
    expect((await post({ message: 'second', entityRef: 'component:default/artist-lookup' })).status).toBe(201);

    const forEntity = (await (await t.fetch('/api/example/greetings?entityRef=component:default/artist-lookup')).json()) as { items: Greeting[] };
    expect(forEntity.items.map((g) => g.message)).toEqual(['second', 'first']);
    expect(forEntity.items[0]).toMatchObject({ author: 'user:default/guest', entityRef: 'component:default/artist-lookup' });
    const all = (await (await t.fetch('/api/example/greetings')).json()) as { items: Greeting[] };
    expect(all.items).toHaveLength(3);
  });

  it('rejects an empty or too long message with a 400 naming the field', async () => {
    for (const message of ['   ', 'x'.repeat(281)]) {
      const r = await t.fetch('/api/example/greetings', { method: 'POST', body: JSON.stringify({ message }) });
      expect(r.status).toBe(400);
      expect((await r.json()).error.message).toMatch(/message/);
    }
  });

  it('runs its scheduled heartbeat task', async () => {
    const beat = await waitFor(async () => {
      const h = (await (await t.fetch('/api/example/heartbeat')).json()) as Heartbeat;
      return h.runs >= 2 ? h : undefined;
    }, { timeoutMs: 15_000 });
    expect(beat.lastRunAt).not.toBeNull();
    expect(beat.frequencySeconds).toBe(1);
  });

  it('requires sign-in', async () => {
    expect((await fetch(`${t.url}/api/example/greetings`)).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreServices, createBackendPlugin, type EventsService } from '@atrium/backend';
import { startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend } from '@atrium/backend/testing';
import { eventStreamRoutes, MAX_REFS_PER_MESSAGE } from './eventStreamRoutes.js';

const TOPIC = 'catalog.entity.changed';

/** Reads an SSE response into parsed `data:` messages and raw text, as a browser's fetch reader would. */
function readStream(response: Response) {
  const state = { text: '', messages: [] as Array<{ event?: string; data: { entityRefs: string[] } }>, done: false };
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) { state.done = true; return; }
      state.text += value;
      const blocks = state.text.split('\n\n');
      state.messages = blocks.slice(0, -1).flatMap((b) => {
        const lines = b.split('\n');
        const data = lines.find((l) => l.startsWith('data: '));
        return data ? [{ event: lines.find((l) => l.startsWith('event: '))?.slice(7), data: JSON.parse(data.slice(6)) }] : [];
      });
    }
  })();
  return { state, cancel: () => reader.cancel() };
}

describe.each(TEST_DATABASE_CLIENTS)('catalog event stream on %s', (client) => {
  let t: TestBackend;
  let events!: EventsService;
  let subscribers = 0;

  beforeAll(async () => {
    const plugin = createBackendPlugin({
      pluginId: 'catalog',
      register(env) {
        env.registerInit({
          deps: { http: coreServices.http, httpAuth: coreServices.httpAuth, events: coreServices.events },
          async init({ http, httpAuth, events: e }) {
            // Counts live subscriptions, so the test can see a closed stream let go of its subscription.
            events = {
              publish: (topic, payload) => e.publish(topic, payload),
              subscribe: (topics, handler) => {
                subscribers++;
                const off = e.subscribe(topics, handler);
                return () => { subscribers--; off(); };
              },
            };
            http.register(eventStreamRoutes({ httpAuth, events, topic: TOPIC, coalesceMs: 50, heartbeatMs: 200 }));
          },
        });
      },
    });
    t = await startTestBackend({ features: [plugin], client });
  });
  afterAll(() => t?.stop());

  it('streams changed entity refs, gathering a burst of batches into one message', async () => {
    const response = await t.fetch('/api/catalog/events');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { state, cancel } = readStream(response);
    await waitFor(async () => (state.text.includes(': connected') ? true : undefined));

    await events.publish(TOPIC, { entityRefs: ['component:default/a'] });
    await events.publish(TOPIC, { entityRefs: ['component:default/b', 'component:default/a'] });
    await events.publish('some.other.topic', { entityRefs: ['component:default/ignored'] });
    const first = await waitFor(async () => state.messages[0]);
    expect(first.event).toBe('entities-changed');
    expect(first.data.entityRefs.sort()).toEqual(['component:default/a', 'component:default/b']);

    await events.publish(TOPIC, { entityRefs: ['api:default/c'] });
    const second = await waitFor(async () => state.messages[1]);
    expect(second.data.entityRefs).toEqual(['api:default/c']);
    expect(state.messages).toHaveLength(2);
    await cancel();
  });

  it('splits a huge change into messages of bounded size', async () => {
    const { state, cancel } = readStream(await t.fetch('/api/catalog/events'));
    await waitFor(async () => (state.text.includes(': connected') ? true : undefined));
    const refs = Array.from({ length: MAX_REFS_PER_MESSAGE + 20 }, (_, i) => `component:default/c-${i}`);
    await events.publish(TOPIC, { entityRefs: refs });
    await waitFor(async () => (state.messages.length >= 2 ? true : undefined));
    expect(state.messages.map((m) => m.data.entityRefs.length)).toEqual([MAX_REFS_PER_MESSAGE, 20]);
    await cancel();
  });

  it('sends heartbeats and drops the subscription when the client goes away', async () => {
    // Streams the earlier tests cancelled close asynchronously on the server.
    await waitFor(async () => (subscribers === 0 ? true : undefined));
    const { state, cancel } = readStream(await t.fetch('/api/catalog/events'));
    await waitFor(async () => (state.text.includes(': heartbeat') ? true : undefined));
    expect(subscribers).toBe(1);
    await cancel();
    await waitFor(async () => (subscribers === 0 ? true : undefined));
  });

  it('requires sign-in', async () => {
    const response = await fetch(`${t.url}/api/catalog/events`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/json/);
  });

  it('does not hold up shutdown while a stream is open', async () => {
    const second = await startTestBackend({ features: [createBackendPlugin({
      pluginId: 'catalog',
      register(env) {
        env.registerInit({
          deps: { http: coreServices.http, httpAuth: coreServices.httpAuth, events: coreServices.events },
          async init({ http, httpAuth, events: e }) { http.register(eventStreamRoutes({ httpAuth, events: e, topic: TOPIC })); },
        });
      },
    })], client: 'pglite' });
    const { state } = readStream(await second.fetch('/api/catalog/events'));
    await waitFor(async () => (state.text.includes(': connected') ? true : undefined));
    const started = Date.now();
    await second.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(async () => (state.done ? true : undefined));
  });
});

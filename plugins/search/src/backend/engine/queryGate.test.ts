import { describe, expect, it } from 'vitest';
import { QueryGate } from './queryGate.js';

/** A task that runs until `finish` is called, recording when it started. */
function task(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return { run: () => { log.push(name); return done; }, finish: () => finish(), fail: (e: Error) => fail(e) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QueryGate', () => {
  it('runs at most its limit at once and starts the others in arrival order as slots free up', async () => {
    const gate = new QueryGate(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((n) => task(started, n));
    const results = tasks.map((t) => gate.run(t.run));
    await settle();
    expect(started).toEqual(['a', 'b']);
    tasks[1]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    tasks[2]!.finish();
    tasks[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('frees the slot of a statement that failed, and passes its error on', async () => {
    const gate = new QueryGate(1);
    const started: string[] = [];
    const [a, b] = [task(started, 'a'), task(started, 'b')];
    const first = gate.run(a.run);
    const second = gate.run(b.run);
    a.fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await settle();
    expect(started).toEqual(['a', 'b']);
    b.finish();
    expect(await second).toBe('b');
  });

  it('does not limit anything at 0', async () => {
    const gate = new QueryGate(0);
    const started: string[] = [];
    const tasks = Array.from({ length: 20 }, (_, i) => task(started, String(i)));
    const results = tasks.map((t) => gate.run(t.run));
    await settle();
    expect(started).toHaveLength(20);
    for (const t of tasks) t.finish();
    await Promise.all(results);
  });
});

import { describe, expect, it } from 'vitest';
import { AggregateCache } from './aggregateCache.js';

describe('AggregateCache', () => {
  it('computes once per key while fresh, shares a computation in flight, and recomputes after the TTL', async () => {
    let now = 0;
    let calls = 0;
    const cache = new AggregateCache({ ttlMs: 1000, now: () => now });
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    now = 999;
    expect(await cache.get('k', compute)).toBe(1);
    // Past the TTL: the last value while one recomputation runs, then the new one.
    now = 1000;
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual([1, 1]);
    expect(calls).toBe(2);
    expect(await cache.get('k', compute)).toBe(2);
    expect(await cache.get('other', compute)).toBe(3);
    // Twice the TTL past its computation, an entry is computed again before it is answered.
    now = 1000 + 2000;
    expect(await cache.get('other', compute)).toBe(4);
  });

  it('answers an expired value while its recomputation is slow or fails, but not after an invalidation', async () => {
    let now = 0;
    const cache = new AggregateCache({ ttlMs: 1000, now: () => now });
    expect(await cache.get('k', async () => 'first')).toBe('first');
    now = 1500;
    let finish!: (v: string) => void;
    const slow = new Promise<string>((resolve) => { finish = resolve; });
    expect(await cache.get('k', () => slow)).toBe('first');
    expect(await cache.get('k', async () => 'not asked')).toBe('first');
    finish('second');
    await slow;
    expect(await cache.get('k', async () => 'not asked')).toBe('second');
    now = 2600;
    expect(await cache.get('k', async () => { throw new Error('db down'); })).toBe('second');
    await new Promise((r) => setTimeout(r, 0));
    // The failed recomputation is tried again by the next request, which still gets the last value.
    expect(await cache.get('k', async () => 'third')).toBe('second');
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('k', async () => 'not asked')).toBe('third');
    now = 4000;
    cache.invalidate();
    expect(await cache.get('k', async () => 'fourth')).toBe('fourth');
  });

  it('forgets everything when invalidated, and never keeps a failure', async () => {
    const cache = new AggregateCache({ ttlMs: 60_000 });
    let n = 0;
    expect(await cache.get('k', async () => ++n)).toBe(1);
    cache.invalidate();
    expect(await cache.get('k', async () => ++n)).toBe(2);
    await expect(cache.get('bad', async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
  });

  it('stays within its bound, dropping the oldest entries', async () => {
    const cache = new AggregateCache({ ttlMs: 60_000, maxEntries: 2 });
    let n = 0;
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => ++n);
    expect(await cache.get('a', async () => 'recomputed')).toBe('recomputed');
    expect(await cache.get('c', async () => 'recomputed')).toBe(3);
  });

  it('is off with a TTL of 0', async () => {
    const cache = new AggregateCache({ ttlMs: 0 });
    let n = 0;
    await cache.get('k', async () => ++n);
    expect(await cache.get('k', async () => ++n)).toBe(2);
  });
});

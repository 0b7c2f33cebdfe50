import { afterEach, describe, expect, it } from 'vitest';
import { startIdleGarbageCollector } from './idleGarbageCollector.js';

const MB = 1024 * 1024;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle garbage collection', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('collects once the heap grew by the threshold and the process is idle, and not again until it grows again', async () => {
    let used = 100 * MB;
    const c = startIdleGarbageCollector({ intervalMs: 20, idleIntervals: 1, minGrowthBytes: 64 * MB, heapUsed: () => used, heapTotal: () => 200 * MB });
    stop = c.stop;
    await wait(100);
    expect(c.collections).toBe(0); // no growth
    used += 80 * MB;
    await wait(100);
    expect(c.collections).toBe(1);
    await wait(100);
    expect(c.collections).toBe(1); // the baseline moved to where the heap is now
    used += 30 * MB;
    await wait(100);
    expect(c.collections).toBe(1); // below the threshold
  });

  it('collects when the committed heap grew by the threshold though the heap in use did not (V8 collected on its own)', async () => {
    let total = 150 * MB;
    const c = startIdleGarbageCollector({ intervalMs: 20, idleIntervals: 1, minGrowthBytes: 64 * MB, heapUsed: () => 60 * MB, heapTotal: () => total });
    stop = c.stop;
    await wait(100);
    expect(c.collections).toBe(0);
    total += 100 * MB;
    await wait(100);
    expect(c.collections).toBe(1);
    await wait(100);
    expect(c.collections).toBe(1); // a collection that released nothing is not repeated
    total += 70 * MB;
    await wait(100);
    expect(c.collections).toBe(2);
  });

  it('waits while the event loop is busy', async () => {
    let used = 100 * MB;
    const c = startIdleGarbageCollector({ intervalMs: 30, idleIntervals: 2, minGrowthBytes: MB, heapUsed: () => used, heapTotal: () => 200 * MB });
    stop = c.stop;
    used += 10 * MB;
    // Keep the loop busy through several intervals: each check sees it fully utilised.
    const until = performance.now() + 200;
    while (performance.now() < until) { /* busy */ }
    await wait(5);
    expect(c.collections).toBe(0);
    await wait(120);
    expect(c.collections).toBe(1);
  });

  it('really frees an idle heap of its garbage', async () => {
    const c = startIdleGarbageCollector({ intervalMs: 50, idleIntervals: 2, minGrowthBytes: 16 * MB });
    stop = c.stop;
    const holder: { garbage?: string[][] } = { garbage: Array.from({ length: 200 }, (_, i) => Array.from({ length: 2000 }, (_, j) => `${i}:${j}:${'x'.repeat(40)}`)) };
    const before = process.memoryUsage().heapUsed;
    expect(holder.garbage).toHaveLength(200);
    delete holder.garbage;
    await wait(400);
    expect(c.collections).toBeGreaterThanOrEqual(1);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 16 * MB);
  });
});

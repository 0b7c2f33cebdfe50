import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleGarbageCollectorOptions {
  /** How often the heap is looked at (default 5 s). */
  intervalMs?: number;
  /** Heap growth since the last collection that is worth a collection (default 64 MB). */
  minGrowthBytes?: number;
  /** Event-loop utilisation under which the process counts as idle (default 0.05). */
  idleUtilisation?: number;
  /** Consecutive idle intervals before collecting (default 6, i.e. 30 s). */
  idleIntervals?: number;
  /** Heap used, for tests. */
  heapUsed?: () => number;
  /** Heap committed (used or not), for tests. */
  heapTotal?: () => number;
}

/**
 * A full garbage collection once the process goes idle after a burst of work (a catalog ingestion, a
 * docs build, a reindex). V8 collects the old generation only under allocation pressure, so a process
 * that allocated a few hundred MB and then went quiet keeps that garbage, and its RSS, indefinitely:
 * after ingesting 10,000 entities the catalog held 225 MB of heap of which 34 MB were live, and two
 * collections brought its RSS from ~300 to ~105 MB. The collection runs only when the event loop has
 * been idle for a while (30 s by default), so no request waits for it: a collection also shrinks the
 * young generation, and requests arriving right after it pay for regrowing it (by-name throughput
 * fell by a third when load followed a collection within seconds).
 */
export function startIdleGarbageCollector(options: IdleGarbageCollectorOptions = {}): { stop(): void; readonly collections: number } {
  const gc = exposeGc();
  const heapUsed = options.heapUsed ?? (() => process.memoryUsage().heapUsed);
  const heapTotal = options.heapTotal ?? (() => process.memoryUsage().heapTotal);
  const minGrowth = options.minGrowthBytes ?? 64 * 1024 * 1024;
  const idle = options.idleUtilisation ?? 0.05;
  let baseline = heapUsed();
  // Committed heap is watched too: when V8 collected on its own during the burst, the heap in use is
  // back near the baseline while the memory it grew into stays committed (RSS stayed at ~245 MB after
  // a 10,000-entity ingestion and load, in about half the benchmark runs, against ~140 MB collected).
  let baselineTotal = heapTotal();
  let elu = performance.eventLoopUtilization();
  const needIdle = options.idleIntervals ?? 6;
  let idleFor = 0;
  let collections = 0;
  let second: NodeJS.Timeout | undefined;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, elu).utilization;
    elu = now;
    const used = heapUsed();
    const total = heapTotal();
    // A heap that shrank on its own (V8 collected) is the new baseline.
    if (used < baseline) baseline = used;
    if (total < baselineTotal) baselineTotal = total;
    idleFor = busy > idle ? 0 : idleFor + 1;
    if (!gc || idleFor < needIdle || (used - baseline < minGrowth && total - baselineTotal < minGrowth)) return;
    gc();
    collections++;
    // A second collection a moment later frees what the first one's finalisers released.
    second = setTimeout(() => { gc(); baseline = heapUsed(); baselineTotal = heapTotal(); }, 1000);
    second.unref();
    baseline = heapUsed();
    baselineTotal = heapTotal();
  }, options.intervalMs ?? 5000);
  timer.unref();
  return {
    stop() { clearInterval(timer); clearTimeout(second); },
    get collections() { return collections; },
  };
}

let cached: (() => void) | undefined | null = null;

/** V8's `gc` without starting Node with --expose-gc: the flag applies to contexts created after it is set. */
function exposeGc(): (() => void) | undefined {
  if (cached !== null) return cached;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    cached = typeof fn === 'function' ? (fn as () => void) : undefined;
  } catch {
    cached = undefined;
  }
  return cached;
}

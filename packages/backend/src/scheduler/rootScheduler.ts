import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger, RootDatabaseService, SchedulerService } from '../api/services.js';
import { GlobalTaskRunner } from './globalTaskRunner.js';
import { LocalTaskRunner } from './localTaskRunner.js';
import { createPluginScheduler } from './pluginScheduler.js';
import { TaskStore } from './taskStore.js';

export interface RootSchedulerOptions {
  db: RootDatabaseService;
  logger: Logger;
  /** Identifies this backend instance in task leases; unique per process by default. */
  instanceId?: string;
  /** How often global tasks are polled when nothing is known to be due sooner. Default 5 s. */
  pollIntervalMs?: number;
  /** How long stop() waits for aborted tasks that ignore their signal. Default 10 s. */
  shutdownGraceMs?: number;
}

/** The backend-wide scheduler; plugins get their own facade through `forPlugin`. */
export interface RootScheduler {
  readonly instanceId: string;
  forPlugin(pluginId: string): SchedulerService;
  /** Begins running tasks (the backend calls this once every plugin has started). */
  start(): void;
  /** Clears timers, aborts running tasks and waits for them (at most the grace period). */
  stop(): Promise<void>;
}

export function createRootScheduler(options: RootSchedulerOptions): RootScheduler {
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const logger = options.logger.child({ component: 'scheduler' });
  const stopController = new AbortController();
  const store = new TaskStore(options.db, instanceId);
  const local = new LocalTaskRunner(logger, stopController.signal);
  const global = new GlobalTaskRunner(store, logger, options.pollIntervalMs ?? 5_000, stopController.signal);
  const plugins = new Map<string, SchedulerService>();
  let stopping: Promise<void> | undefined;

  return {
    instanceId,
    forPlugin(pluginId) {
      let scheduler = plugins.get(pluginId);
      if (!scheduler) {
        scheduler = createPluginScheduler(pluginId, { store, local, global });
        plugins.set(pluginId, scheduler);
      }
      return scheduler;
    },
    start() {
      if (stopController.signal.aborted) return;
      local.start();
      global.start();
    },
    stop() {
      stopping ??= (async () => {
        stopController.abort();
        const graceMs = options.shutdownGraceMs ?? 10_000;
        let timer: NodeJS.Timeout | undefined;
        const finished = Promise.all([local.stop(), global.stop()]).then(() => true);
        const gaveUp = new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), graceMs);
        });
        if (!(await Promise.race([finished, gaveUp]))) {
          logger.warn(`Some tasks ignored their abort signal and were still running ${graceMs} ms after shutdown began`);
        }
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

import type { Logger } from '../api/services.js';
import { runTask } from './runTask.js';
import type { TaskSettings, TaskStore } from './taskStore.js';

interface GlobalTask {
  id: string;
  settings: TaskSettings;
  fn(signal: AbortSignal): Promise<void>;
}

/**
 * Runs `global` tasks: polls the lease table and runs what this instance managed to claim. Between polls
 * it sleeps until the next known due time when that is sooner than the poll interval, so a task due in
 * 200 ms does not wait 5 s; other instances' changes are seen at the latest one interval later.
 */
export class GlobalTaskRunner {
  readonly #tasks = new Map<string, GlobalTask>();
  readonly #running = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #polling = false;
  #pollAgain = false;

  constructor(
    private readonly store: TaskStore,
    private readonly logger: Logger,
    private readonly pollIntervalMs: number,
    private readonly stopSignal: AbortSignal,
  ) {}

  add(task: GlobalTask): void {
    this.#tasks.set(task.id, task);
    this.wake();
  }

  has(id: string): boolean {
    return this.#tasks.has(id);
  }

  isRunningHere(id: string): boolean {
    return this.#running.has(id);
  }

  start(): void {
    this.#started = true;
    this.wake();
  }

  /** Polls soon, e.g. after a trigger or when a task was added. */
  wake(): void {
    if (!this.#started || this.stopSignal.aborted) return;
    this.#arm(0);
  }

  /** Stops polling; running tasks are aborted through the shared stop signal. Resolves when they end. */
  stop(): Promise<unknown> {
    clearTimeout(this.#timer);
    return Promise.allSettled(this.#running.values());
  }

  #arm(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#poll(), delayMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#polling = true;
    let delay = this.pollIntervalMs;
    try {
      // A task still running here (even past its lease) is never claimed again by this instance.
      const idle = [...this.#tasks.keys()].filter((id) => !this.#running.has(id));
      for (const id of await this.store.claimDue(idle)) this.#run(id);
      const untilDue = await this.store.msUntilNextDue([...this.#tasks.keys()].filter((id) => !this.#running.has(id)));
      // +5 ms so the database clock has surely passed the due time when we look again.
      if (untilDue !== null) delay = Math.min(delay, untilDue + 5);
    } catch (error) {
      if (!this.stopSignal.aborted) this.logger.warn(`Polling scheduled tasks failed: ${(error as Error).message}`);
    } finally {
      this.#polling = false;
    }
    if (this.stopSignal.aborted) return;
    if (this.#pollAgain) {
      this.#pollAgain = false;
      delay = 0;
    }
    this.#arm(delay);
  }

  #run(id: string): void {
    const task = this.#tasks.get(id);
    if (!task) return;
    const run = (async () => {
      const error = await runTask(task.fn, {
        taskId: id,
        timeoutMs: task.settings.timeoutMs,
        stopSignal: this.stopSignal,
        logger: this.logger,
      });
      try {
        await this.store.complete(id, error);
      } catch (completeError) {
        // The lease then expires by itself and another instance picks the task up.
        this.logger.error(`Recording the run of task ${id} failed: ${(completeError as Error).message}`);
      }
    })().finally(() => {
      this.#running.delete(id);
      this.wake();
    });
    this.#running.set(id, run);
  }
}

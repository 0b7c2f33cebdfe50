import type { Logger, TaskDescriptor } from '../api/services.js';
import { ConflictError } from '../api/errors.js';
import { runTask } from './runTask.js';
import type { TaskSettings } from './taskStore.js';

interface LocalTask {
  id: string;
  settings: TaskSettings;
  fn(signal: AbortSignal): Promise<void>;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  nextRunAt: number | null;
  lastRunEndedAt: number | null;
  lastRunError: string | null;
}

/** Runs `local` tasks with in-memory timers: every instance runs its own copy, nothing is stored. */
export class LocalTaskRunner {
  readonly #tasks = new Map<string, LocalTask>();
  #started = false;

  constructor(
    private readonly logger: Logger,
    private readonly stopSignal: AbortSignal,
  ) {}

  add(task: Pick<LocalTask, 'id' | 'settings' | 'fn'>): void {
    const entry: LocalTask = { ...task, nextRunAt: null, lastRunEndedAt: null, lastRunError: null };
    this.#tasks.set(task.id, entry);
    if (this.#started) this.#armFirstRun(entry);
  }

  has(id: string): boolean {
    return this.#tasks.has(id);
  }

  start(): void {
    this.#started = true;
    for (const entry of this.#tasks.values()) this.#armFirstRun(entry);
  }

  trigger(id: string): void {
    const entry = this.#tasks.get(id);
    if (!entry) return;
    if (entry.running) throw new ConflictError(`Task ${id} is running; try again when it has finished.`);
    clearTimeout(entry.timer);
    this.#run(entry);
  }

  describe(id: string, shownId: string): TaskDescriptor | undefined {
    const entry = this.#tasks.get(id);
    if (!entry) return undefined;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: shownId,
      scope: 'local',
      frequencyMs: entry.settings.frequencyMs,
      nextRunAt: iso(entry.nextRunAt),
      lastRunEndedAt: iso(entry.lastRunEndedAt),
      lastRunError: entry.lastRunError,
      running: entry.running !== undefined,
    };
  }

  stop(): Promise<unknown> {
    for (const entry of this.#tasks.values()) clearTimeout(entry.timer);
    return Promise.allSettled([...this.#tasks.values()].map((entry) => entry.running));
  }

  #armFirstRun(entry: LocalTask): void {
    if (entry.settings.frequencyMs !== null) this.#arm(entry, entry.settings.initialDelayMs);
  }

  #arm(entry: LocalTask, delayMs: number): void {
    if (this.stopSignal.aborted) return;
    clearTimeout(entry.timer);
    entry.nextRunAt = Date.now() + delayMs;
    entry.timer = setTimeout(() => this.#run(entry), delayMs);
    entry.timer.unref();
  }

  #run(entry: LocalTask): void {
    if (entry.running || this.stopSignal.aborted) return;
    const startedAt = Date.now();
    entry.nextRunAt = null;
    entry.running = runTask(entry.fn, {
      taskId: entry.id,
      timeoutMs: entry.settings.timeoutMs,
      stopSignal: this.stopSignal,
      logger: this.logger,
    }).then((error) => {
      entry.running = undefined;
      entry.lastRunEndedAt = Date.now();
      entry.lastRunError = error;
      const frequency = entry.settings.frequencyMs;
      if (frequency !== null) this.#arm(entry, Math.max(0, startedAt + frequency - Date.now()));
    });
  }
}

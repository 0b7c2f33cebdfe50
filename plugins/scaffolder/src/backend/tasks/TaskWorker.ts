import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventsService, Logger, UrlReaderService } from '@atrium/backend';
import type { TaskEvent, TaskEventType, TaskSpec } from '@atrium/plugin-scaffolder/common';
import { templateSourceFor } from '../fetch/templateSource.js';
import { SecureTemplater } from '../templating/index.js';
import type { ActionRegistry } from './actionRegistry.js';
import { runSteps, StepError } from './runSteps.js';
import { redactor, type SecretBox } from './secretBox.js';
import type { TaskStore } from './TaskStore.js';

/** Topic telling every instance that a task has new events (its SSE streams then read them). */
export const TASK_EVENTS_TOPIC = 'scaffolder.task-events';

export interface TaskWorkerOptions {
  store: TaskStore;
  actions: ActionRegistry;
  urlReader: UrlReaderService;
  events: EventsService;
  logger: Logger;
  secretBox: SecretBox;
  instanceId: string;
  concurrency: number;
  heartbeatMs: number;
  staleAfterMs: number;
  workingDirectory?: string;
  templaterTimeoutMs: number;
}

/**
 * Claims open tasks from the database and runs them, up to `concurrency` at once per instance.
 * While a task runs its heartbeat is renewed; a cancel asked for on any instance is seen on the next
 * beat. Tasks left by an instance that died are found by their stale heartbeat and failed or restarted.
 */
export class TaskWorker {
  /** Local listeners of new task events (the SSE streams on this instance). */
  readonly updates = new EventEmitter().setMaxListeners(0);
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private janitor: NodeJS.Timeout | undefined;
  private stopped = false;
  private polling = false;

  constructor(private readonly o: TaskWorkerOptions) {}

  start() {
    this.stopped = false;
    const tick = () => void this.poll();
    this.timer = setInterval(tick, 1_000);
    this.janitor = setInterval(() => void this.recover(), Math.max(1_000, Math.floor(this.o.staleAfterMs / 2)));
    void this.recover().then(tick);
  }

  /** Looks for work now (after a task was created or retried here). */
  wake() {
    void this.poll();
  }

  /** Aborts running tasks at once; resolves when they have let go. Safe to call twice. */
  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.janitor);
    for (const r of this.running.values()) r.abort.abort(new Error('The backend is shutting down'));
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /** Records an event, then tells local and remote listeners. */
  async emit(taskId: string, type: TaskEventType, body: TaskEvent['body']): Promise<TaskEvent> {
    const event = await this.o.store.appendEvent(taskId, type, body);
    this.updates.emit(taskId);
    await this.o.events.publish(TASK_EVENTS_TOPIC, { taskId }).catch(() => {});
    return event;
  }

  async recover() {
    if (this.stopped) return;
    try {
      for (const t of await this.o.store.recoverStale(this.o.staleAfterMs)) {
        const message = t.action === 'restarted'
          ? 'The instance running this task stopped; the task starts over (EXPERIMENTAL_recovery: startOver)'
          : 'The instance running this task stopped before it finished; the task was marked failed. Retry it to run it again.';
        await this.emit(t.id, 'recovered', { message });
        if (t.action === 'failed') await this.emit(t.id, 'completion', { message, status: 'failed', error: { name: 'TaskRecoveryError', message } });
        this.o.logger.warn(`Task ${t.id} ${t.action} after its instance stopped heartbeating`);
      }
      if (this.running.size < this.o.concurrency) void this.poll();
    } catch (error) {
      this.o.logger.error('Could not recover stale tasks', error as Error);
    }
  }

  private async poll() {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      while (!this.stopped && this.running.size < this.o.concurrency) {
        const task = await this.o.store.claim(this.o.instanceId);
        if (!task) break;
        const abort = new AbortController();
        const done = this.run(task.id, task.spec, task.secrets, abort).finally(() => this.running.delete(task.id));
        this.running.set(task.id, { abort, done });
      }
    } catch (error) {
      if (!this.stopped) this.o.logger.error('Could not claim scaffolder tasks', error as Error);
    } finally {
      this.polling = false;
    }
  }

  private async run(taskId: string, spec: TaskSpec, sealed: string | null, abort: AbortController) {
    let secrets: Record<string, string>;
    try {
      secrets = sealed ? this.o.secretBox.open(sealed) : {};
    } catch {
      await this.finish(taskId, 'failed', 'The task\'s secrets could not be decrypted (was scaffolder.secretsKey or backend.auth.secret changed?)');
      return;
    }
    const redact = redactor(secrets);
    const beat = setInterval(() => {
      void this.o.store.heartbeat(taskId, this.o.instanceId).then((h) => {
        if (h.cancelRequested && !abort.signal.aborted) abort.abort(new Error('The task was cancelled'));
      }, () => {});
    }, this.o.heartbeatMs);
    const root = this.o.workingDirectory ?? tmpdir();
    await mkdir(root, { recursive: true });
    const workspacePath = await mkdtemp(join(root, 'atrium-task-'));
    const templater = new SecureTemplater({ timeoutMs: this.o.templaterTimeoutMs });
    try {
      const output = await runSteps({
        taskId, spec, secrets, actions: this.o.actions, templater, workspacePath, isDryRun: false, signal: abort.signal,
        templateSource: templateSourceFor({ baseUrl: spec.templateInfo?.baseUrl, urlReader: this.o.urlReader }),
        emit: async (body) => { await this.emit(taskId, 'log', { ...body, message: redact(body.message) }); },
      });
      const safeOutput = JSON.parse(redact(JSON.stringify(output)));
      await this.o.store.complete(taskId, 'completed', safeOutput);
      await this.emit(taskId, 'completion', { message: 'Run completed', status: 'completed', output: safeOutput });
    } catch (error) {
      const cancelled = abort.signal.aborted && !this.stopped;
      const message = redact((error as Error).message ?? String(error));
      if (this.stopped && abort.signal.aborted) {
        // Shutting down: leave the task processing; its heartbeat goes stale and another instance recovers it.
        return;
      }
      const step = error instanceof StepError ? `Step "${error.stepName}" failed: ` : '';
      await this.finish(taskId, cancelled ? 'cancelled' : 'failed', cancelled ? 'The task was cancelled' : `${step}${message}`);
    } finally {
      clearInterval(beat);
      templater.dispose();
      await rm(workspacePath, { recursive: true, force: true });
    }
  }

  private async finish(taskId: string, status: 'failed' | 'cancelled', message: string) {
    await this.o.store.complete(taskId, status);
    if (status === 'cancelled') await this.emit(taskId, 'cancelled', { message, status });
    await this.emit(taskId, 'completion', { message, status, ...(status === 'failed' && { error: { name: 'Error', message } }) });
  }
}

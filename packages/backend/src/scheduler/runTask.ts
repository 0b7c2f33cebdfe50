import type { Logger } from '../api/services.js';

export interface RunTaskOptions {
  taskId: string;
  timeoutMs: number;
  /** Aborted when the scheduler stops, so running tasks wind down with the backend. */
  stopSignal: AbortSignal;
  logger: Logger;
}

/**
 * Runs a task function once, aborting its signal at the timeout or on shutdown. Never throws: a failure
 * is logged and returned as the message to store, so the next run is still scheduled.
 */
export async function runTask(fn: (signal: AbortSignal) => Promise<void>, options: RunTaskOptions): Promise<string | null> {
  const { taskId, timeoutMs, stopSignal, logger } = options;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`Task ${taskId} timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onStop = () => controller.abort(new Error(`Task ${taskId} aborted: the scheduler is stopping`));
  if (stopSignal.aborted) onStop();
  else stopSignal.addEventListener('abort', onStop, { once: true });
  const startedAt = Date.now();
  try {
    logger.debug(`Task ${taskId} started`);
    await fn(controller.signal);
    if (timedOut) {
      // The function finished, but only after its time was up: another instance may already run it.
      const message = `Task ${taskId} timed out after ${timeoutMs} ms`;
      logger.warn(message);
      return message;
    }
    logger.debug(`Task ${taskId} finished in ${Date.now() - startedAt} ms`);
    return null;
  } catch (error) {
    const message = timedOut
      ? `Task ${taskId} timed out after ${timeoutMs} ms`
      : error instanceof Error
        ? error.message
        : String(error);
    logger.error(`Task ${taskId} failed: ${message}`, error instanceof Error ? error : { error: String(error) });
    return message;
  } finally {
    clearTimeout(timer);
    stopSignal.removeEventListener('abort', onStop);
  }
}

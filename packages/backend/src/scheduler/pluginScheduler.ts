import type { SchedulerService, TaskDefinition, TaskDescriptor } from '../api/services.js';
import { ConflictError, InputError, NotFoundError } from '../api/errors.js';
import type { GlobalTaskRunner } from './globalTaskRunner.js';
import { parseHumanDuration } from './humanDuration.js';
import type { LocalTaskRunner } from './localTaskRunner.js';
import type { TaskSettings, TaskStore } from './taskStore.js';

export interface SchedulerParts {
  store: TaskStore;
  local: LocalTaskRunner;
  global: GlobalTaskRunner;
}

/** One plugin's view of the scheduler: its task ids are stored as `<pluginId>.<id>`. */
export function createPluginScheduler(pluginId: string, parts: SchedulerParts): SchedulerService {
  const { store, local, global } = parts;
  const prefix = `${pluginId}.`;
  const localIds = new Set<string>();

  return {
    async schedule(task: TaskDefinition) {
      if (!task.id || /\s/.test(task.id)) throw new InputError(`Task id "${task.id}" of plugin "${pluginId}" must be non-empty without spaces.`);
      const fullId = prefix + task.id;
      if (local.has(fullId) || global.has(fullId)) {
        throw new ConflictError(`Task "${task.id}" of plugin "${pluginId}" is already scheduled.`);
      }
      const settings = readSettings(task, pluginId);
      if ((task.scope ?? 'global') === 'local') {
        localIds.add(task.id);
        local.add({ id: fullId, settings, fn: task.fn });
        return;
      }
      await store.ready();
      await store.upsert(fullId, settings);
      global.add({ id: fullId, settings, fn: task.fn });
    },

    async trigger(id: string) {
      const fullId = prefix + id;
      if (local.has(fullId)) return local.trigger(fullId);
      await store.ready();
      if (global.isRunningHere(fullId)) throw runningError(id, pluginId);
      const outcome = await store.triggerNow(fullId);
      if (outcome === undefined) throw new NotFoundError(`Plugin "${pluginId}" has no task "${id}".`);
      if (!outcome) throw runningError(id, pluginId);
      global.wake();
    },

    async list(): Promise<TaskDescriptor[]> {
      await store.ready();
      const globals = await store.list(prefix);
      const locals = [...localIds].flatMap((id) => local.describe(prefix + id, id) ?? []);
      return [...globals, ...locals].sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

function runningError(id: string, pluginId: string): ConflictError {
  return new ConflictError(`Task "${id}" of plugin "${pluginId}" is running; try again when it has finished.`);
}

function readSettings(task: TaskDefinition, pluginId: string): TaskSettings {
  try {
    const manual = typeof task.frequency === 'object' && task.frequency !== null && 'manual' in task.frequency;
    const timeoutMs = parseHumanDuration(task.timeout);
    if (timeoutMs <= 0) throw new InputError('timeout must be greater than 0');
    return {
      frequencyMs: manual ? null : parseHumanDuration(task.frequency as Exclude<TaskDefinition['frequency'], { manual: true }>),
      timeoutMs,
      initialDelayMs: task.initialDelay === undefined ? 0 : parseHumanDuration(task.initialDelay),
    };
  } catch (error) {
    throw new InputError(`Task "${task.id}" of plugin "${pluginId}": ${(error as Error).message}`);
  }
}

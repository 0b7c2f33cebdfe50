import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@atrium/backend';
import type { JsonObject, JsonValue, StepStatus, TaskEvent, TaskSpec } from '@atrium/plugin-scaffolder/common';
import type { TemplateSource } from '../fetch/templateSource.js';
import { renderValue, type SecureTemplater } from '../templating/index.js';
import type { ActionRegistry } from './actionRegistry.js';

export interface StepRunOptions {
  taskId: string;
  spec: TaskSpec;
  secrets: Record<string, string>;
  actions: ActionRegistry;
  templater: SecureTemplater;
  templateSource: TemplateSource;
  workspacePath: string;
  isDryRun: boolean;
  signal: AbortSignal;
  /** Receives every log line and step status change, already redacted by the caller. */
  emit(body: TaskEvent['body']): Promise<void>;
}

/** A step failed: carries its id so the task log and the UI can point at it. */
export class StepError extends Error {
  override readonly name = 'StepError';
  constructor(readonly stepId: string, message: string, readonly stepName = stepId) {
    super(message);
  }
}

function falsy(v: unknown): boolean {
  return v === undefined || v === null || v === false || v === '' || v === 'false' || v === 0;
}

/** Stand-in outputs for an action a dry run skips, so later steps and links still render. */
function dryRunOutputs(stepId: string, schema: JsonObject | undefined): JsonObject {
  const props = (schema?.properties ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(props).map((k) => [k, `dry-run:${stepId}.${k}`]));
}

/**
 * Runs a task's steps in order in its workspace, Backstage's way: `if` skips, `each` repeats, each
 * input is rendered in the sandbox then checked against the action's schema, and outputs become
 * `steps.<id>.output`. Returns the rendered template output. The first failing step ends the run.
 */
export async function runSteps(o: StepRunOptions): Promise<JsonObject> {
  const steps: Record<string, { output: JsonObject }> = {};
  const base = { parameters: o.spec.parameters, steps, user: o.spec.user ?? {}, context: { task: { id: o.taskId } } };
  const status = (stepId: string, s: StepStatus, message: string) => o.emit({ stepId, status: s, message });

  for (const [i, step] of o.spec.steps.entries()) {
    const where = `spec.steps[${i}]`;
    if (o.signal.aborted) throw new StepError(step.id, 'The task was cancelled');
    const action = o.actions.get(step.action);
    if (!action) throw new StepError(step.id, `${where}.action: unknown action ${step.action}`);
    const context = { ...base, secrets: o.secrets };
    try {
      if (step.if !== undefined) {
        const cond = await renderValue(o.templater, step.if, context, `${where}.if`);
        if (falsy(cond)) {
          await status(step.id, 'skipped', `Skipping step ${step.id}: its condition is false`);
          continue;
        }
      }
      await status(step.id, 'processing', `Beginning step ${step.name}`);
      let items: Array<{ key: string; value: JsonValue } | undefined> = [undefined];
      if (step.each !== undefined) {
        const each = await renderValue(o.templater, step.each, context, `${where}.each`);
        if (!each || typeof each !== 'object') throw new InputError(`${where}.each: must be an array or an object, got ${JSON.stringify(each)}`);
        items = Array.isArray(each) ? each.map((value, n) => ({ key: String(n), value })) : Object.entries(each).map(([key, value]) => ({ key, value }));
      }
      const outputs: JsonObject[] = [];
      for (const item of items) {
        const input = ((await renderValue(o.templater, step.input ?? {}, item ? { ...context, each: item } : context, `${where}.input`)) ?? {}) as JsonObject;
        const problems = o.actions.validateInput(action.id, input);
        if (problems.length) throw new InputError(`Invalid input passed to action ${action.id}: ${problems.join('; ')}`);
        const output: JsonObject = {};
        if (o.isDryRun && !action.supportsDryRun) {
          await o.emit({ stepId: step.id, message: `Dry run: skipping ${action.id}, which would run with ${JSON.stringify(input)}` });
          Object.assign(output, dryRunOutputs(step.id, action.schema.output));
        } else {
          const log = (level: string) => (message: string) => void o.emit({ stepId: step.id, message: level === 'info' ? message : `${level}: ${message}` });
          const temps: string[] = [];
          try {
            await action.handler({
              input, workspacePath: o.workspacePath, secrets: o.secrets, isDryRun: o.isDryRun, signal: o.signal, taskId: o.taskId,
              templateInfo: o.spec.templateInfo, user: o.spec.user, templater: o.templater, templateSource: o.templateSource,
              logger: { info: log('info'), warn: log('warning'), error: log('error'), debug: log('debug') },
              output: (name, value) => { output[name] = value; },
              createTemporaryDirectory: async () => {
                const dir = await mkdtemp(join(tmpdir(), 'atrium-step-'));
                temps.push(dir);
                return dir;
              },
              ...(item && { each: item }),
            });
          } finally {
            await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
          }
        }
        outputs.push(output);
      }
      // With `each`, every output name collects one value per item, as Backstage does.
      const collected: JsonObject = {};
      if (step.each !== undefined) {
        for (const out of outputs) for (const [k, v] of Object.entries(out)) collected[k] = [...((collected[k] as JsonValue[] | undefined) ?? []), v];
      }
      steps[step.id] = { output: step.each !== undefined ? collected : (outputs[0] ?? {}) };
      await status(step.id, 'completed', `Finished step ${step.name}`);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      await status(step.id, o.signal.aborted ? 'cancelled' : 'failed', message);
      throw new StepError(step.id, message, step.name);
    }
  }
  // Secrets are not part of the output's context: an output is stored and shown to everyone who sees the task.
  return ((await renderValue(o.templater, o.spec.output ?? {}, base, 'spec.output')) ?? {}) as JsonObject;
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { UrlReaderService } from '@atrium/backend';
import type { TaskEvent, TaskSpec } from '@atrium/plugin-scaffolder/common';
import { createTemplateAction } from '../actions/index.js';
import { debugLogAction } from '../actions/debug.js';
import { templateSourceFor } from '../fetch/templateSource.js';
import { SecureTemplater } from '../templating/index.js';
import { ActionRegistry } from './actionRegistry.js';
import { runSteps } from './runSteps.js';

const templater = new SecureTemplater();
afterAll(() => templater.dispose());

const actions = new ActionRegistry();
actions.register(debugLogAction);
actions.register(createTemplateAction<{ n: number }>({
  id: 'test:double',
  schema: { input: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } }, output: { type: 'object', properties: { twice: { type: 'number' } } } },
  async handler(ctx) { ctx.output('twice', ctx.input.n * 2); },
}));

let log: TaskEvent['body'][];
let workspacePath: string;
beforeEach(async () => {
  log = [];
  workspacePath = await mkdtemp(join(tmpdir(), 'atrium-steps-'));
  return () => rm(workspacePath, { recursive: true, force: true });
});

function spec(steps: TaskSpec['steps'], output: TaskSpec['output'] = {}, parameters = {}): TaskSpec {
  return { apiVersion: 'scaffolder.backstage.io/v1beta3', parameters, steps, output };
}
const run = (s: TaskSpec, signal = new AbortController().signal) => runSteps({
  taskId: 't1', spec: s, secrets: { token: 'abc123' }, actions, templater, workspacePath, isDryRun: false, signal,
  templateSource: templateSourceFor({ urlReader: {} as UrlReaderService, files: [] }), emit: async (b) => { log.push(b); },
});

describe('running a task\'s steps', () => {
  it('repeats a step per `each` item and collects each output name into a list', async () => {
    const out = await run(spec(
      [{ id: 'd', name: 'double', action: 'test:double', each: '${{ parameters.ns }}', input: { n: '${{ each.value }}' } }],
      { all: '${{ steps.d.output.twice }}', count: '${{ steps.d.output.twice | length }}' }, { ns: [1, 2, 3] },
    ));
    expect(out).toEqual({ all: [2, 4, 6], count: 3 });
  });

  it('skips a step whose `if` is false and gives later steps the outputs and context they expect', async () => {
    const out = await run(spec([
      { id: 'skip', name: 'skip', action: 'debug:log', if: '${{ parameters.flag }}', input: { message: 'no' } },
      { id: 'd', name: 'double', action: 'test:double', input: { n: 21 } },
      { id: 'log', name: 'log', action: 'debug:log', input: { message: 'task ${{ context.task.id }}: ${{ steps.d.output.twice }} ${{ secrets.token }}' } },
    ], { answer: '${{ steps.d.output.twice }}', noSecret: '${{ secrets.token }}' }, { flag: false }));
    expect(log.find((e) => e.stepId === 'skip')?.status).toBe('skipped');
    expect(log.some((e) => e.message === 'task t1: 42 abc123')).toBe(true); // the worker redacts it before storing
    expect(out).toEqual({ answer: 42 }); // secrets are not in the output's context
  });

  it('refuses an input that does not match the action\'s schema, naming the field', async () => {
    await expect(run(spec([{ id: 'd', name: 'double', action: 'test:double', input: { n: 'x' } }]))).rejects.toThrow(/Invalid input passed to action test:double: input\.n: must be number/);
    expect(log.at(-1)).toMatchObject({ stepId: 'd', status: 'failed' });
  });

  it('does not start a step once the task is cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(run(spec([{ id: 'd', name: 'double', action: 'test:double', input: { n: 1 } }]), abort.signal)).rejects.toThrow(/cancelled/);
    expect(log).toEqual([]);
  });
});

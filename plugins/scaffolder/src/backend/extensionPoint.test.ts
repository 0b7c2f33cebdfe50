import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendModule } from '@atrium/backend';
import { startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend } from '@atrium/backend/testing';
import { catalogPlugin } from '@atrium/plugin-catalog/backend';
import type { ActionInfo, SerializedTask, TaskEvent } from '@atrium/plugin-scaffolder/common';
import { createTemplateAction } from './actions/index.js';
import { scaffolderActionsExtensionPoint } from './extensionPoint.js';
import { scaffolderPlugin } from './plugin.js';

/** A module adding an action, as a plugin author would write it. */
const greetModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'greet',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      init({ scaffolder }) {
        scaffolder.addActions(createTemplateAction<{ who: string }>({
          id: 'acme:greet',
          description: 'Greets someone',
          schema: { input: { type: 'object', required: ['who'], properties: { who: { type: 'string', minLength: 2 } } }, output: { type: 'object', properties: { greeting: { type: 'string' } } } },
          async handler(ctx) {
            ctx.logger.info(`Hello ${ctx.input.who}`);
            ctx.output('greeting', `hello ${ctx.input.who}`);
          },
        }));
      },
    });
  },
});

const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: greet
spec:
  type: test
  steps:
    - id: greet
      action: acme:greet
      input:
        who: \${{ parameters.who }}
  output:
    greeting: \${{ steps.greet.output.greeting }}
`;

describe.each(TEST_DATABASE_CLIENTS)('actions added by modules on %s', (client) => {
  let t: TestBackend;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atrium-greet-'));
    await writeFile(join(dir, 'template.yaml'), template);
    t = await startTestBackend({
      features: [catalogPlugin, scaffolderPlugin, greetModule], client,
      config: { catalog: { processingInterval: { hours: 1 }, locations: [{ type: 'file', target: join(dir, 'template.yaml') }] } },
    });
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/template/default/greet')).ok, { timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await t?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the module\'s action, runs it, and validates its input against its schema', async () => {
    const actions = (await (await t.fetch('/api/scaffolder/v2/actions')).json()) as ActionInfo[];
    expect(actions.find((a) => a.id === 'acme:greet')).toMatchObject({ description: 'Greets someone', schema: { input: { required: ['who'] } } });
    const runWith = async (who: string) => {
      const r = await t.fetch('/api/scaffolder/v2/tasks', { method: 'POST', body: JSON.stringify({ templateRef: 'greet', values: { who } }) });
      const { id } = (await r.json()) as { id: string };
      const task = await waitFor(async () => {
        const x = (await (await t.fetch(`/api/scaffolder/v2/tasks/${id}`)).json()) as SerializedTask;
        return x.status === 'completed' || x.status === 'failed' ? x : undefined;
      });
      return { task, events: (await (await t.fetch(`/api/scaffolder/v2/tasks/${id}/events`)).json()) as TaskEvent[] };
    };
    const ok = await runWith('Ada');
    expect(ok.task.output).toEqual({ greeting: 'hello Ada' });
    expect(ok.events.some((e) => e.body.message === 'Hello Ada')).toBe(true);
    const bad = await runWith('A');
    expect(bad.task.status).toBe('failed');
    expect(bad.events.at(-1)?.body.message).toMatch(/Invalid input passed to action acme:greet: input\.who: must NOT have fewer than 2 characters/);
  });
});

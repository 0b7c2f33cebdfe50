import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend, type TestDatabase } from '@atrium/backend/testing';
import { catalogPlugin } from '@atrium/plugin-catalog/backend';
import type { SerializedTask, TaskEvent } from '@atrium/plugin-scaffolder/common';
import { scaffolderPlugin } from './plugin.js';

const templates = join(import.meta.dirname, 'testdata/templates.yaml');
const SECRET = 's3cr3t-token-value-1234';
const nodeService = join(process.cwd(), 'apps/portal/examples/templates/node-service');

/** A template folder as the editor sends it: every file, base64. */
function directoryContents(dir: string, root = dir): Array<{ path: string; base64Content: string }> {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? directoryContents(full, root) : [{ path: relative(root, full), base64Content: readFileSync(full).toString('base64') }];
  });
}

// Real backends, git pushes and catalog ingestion: on a busy 2-core machine a test can take a while.
vi.setConfig({ testTimeout: 90_000 });

describe.each(TEST_DATABASE_CLIENTS)('scaffolder tasks on %s', (client) => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let t: TestBackend;

  const boot = (extra: object = {}) => startTestBackend({
    features: [catalogPlugin, scaffolderPlugin],
    ...(database ? { database } : { client }),
    config: {
      ...(dataDir && { backend: { database: { client: 'pglite', connection: dataDir } } }),
      catalog: { processingInterval: { hours: 1 }, locations: [{ type: 'file', target: templates }] },
      scaffolder: { heartbeatSeconds: 0.2, staleTaskSeconds: 1, ...extra },
    },
  });
  const get = async <T>(path: string, backend = t) => (await (await backend.fetch(path)).json()) as T;
  const create = async (templateRef: string, values: object = {}, secrets?: object, backend = t) => {
    const r = await backend.fetch('/api/scaffolder/v2/tasks', { method: 'POST', body: JSON.stringify({ templateRef, values, secrets }) });
    expect(r.status, await r.clone().text()).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  const settled = (id: string, backend = t) => waitFor(async () => {
    const task = await get<SerializedTask>(`/api/scaffolder/v2/tasks/${id}`, backend);
    return ['completed', 'failed', 'cancelled'].includes(task.status) ? task : undefined;
  }, { timeoutMs: 40_000 });
  const events = (id: string, backend = t) => get<TaskEvent[]>(`/api/scaffolder/v2/tasks/${id}/events`, backend);

  beforeAll(async () => {
    // Both instances of the restart test must share one database: a PostgreSQL database, or a PGlite folder.
    if (client === 'pg') database = await createTestDatabase('pg');
    else dataDir = await mkdtemp(join(tmpdir(), 'atrium-scaffolder-pglite-'));
    t = await boot();
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/template/default/broken')).ok, { timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await t?.stop();
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stops at a failing step, shows its error, and does not run the steps after it', async () => {
    const id = await create('template:default/failing', { who: 'world' });
    const task = await settled(id);
    expect(task.status).toBe('failed');
    const log = await events(id);
    expect(log.find((e) => e.body.stepId === 'hello' && !e.body.status)?.body.message).toBe('hello world');
    expect(log.find((e) => e.body.stepId === 'move' && e.body.status === 'failed')?.body.message).toMatch(/files\[0\]\.from: missing\.txt does not exist/);
    expect(log.some((e) => e.body.stepId === 'never')).toBe(false);
    expect(log.at(-1)).toMatchObject({ type: 'completion', body: { status: 'failed', message: expect.stringMatching(/^Step "Move a file that is not there" failed: files\[0\]\.from/) } });
  });

  it('reports an invalid template with the location of each problem before anything runs', async () => {
    const r = await t.fetch('/api/scaffolder/v2/tasks', { method: 'POST', body: JSON.stringify({ templateRef: 'template:default/broken', values: {} }) });
    expect(r.status).toBe(400);
    const { error } = (await r.json()) as { error: { message: string } };
    expect(error.message).toMatch(/spec\.parameters\[0\]: is not a valid JSON Schema/);
    expect(error.message).toMatch(/spec\.steps\[0\]\.action: unknown action "does:not-exist"/);
    expect(error.message).toMatch(/spec\.steps\[1\]\.input\.message: bad expression/);
    expect((await get<{ totalTasks: number }>('/api/scaffolder/v2/tasks?status=open')).totalTasks).toBe(0);
  });

  it('keeps secrets out of the log, the stored task and the backend logs, and validates rendered inputs', async () => {
    const id = await create('template:default/with-secret', { name: 'fail' }, { apiToken: SECRET });
    const task = await settled(id);
    expect(task.status).toBe('failed');
    const log = await events(id);
    expect(log.find((e) => e.body.stepId === 'use' && !e.body.status)?.body.message).toBe('token is *** for fail');
    // The secret is rendered into a number field: the schema check fails, and its message is redacted too.
    expect(log.find((e) => e.body.stepId === 'fail' && e.body.status === 'failed')?.body.message).toMatch(/Invalid input passed to action debug:wait: input\.seconds: must be number/);
    const everything = JSON.stringify([task, log, await get(`/api/scaffolder/v2/tasks?limit=100`)]) + t.logs.join('\n');
    expect(everything).not.toContain(SECRET);
    const ok = await settled(await create('template:default/with-secret', { name: 'ok' }, { apiToken: SECRET }));
    expect(ok.output).toEqual({ text: [{ title: 'Name', content: 'ok' }] });
  });

  it('cancels a running task, then retries it', async () => {
    const id = await create('template:default/slow');
    await waitFor(async () => (await events(id)).some((e) => e.body.status === 'processing'), { timeoutMs: 30_000 });
    const r = await t.fetch(`/api/scaffolder/v2/tasks/${id}/cancel`, { method: 'POST' });
    expect(await r.json()).toEqual({ status: 'cancelled' });
    expect((await settled(id)).status).toBe('cancelled');
    expect((await events(id)).some((e) => e.type === 'cancelled')).toBe(true);
    const retry = await t.fetch(`/api/scaffolder/v2/tasks/${id}/retry`, { method: 'POST', body: '{}' });
    expect(retry.status).toBe(201);
    await waitFor(async () => (await get<SerializedTask>(`/api/scaffolder/v2/tasks/${id}`)).status === 'processing', { timeoutMs: 30_000 });
    await t.fetch(`/api/scaffolder/v2/tasks/${id}/cancel`, { method: 'POST' });
    expect((await settled(id)).status).toBe('cancelled');
  });

  it('streams the log as server-sent events and closes after completion', async () => {
    const id = await create('template:default/failing', { who: 'stream' });
    const r = await t.fetch(`/api/scaffolder/v2/tasks/${id}/eventstream`);
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await r.text(); // ends because the server closes the stream after `completion`
    const frames = text.split('\n\n').filter((f) => f.includes('data:'));
    const parsed = frames.map((f) => ({ type: /event: (\w+)/.exec(f)?.[1], data: JSON.parse(/data: (.*)/.exec(f)![1]!) as TaskEvent }));
    expect(parsed.some((p) => p.type === 'log' && p.data.body.message === 'hello stream')).toBe(true);
    expect(parsed.at(-1)?.type).toBe('completion');
    expect(parsed.map((p) => p.data.id)).toEqual([...parsed.map((p) => p.data.id)].sort((a, b) => a - b));
  });

  it('dry-runs a template from the editor: files, log and output, without publishing or storing anything', async () => {
    const template = parse(readFileSync(join(nodeService, 'template.yaml'), 'utf8'));
    const before = (await get<{ totalTasks: number }>('/api/scaffolder/v2/tasks')).totalTasks;
    const r = await t.fetch('/api/scaffolder/v2/dry-run', { method: 'POST', body: JSON.stringify({
      template, directoryContents: directoryContents(nodeService),
      values: { name: 'dry', description: 'A dry run', owner: 'group:default/playback-team', database: true, databaseName: 'dry_db', repoUrl: 'git.example.org?owner=acme&repo=dry' },
    }) });
    expect(r.status, await r.clone().text()).toBe(200);
    const body = (await r.json()) as { log: Array<{ body: TaskEvent['body'] }>; directoryContents: Array<{ path: string; base64Content: string }>; output: any };
    const files = Object.fromEntries(body.directoryContents.map((f) => [f.path, Buffer.from(f.base64Content, 'base64').toString('utf8')]));
    expect(files['catalog-info.yaml']).toContain('name: "dry"');
    expect(files['deploy/database.yaml']).toContain('database: dry_db'); // database: true keeps it
    expect(files['template.yaml']).toBeUndefined();
    expect(body.log.some((l) => /Dry run: skipping publish:git/.test(l.body.message))).toBe(true);
    expect(body.output.links[0]).toEqual({ title: 'Repository', url: 'dry-run:publish.remoteUrl' });
    expect((await get<{ totalTasks: number }>('/api/scaffolder/v2/tasks')).totalTasks).toBe(before);

    const broken = await t.fetch('/api/scaffolder/v2/dry-run', { method: 'POST', body: JSON.stringify({
      template: { ...template, spec: { ...template.spec, steps: [{ id: 'x', action: 'debug:log', input: { message: '${{ parameters.name | }}' } }] } }, values: {}, directoryContents: [],
    }) });
    expect(broken.status).toBe(400);
    expect((await broken.json()).problems).toEqual([{ path: 'spec.steps[0].input.message', message: expect.stringMatching(/^bad expression/) }]);
  });

  it('lists tasks by creator and status, and answers 404 and 400 for bad ids', async () => {
    const list = await get<{ tasks: SerializedTask[]; totalTasks: number }>('/api/scaffolder/v2/tasks?createdBy=user:default/guest&status=failed');
    expect(list.totalTasks).toBeGreaterThanOrEqual(2);
    expect(list.tasks.every((x) => x.status === 'failed' && x.createdBy === 'user:default/guest')).toBe(true);
    expect((await t.fetch('/api/scaffolder/v2/tasks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await t.fetch('/api/scaffolder/v2/tasks/not-a-uuid');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/taskId/);
  });

  it('never loses a task when its instance stops: plain tasks are failed, startOver tasks run again', async () => {
    const plain = await create('template:default/slow');
    const restartable = await create('template:default/slow-restartable', { seconds: 6 });
    await waitFor(async () => (await get<SerializedTask>(`/api/scaffolder/v2/tasks/${restartable}`)).status === 'processing'
      && (await get<SerializedTask>(`/api/scaffolder/v2/tasks/${plain}`)).status === 'processing', { timeoutMs: 30_000 });
    await t.stop();
    t = await boot();
    // Recovery marks a task first and records why just after, so the reason is waited for, not read once.
    const recovered = (id: string, reason: RegExp) => waitFor(async () => (await events(id)).some((e) => e.type === 'recovered' && reason.test(e.body.message)) || undefined, { timeoutMs: 10_000 });
    const failed = await settled(plain);
    expect(failed.status).toBe('failed');
    expect(await recovered(plain, /stopped before it finished/)).toBe(true);
    const resumed = await settled(restartable);
    expect(resumed.status).toBe('completed');
    expect(await recovered(restartable, /starts over/)).toBe(true);
  });
});

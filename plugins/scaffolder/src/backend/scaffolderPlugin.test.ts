import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGitServer, startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type GitServer, type TestBackend } from '@atrium/backend/testing';
import type { Entity } from '@atrium/model';
import { catalogPlugin } from '@atrium/plugin-catalog/backend';
import type { ActionInfo, SerializedTask, TaskEvent, TemplateParameterSchema } from '@atrium/plugin-scaffolder/common';
import { scaffolderPlugin } from './plugin.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const examples = join(process.cwd(), 'apps/portal/examples');
const createApp = join(process.cwd(), 'node_modules/@backstage/create-app/templates/default-app/examples/template/template.yaml');
const fixtures = '@octokit/fixtures/scenarios/api.github.com';

/** A new empty repository on the test git server: plain git servers have no "create" API. */
async function emptyRepo(git: GitServer, name: string) {
  const dir = join(git.root, `${name}.git`);
  await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  await run('git', ['-C', dir, 'config', 'http.receivepack', 'true']);
}

/**
 * A stand-in for GitHub's REST API. GitHub cannot be reached from here, so it answers with the
 * response bodies @octokit/fixtures recorded from the real API (get-organization for `GET /users/:org`,
 * whose `type: Organization` field is the same; get-repository for the created repository, which has
 * the same shape as the create answer), with the clone URL pointed at the test git server.
 */
async function fakeGithub(git: GitServer, calls: Array<{ method: string; url: string; body: any; auth?: string }>): Promise<Server> {
  const org = JSON.parse(readFileSync(require.resolve(`${fixtures}/get-organization/normalized-fixture.json`), 'utf8'))[0].response;
  const repo = JSON.parse(readFileSync(require.resolve(`${fixtures}/get-repository/normalized-fixture.json`), 'utf8'))[0].response;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const parsed = body ? JSON.parse(body) : undefined;
      calls.push({ method: req.method!, url: req.url!, body: parsed, auth: req.headers.authorization });
      const user = /^\/users\/([^/]+)$/.exec(req.url!);
      const create = /^\/orgs\/([^/]+)\/repos$/.exec(req.url!);
      if (req.method === 'GET' && user) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...org, login: user[1] }));
      if (req.method === 'POST' && create) {
        await emptyRepo(git, `${create[1]}/${parsed.name}`);
        const url = `${git.url}/${create[1]}/${parsed.name}`;
        return res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({
          ...repo, name: parsed.name, full_name: `${create[1]}/${parsed.name}`, private: parsed.private, description: parsed.description,
          html_url: url, clone_url: `${url}.git`,
        }));
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

// Real backends, git pushes and catalog ingestion: on a busy 2-core machine a test can take a while.
vi.setConfig({ testTimeout: 90_000 });

describe.each(TEST_DATABASE_CLIENTS)('software templates end to end on %s', (client) => {
  let t: TestBackend;
  let git: GitServer;
  let github: Server;
  const githubCalls: Array<{ method: string; url: string; body: any; auth?: string }> = [];
  const get = async <T>(path: string) => (await (await t.fetch(path)).json()) as T;
  const host = () => new URL(git.url).host;

  async function runTask(templateRef: string, values: object, secrets?: object) {
    const r = await t.fetch('/api/scaffolder/v2/tasks', { method: 'POST', body: JSON.stringify({ templateRef, values, secrets }) });
    expect(r.status, await r.clone().text()).toBe(201);
    const { id } = (await r.json()) as { id: string };
    const task = await waitFor(async () => {
      const task = await get<SerializedTask>(`/api/scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(task.status) ? task : undefined;
    }, { timeoutMs: 30_000 });
    const events = await get<TaskEvent[]>(`/api/scaffolder/v2/tasks/${id}/events`);
    return { task, events };
  }

  beforeAll(async () => {
    git = await startGitServer();
    github = await fakeGithub(git, githubCalls);
    t = await startTestBackend({
      features: [catalogPlugin, scaffolderPlugin],
      client,
      config: {
        integrations: {
          git: [{ host: host(), baseUrl: git.url }],
          github: [{ host: 'github.com', token: 'ghp_recordedtoken000000000000000000000', apiBaseUrl: `http://127.0.0.1:${(github.address() as AddressInfo).port}` }],
        },
        catalog: {
          processingInterval: { hours: 1 },
          locations: [
            { type: 'file', target: join(examples, 'org/groups.yaml') },
            { type: 'file', target: join(examples, 'templates/templates.yaml') },
            { type: 'file', target: createApp },
          ],
        },
      },
    });
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/template/default/example-nodejs-template')).ok
      && (await t.fetch('/api/catalog/entities/by-name/template/default/docs-site')).ok, { timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await t?.stop();
    await new Promise((r) => github?.close(r));
    await git?.close();
  });

  it('lists every built-in action with its input and output schema, sorted by id', async () => {
    const actions = await get<ActionInfo[]>('/api/scaffolder/v2/actions');
    const ids = actions.map((a) => a.id);
    for (const id of ['fetch:plain', 'fetch:plain:file', 'fetch:template', 'fetch:template:file', 'fs:rename', 'fs:delete', 'debug:log', 'debug:wait',
      'catalog:register', 'catalog:write', 'catalog:fetch', 'publish:git', 'publish:github']) expect(ids).toContain(id);
    expect(ids).toEqual([...ids].sort());
    const publish = actions.find((a) => a.id === 'publish:git')!;
    expect(publish.schema.input).toMatchObject({ required: ['repoUrl'] });
    expect(Object.keys((publish.schema.output as { properties: object }).properties)).toEqual(['remoteUrl', 'repoContentsUrl', 'commitHash']);
  });

  it('serves a template\'s form pages as its parameter schema', async () => {
    const schema = await get<TemplateParameterSchema>('/api/scaffolder/v2/templates/default/template/node-service/parameter-schema');
    expect(schema.title).toBe('Node.js backend service');
    expect(schema.steps.map((s) => s.title)).toEqual(['About the service', 'Service options', 'Repository']);
    expect(schema.steps[0]!.schema.properties).toHaveProperty('name.ui:field', 'EntityNamePicker');
    expect((await t.fetch('/api/scaffolder/v2/templates/default/template/nope/parameter-schema')).status).toBe(404);
  });

  it('runs the node-service golden path: pushes a repository and registers its component in the catalog', async () => {
    await emptyRepo(git, 'acme/lyrics-service');
    const { task, events } = await runTask('template:default/node-service', {
      name: 'lyrics-service', description: 'Serves song lyrics', owner: 'group:default/playback-team', port: 9090, tags: ['lyrics'],
      database: false, repoUrl: `${host()}?owner=acme&repo=lyrics-service`,
    });
    expect(task.status, JSON.stringify(events.map((e) => e.body.message))).toBe('completed');
    const files = (await git.git('acme/lyrics-service', ['ls-tree', '-r', '--name-only', 'main'])).split('\n');
    for (const f of ['catalog-info.yaml', 'mkdocs.yml', 'docs/index.md', '.github/workflows/ci.yaml', 'deploy/deployment.yaml', 'Dockerfile', 'src/index.ts']) expect(files).toContain(f);
    expect(files).not.toContain('deploy/database.yaml'); // the `if` step removed it
    const ci = await git.git('acme/lyrics-service', ['show', 'main:.github/workflows/ci.yaml']);
    expect(ci).toContain('docker build -t lyrics-service:${{ github.sha }} .');
    expect(await git.git('acme/lyrics-service', ['show', 'main:src/index.ts'])).toContain('process.env.PORT ?? 9090');
    const entity = await waitFor(async () => {
      const r = await t.fetch('/api/catalog/entities/by-name/component/default/lyrics-service');
      return r.ok ? ((await r.json()) as Entity) : undefined;
    }, { timeoutMs: 30_000 });
    expect(entity.spec).toMatchObject({ type: 'service', owner: 'group:default/playback-team' });
    expect(entity.metadata.tags).toEqual(['lyrics']);
    expect(task.output).toEqual({ links: [
      { title: 'Repository', url: `${git.url}/acme/lyrics-service` },
      { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/lyrics-service' },
    ] });
    const steps = events.filter((e) => e.body.status).map((e) => `${e.body.stepId}:${e.body.status}`);
    expect(steps).toEqual(['fetch:processing', 'fetch:completed', 'no-database:processing', 'no-database:completed', 'publish:processing',
      'publish:completed', 'register:processing', 'register:completed', 'undefined:completed']);
  });

  it('runs the website and docs golden paths', async () => {
    await emptyRepo(git, 'acme/fan-site');
    const site = await runTask('template:default/website', { name: 'fan-site', owner: 'group:default/listener-experience', analytics: true, analyticsId: 'site-42', repoUrl: `${host()}?owner=acme&repo=fan-site` });
    expect(site.task.status, JSON.stringify(site.events.map((e) => e.body.message))).toBe('completed');
    expect(await git.git('acme/fan-site', ['show', 'main:index.html'])).toContain('data-site="site-42"');
    await emptyRepo(git, 'acme/handbook');
    const docs = await runTask('template:default/docs-site', { name: 'handbook', siteName: 'Platform handbook', owner: 'group:default/platform-engineering', sections: ['On Call', 'Releases'], repoUrl: `${host()}?owner=acme&repo=handbook` });
    expect(docs.task.status, JSON.stringify(docs.events.map((e) => e.body.message))).toBe('completed');
    const files = (await git.git('acme/handbook', ['ls-tree', '-r', '--name-only', 'main'])).split('\n');
    expect(files).toEqual(expect.arrayContaining(['catalog-info.yaml', 'mkdocs.yml', 'docs/index.md', 'docs/on-call.md', 'docs/releases.md', '.github/workflows/docs.yaml']));
    expect(await git.git('acme/handbook', ['show', 'main:mkdocs.yml'])).toContain('- On Call: on-call.md');
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/component/default/handbook')).ok, { timeoutMs: 30_000 });
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/component/default/fan-site')).ok, { timeoutMs: 30_000 });
  });

  it('runs create-app\'s example template unchanged, creating the repository through the GitHub API', async () => {
    const { task, events } = await runTask('template:default/example-nodejs-template', { name: 'hello-node', repoUrl: 'github.com?owner=acme-labs&repo=hello-node' });
    expect(task.status, JSON.stringify(events.map((e) => e.body.message))).toBe('completed');
    const create = githubCalls.find((c) => c.method === 'POST')!;
    expect(create.url).toBe('/orgs/acme-labs/repos');
    expect(create.body).toMatchObject({ name: 'hello-node', description: 'This is hello-node', private: true });
    expect(create.auth).toBe('token ghp_recordedtoken000000000000000000000');
    expect(JSON.parse(await git.git('acme-labs/hello-node', ['show', 'main:package.json']))).toMatchObject({ name: 'hello-node' });
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/component/default/hello-node')).ok, { timeoutMs: 30_000 });
    expect(events.some((e) => e.body.stepId === 'notify' && e.body.status === 'completed')).toBe(true);
    expect(JSON.stringify(events)).not.toContain('ghp_recordedtoken');
  });

  it('refuses form values that do not match the template\'s schema, naming the field', async () => {
    const r = await t.fetch('/api/scaffolder/v2/tasks', { method: 'POST', body: JSON.stringify({ templateRef: 'template:default/node-service', values: { name: 'x', port: 80 } }) });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errors: Array<{ path: string; message: string }> };
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['owner', 'description', 'port', 'repoUrl']));
  });

  it('answers a NUL character in a template ref, task filter or form value with a 400 naming where', async () => {
    const cases: Array<[string, RequestInit | undefined, RegExp]> = [
      ['/api/scaffolder/v2/templates/default/template/node%00service/parameter-schema', undefined, /path parameter name/],
      ['/api/scaffolder/v2/tasks?createdBy=user%00', undefined, /query parameter createdBy/],
      ['/api/scaffolder/v2/tasks', { method: 'POST', body: JSON.stringify({ templateRef: 'template:default/node-service', values: { name: 'x\u0000' } }) }, /body field values\.name/],
    ];
    for (const [path, init, where] of cases) {
      const r = await t.fetch(path, init);
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(where);
    }
  });
});

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger, SchedulerService } from '@atrium/backend';
import { startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend } from '@atrium/backend/testing';
import type { Entity } from '@atrium/model';
import { catalogPlugin } from '../../plugin.js';
import type { EntityProviderMutation } from '../../providers/extensionPoint.js';
import org from './__fixtures__/org.json' with { type: 'json' };
import { readGithubOrgConfigs } from './config.js';
import { GithubOrgEntityProvider } from './GithubOrgEntityProvider.js';
import { githubOrgModule } from './githubOrgModule.js';

/*
 * Fixtures. RECORDED (real api.github.com responses from @octokit/fixtures): the repository object
 * (get-repository, octokit-fixture-org/hello-world) as page 1 of the org's repositories, and the Link
 * header format of paginate-issues (host and path adjusted to this server). WRITTEN from GitHub's
 * documented shapes: __fixtures__/org.json (teams with parents, team members, org members, public
 * user profiles), page 2 of the repositories, the matching-refs answer for `master`, the descriptor
 * body, the 404 body and the rate-limited 403.
 */
const TOKEN = 'ghp_ORGSECRET0123456789abcdefABCDEF';
const ORG = 'octokit-fixture-org';
const SHA = '0000000000000000000000000000000000000001';
const fixtures = dirname(createRequire(import.meta.url).resolve('@octokit/fixtures/package.json'));
const recorded = (name: string) => JSON.parse(readFileSync(join(fixtures, 'scenarios/api.github.com', name, 'normalized-fixture.json'), 'utf8')) as Array<{ response: any; headers: Record<string, string> }>;
const descriptor = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: hello-world\nspec:\n  type: service\n  lifecycle: production\n  owner: group:web-team\n`;


type Route = { status?: number; headers?: Record<string, string>; body: unknown };
async function startFakeGithub() {
  const routes = new Map<string, Route>();
  const server: Server = createServer((req, res) => {
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    const route = routes.get(`${path}?${query}`) ?? routes.get(path);
    const body = route ? route.body : { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };
    res.writeHead(route?.status ?? (route ? 200 : 404), { 'content-type': 'application/json; charset=utf-8', ...route?.headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = `/api/v3`;
  const repo = recorded('get-repository')[0]!.response;
  const link = recorded('paginate-issues')[0]!.headers.link!.split(',')[0]!
    .replace('https://api.github.com/repositories/1000/issues?per_page=3&page=2', `http://${host}${api}/organizations/1/repos?per_page=100&page=2`);
  routes.set(`${api}/orgs/${ORG}/repos?type=all&per_page=100`, { headers: { link }, body: [repo] });
  routes.set(`${api}/organizations/1/repos?per_page=100&page=2`, { body: [{ ...repo, name: 'no-descriptor', full_name: `${ORG}/no-descriptor` }, { ...repo, name: 'old', archived: true }] });
  routes.set(`${api}/repos/${ORG}/hello-world/contents/catalog-info.yaml`, { headers: { 'content-type': 'application/vnd.github.v3.raw' }, body: descriptor });
  routes.set(`${api}/repos/${ORG}/hello-world/git/matching-refs/heads/master`, { body: [{ ref: 'refs/heads/master', node_id: 'MDM6UmVmMQ==', url: '', object: { sha: SHA, type: 'commit', url: '' } }] });
  routes.set(`${api}/orgs/${ORG}/teams`, { body: org.teams });
  for (const [slug, members] of Object.entries(org.teamMembers)) routes.set(`${api}/orgs/${ORG}/teams/${slug}/members`, { body: members });
  routes.set(`${api}/orgs/${ORG}/members`, { body: org.orgMembers });
  for (const [login, user] of Object.entries(org.users)) routes.set(`${api}/users/${login}`, { body: user });
  return { host, apiBaseUrl: `http://${host}${api}`, routes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const githubConfig = (fake: { host: string; apiBaseUrl: string }) => ({
  integrations: { github: [{ host: fake.host, token: TOKEN, apiBaseUrl: fake.apiBaseUrl }] },
  catalog: { processingInterval: { hours: 1 }, providers: { github: [{ id: 'main', organization: ORG, host: fake.host, schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } } }] } },
});

describe.each(TEST_DATABASE_CLIENTS)('GitHub org discovery on %s', (client) => {
  let t: TestBackend;
  let fake: Awaited<ReturnType<typeof startFakeGithub>>;
  const entities = async () => (await (await t.fetch('/api/catalog/entities')).json()) as Entity[];
  const byName = (list: Entity[], kind: string, name: string) => list.find((e) => e.kind === kind && e.metadata.name === name);

  beforeAll(async () => {
    fake = await startFakeGithub();
    t = await startTestBackend({ features: [catalogPlugin, githubOrgModule], client, config: githubConfig(fake) });
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.close();
  });

  it('shows the org’s teams as Groups, members as Users and descriptor repositories as Locations', async () => {
    await waitFor(async () => (await entities()).filter((e) => e.kind === 'User').length === 2);
    const list = await entities();
    const web = byName(list, 'Group', 'web-team')!;
    expect(web.metadata.annotations?.['github.com/team-slug']).toBe(`${ORG}/web-team`);
    expect(web.metadata.description).toBe('Owns the website');
    expect(web.spec).toMatchObject({ type: 'team', parent: 'platform', profile: { displayName: 'Web Team' } });
    expect(byName(list, 'Group', 'platform')!.spec).toMatchObject({ children: ['web-team'] });
    const octocat = byName(list, 'User', 'octocat')!;
    expect(octocat.metadata.annotations?.['github.com/user-login']).toBe('octocat');
    expect(octocat.spec).toMatchObject({ memberOf: ['platform', 'web-team'], profile: { displayName: 'The Octocat', email: 'octocat@github.com' } });
    // Only the repository with a descriptor, across both pages; archived ones are skipped.
    const targets = list.filter((e) => e.kind === 'Location').map((e) => (e.spec as { target: string }).target);
    expect(targets).toEqual([`https://${fake.host}/${ORG}/hello-world/blob/master/catalog-info.yaml`]);
    expect(t.logs.join('\n')).not.toContain(TOKEN);
  });

  it(
    'reads each discovered descriptor through the GitHub URL reader', async () => {
      await waitFor(async () => byName(await entities(), 'Component', 'hello-world') !== undefined);
    },
  );
});

describe('a failing GitHub org run', () => {
  it('changes nothing and logs one line naming when the rate limit resets, without the token', async () => {
    const fake = await startFakeGithub();
    fake.routes.set(`/api/v3/orgs/${ORG}/teams`, { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' }, body: { message: 'API rate limit exceeded' } });
    const lines: string[] = [];
    const logger = { warn: (m: string) => lines.push(m), info: (m: string) => lines.push(m) } as unknown as Logger;
    const scheduler = { schedule: async () => {} } as unknown as SchedulerService;
    const mutations: EntityProviderMutation[] = [];
    const { ConfigReader } = await import('@atrium/backend');
    const [config] = readGithubOrgConfigs(new ConfigReader(githubConfig(fake)));
    const provider = new GithubOrgEntityProvider(config!, { logger, scheduler });
    await provider.connect({ applyMutation: async (m) => void mutations.push(m), refresh: async () => {} });
    await expect(provider.run()).rejects.toThrow(/rate limit/);
    expect(mutations).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('github-org:main');
    expect(lines[0]).toContain(new Date(1_700_000_000_000).toISOString());
    expect(lines[0]).not.toContain(TOKEN);
    await fake.close();
  });
});

describe('GitHub org discovery through a GitHub App', () => {
  it("reads the org with the token of the app's installation on it (documented app endpoint shapes)", async () => {
    const fake = await startFakeGithub();
    const installationToken = 'ghs_INSTALLATIONTOKEN0123456789';
    fake.routes.set('/api/v3/app/installations?per_page=100', { body: [{ id: 7, account: { login: ORG, id: 1, type: 'Organization' }, app_id: 99, target_type: 'Organization' }] });
    fake.routes.set('/api/v3/app/installations/7/access_tokens', { status: 201, body: { token: installationToken, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { members: 'read', contents: 'read' } } });
    const { generateKeyPairSync } = await import('node:crypto');
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const { ConfigReader } = await import('@atrium/backend');
    const base = githubConfig(fake);
    const [config] = readGithubOrgConfigs(new ConfigReader({ ...base, integrations: { github: [{ host: fake.host, apiBaseUrl: fake.apiBaseUrl, apps: [{ appId: 99, privateKey }] }] } }));
    const seen: Array<[string, string | undefined]> = [];
    const recordingFetch = (input: string, init?: RequestInit) => {
      seen.push([new URL(input).pathname, (init?.headers as Record<string, string> | undefined)?.authorization]);
      return fetch(input, init);
    };
    const mutations: EntityProviderMutation[] = [];
    const quiet = { warn: () => {}, info: () => {} } as unknown as Logger;
    const provider = new GithubOrgEntityProvider(config!, { logger: quiet, scheduler: { schedule: async () => {} } as unknown as SchedulerService, fetch: recordingFetch });
    await provider.connect({ applyMutation: async (m) => void mutations.push(m), refresh: async () => {} });
    await provider.run();
    expect(mutations).toHaveLength(1);
    const orgCalls = seen.filter(([path]) => path.startsWith(`/api/v3/orgs/${ORG}`));
    expect(orgCalls.length).toBeGreaterThan(2);
    expect(new Set(orgCalls.map(([, auth]) => auth))).toEqual(new Set([`Bearer ${installationToken}`]));
    // The app itself authenticates with a JWT, and the installation token is made once for the run.
    expect(seen.filter(([path]) => path.endsWith('/access_tokens'))).toHaveLength(1);
    expect(seen.find(([path]) => path === '/api/v3/app/installations')?.[1]).toMatch(/^Bearer eyJ/);
    await fake.close();
  });
});

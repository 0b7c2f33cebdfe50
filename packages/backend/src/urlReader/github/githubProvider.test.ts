import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, NotModifiedError } from '../../api/errors.js';
import type { UrlReaderService } from '../../api/services.js';
import { ConfigReader } from '../../config/ConfigReader.js';
import { createUrlReader } from '../createUrlReader.js';
import { createCapturingLogger } from '../testUtils.js';
import { loadOctokitScenario, recordedRoute, startFakeGithub, type FakeGithub } from './__fixtures__/fakeGithub.js';
import gitTree from './__fixtures__/git-tree-recursive.json' with { type: 'json' };
import { GithubRateLimitError } from './githubApi.js';
import { githubProviderFromConfig } from './githubProvider.js';

/*
 * Fixtures. RECORDED (real api.github.com responses from @octokit/fixtures, replayed as is; only the
 * served path or redirect host is adjusted):
 *   get-content  → contents/README.md (raw media type) of octokit-fixture-org/hello-world
 *   get-archive  → tarball 302 redirect + the gzipped tarball from codeload
 *   git-refs     → a refs list, served at git/matching-refs/heads/main
 * WRITTEN from GitHub's documented shapes: __fixtures__/git-tree-recursive.json (git trees API), the
 * catalog-info.yaml bodies, the 404 body ({message, documentation_url}), the rate-limited 403 (the
 * recorded headers with x-ratelimit-remaining: 0), and a pax tarball built with tar for subfolders.
 */
const TOKEN = 'ghp_SECRETSECRETSECRET0123456789abcdef';
const SHA = '0000000000000000000000000000000000000001';
const HELLO = '/repos/octokit-fixture-org/hello-world';
const ARCHIVE = '/repos/octokit-fixture-org/get-archive';
const catalogInfo = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n`;

describe('GitHub URL reader against replayed GitHub API responses', () => {
  let api: FakeGithub;
  let codeload: FakeGithub;
  let reader: UrlReaderService;
  const logger = createCapturingLogger();
  const errors: string[] = [];
  const expectError = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    errors.push(`${error!.message} ${String(error!.stack)}`);
    return error!;
  };

  beforeAll(async () => {
    codeload = await startFakeGithub();
    api = await startFakeGithub();
    const [contentList, readme] = loadOctokitScenario('get-content');
    const [redirect, tarball] = loadOctokitScenario('get-archive');
    const [refs] = loadOctokitScenario('git-refs');
    const rateHeaders = { ...recordedRoute(readme!).headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' };
    api.add(
      recordedRoute(contentList!),
      recordedRoute(readme!),
      recordedRoute(refs!, `${HELLO}/git/matching-refs/heads/main`),
      recordedRoute(refs!, `${ARCHIVE}/git/matching-refs/heads/main`),
      // Real GitHub redirects tarballs to another origin (codeload): a second server keeps that true.
      recordedRoute(redirect!, `${ARCHIVE}/tarball/${SHA}`, (location) => location.replace('https://codeload.github.com', codeload.url)),
      { path: `${HELLO}/git/trees/${SHA}`, status: 200, body: gitTree },
      { path: `${HELLO}/contents/services/api/catalog-info.yaml`, status: 200, headers: { 'content-type': 'application/vnd.github.v3.raw' }, body: catalogInfo('api') },
      { path: `${HELLO}/contents/services/web/catalog-info.yaml`, status: 200, headers: { 'content-type': 'application/vnd.github.v3.raw' }, body: catalogInfo('web') },
      { path: '/repos/octokit-fixture-org/limited/git/matching-refs/heads/main', status: 403, headers: rateHeaders, body: { message: 'API rate limit exceeded for user ID 1.' } },
    );
    codeload.add(recordedRoute(tarball!));
    const config = new ConfigReader({ integrations: { github: [{ host: 'github.com', token: TOKEN, apiBaseUrl: api.url }] } });
    reader = createUrlReader({ config, logger, providers: [githubProviderFromConfig(config, logger)] });
  });
  afterAll(async () => {
    await api?.close();
    await codeload?.close();
  });

  it('reads a file through the contents API at the branch commit, which is its etag', async () => {
    const response = await reader.readUrl('https://github.com/octokit-fixture-org/hello-world/blob/main/README.md');
    expect(await response.text()).toBe('# hello-world');
    expect(response.etag).toBe(SHA);
    const contents = api.requests.find((r) => r.path.startsWith(`${HELLO}/contents/README.md`))!;
    expect(contents.path).toBe(`${HELLO}/contents/README.md?ref=${SHA}`);
    expect(contents.headers.accept).toBe('application/vnd.github.v3.raw');
    expect(contents.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('answers NotModified with a single ref lookup when the etag is still the commit', async () => {
    const before = api.requests.length;
    const error = await expectError(reader.readUrl('https://github.com/octokit-fixture-org/hello-world/blob/main/README.md', { etag: SHA }));
    expect(error).toBeInstanceOf(NotModifiedError);
    expect(api.requests.slice(before).map((r) => r.path)).toEqual([`${HELLO}/git/matching-refs/heads/main`]);
  });

  it('reads a tree from the recorded tarball, without sending the token to the archive host', async () => {
    const tree = await reader.readTree('https://github.com/octokit-fixture-org/get-archive/tree/main');
    expect(tree.etag).toBe(SHA);
    const files = await tree.files();
    expect(files.map((f) => f.path)).toEqual(['README.md']);
    expect((await files[0]!.content()).toString()).toBe('# get-archive');
    expect(codeload.requests.at(-1)?.headers.authorization).toBeUndefined();
    const dir = await tree.dir();
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('# get-archive');
    await rm(dir, { recursive: true });
  });

  it('reads only the named subfolder of an archive, including pax long paths', async () => {
    const work = await mkdtemp(join(tmpdir(), 'atrium-gh-tar-'));
    const top = 'acme-docs-0000000';
    const deep = `docs/${'nested-folder-with-a-long-name/'.repeat(4)}page.md`;
    await mkdir(join(work, top, deep, '..'), { recursive: true });
    await writeFile(join(work, top, deep), 'deep');
    await writeFile(join(work, top, 'docs', 'index.md'), 'index');
    await writeFile(join(work, top, 'README.md'), 'root');
    execFileSync('tar', ['--format=pax', '-czf', join(work, 'a.tar.gz'), '-C', work, top]);
    api.add(
      recordedRoute(loadOctokitScenario('git-refs')[0]!, '/repos/acme/docs/git/matching-refs/heads/main'),
      { path: `/repos/acme/docs/tarball/${SHA}`, status: 200, headers: { 'content-type': 'application/x-gzip' }, body: await readFile(join(work, 'a.tar.gz')) },
    );
    const tree = await reader.readTree('https://github.com/acme/docs/tree/main/docs', { filter: (p) => p.endsWith('.md') });
    expect((await tree.files()).map((f) => f.path)).toEqual(['index.md', deep.slice('docs/'.length)]);
    await rm(work, { recursive: true });
  });

  it('searches a glob through the recursive tree listing and reads matches lazily', async () => {
    const result = await reader.search('https://github.com/octokit-fixture-org/hello-world/blob/main/services/*/catalog-info.yaml');
    expect(result.etag).toBe(SHA);
    expect(result.files.map((f) => f.url)).toEqual([
      'https://github.com/octokit-fixture-org/hello-world/blob/main/services/api/catalog-info.yaml',
      'https://github.com/octokit-fixture-org/hello-world/blob/main/services/web/catalog-info.yaml',
    ]);
    expect((await result.files[1]!.content()).toString()).toContain('name: web');
  });

  it('names the URL in a NotFoundError for a missing file or ref', async () => {
    const missing = await expectError(reader.readUrl('https://github.com/octokit-fixture-org/hello-world/blob/main/nope.yaml'));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toContain('https://github.com/octokit-fixture-org/hello-world/blob/main/nope.yaml');
    const noRef = await expectError(reader.readUrl('https://github.com/octokit-fixture-org/hello-world/blob/no-such-branch/README.md'));
    expect(noRef).toBeInstanceOf(NotFoundError);
  });

  it('turns an exhausted rate limit into an error that says when it resets', async () => {
    const error = await expectError(reader.readUrl('https://github.com/octokit-fixture-org/limited/blob/main/x.yaml'));
    expect(error).toBeInstanceOf(GithubRateLimitError);
    expect(error.message).toContain('rate limit');
    expect(error.message).toContain(new Date(1_700_000_000_000).toISOString());
  });

  it('reports an unreachable API without the token, in errors or logs', async () => {
    const config = new ConfigReader({ integrations: { github: [{ host: 'ghe.example.test', token: TOKEN, apiBaseUrl: 'http://127.0.0.1:9' }] } });
    const offline = createUrlReader({ config, logger, providers: [githubProviderFromConfig(config, logger)] });
    const error = await expectError(offline.readUrl('https://ghe.example.test/acme/web/blob/main/a.yaml'));
    expect(error.message).toContain('unreachable');
    for (const text of [...errors, ...logger.lines.map((l) => JSON.stringify(l))]) expect(text).not.toContain(TOKEN);
    expect(errors.length).toBeGreaterThan(4);
  });
});

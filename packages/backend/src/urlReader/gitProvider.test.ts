import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAllowedError, NotFoundError, NotModifiedError } from '../api/errors.js';
import type { UrlReaderService } from '../api/services.js';
import { startGitServer, type GitServer } from '../testing/gitServer.js';
import { createTestUrlReader } from './testUtils.js';

const fetches = (server: GitServer) =>
  server.requests.filter((r) => r.method === 'POST' && r.service === 'git-upload-pack').length;

describe('git provider against git http-backend on loopback', () => {
  let server: GitServer;
  let reader: UrlReaderService;
  let cleanup: () => Promise<void>;
  let workingDirectory: string;
  let repo: { url: string; commit: string };
  let featureCommit: string;

  beforeAll(async () => {
    server = await startGitServer();
    repo = await server.createRepo('acme/web', {
      'README.md': '# web\n',
      'docs/index.md': 'main docs\n',
      'docs/guide/setup.md': 'setup\n',
      'services/a/catalog-info.yaml': 'name: a\n',
      'services/b/catalog-info.yaml': 'name: b\n',
      'services/b/other.yaml': 'x\n',
    });
    featureCommit = await server.commit('acme/web', { 'docs/index.md': 'feature docs\n' }, 'feature', { branch: 'feature/x' });
    const host = new URL(server.url).host;
    ({ reader, cleanup, workingDirectory } = await createTestUrlReader({ integrations: { git: [{ host }] } }));
  });
  afterAll(async () => {
    await cleanup();
    await server.close();
  });

  it('reads a file at a branch, with the commit sha as etag', async () => {
    const response = await reader.readUrl(`${repo.url}/blob/main/docs/index.md`);
    expect(await response.text()).toBe('main docs\n');
    expect(response.etag).toBe(repo.commit);
  });

  it('resolves a ref containing a slash by the longest matching branch name', async () => {
    const response = await reader.readUrl(`${repo.url}/blob/feature/x/docs/index.md`);
    expect(await response.text()).toBe('feature docs\n');
    expect(response.etag).toBe(featureCommit);
  });

  it('reads at a commit sha and through the GitLab-style /-/blob/ form', async () => {
    const atSha = await reader.readUrl(`${repo.url}/blob/${repo.commit}/docs/index.md`);
    expect(await atSha.text()).toBe('main docs\n');
    const gitlab = await reader.readUrl(`${repo.url}/-/blob/feature/x/docs/index.md`);
    expect(await gitlab.text()).toBe('feature docs\n');
  });

  it('reads a tree of a subfolder, with a filter, and copies it into a folder', async () => {
    const tree = await reader.readTree(`${repo.url}/tree/main/docs`);
    const files = await tree.files();
    expect(files.map((f) => f.path)).toEqual(['guide/setup.md', 'index.md']);
    expect((await files[0]!.content()).toString()).toBe('setup\n');
    const filtered = await reader.readTree(`${repo.url}/-/tree/main/docs`, { filter: (p) => p.endsWith('index.md') });
    const dir = await filtered.dir();
    expect(await readdir(dir)).toEqual(['index.md']);
    expect(await readFile(join(dir, 'index.md'), 'utf8')).toBe('main docs\n');
    await rm(dir, { recursive: true, force: true }); // dir() hands the folder to the caller
  });

  it('reads the whole default branch from a bare repository URL', async () => {
    const tree = await reader.readTree(repo.url);
    expect((await tree.files()).map((f) => f.path)).toContain('README.md');
    expect(tree.etag).toBe(repo.commit);
  });

  it('searches with a glob in the path part', async () => {
    const result = await reader.search(`${repo.url}/blob/main/services/*/catalog-info.yaml`);
    expect(result.files.map((f) => f.url)).toEqual([
      `${repo.url}/blob/main/services/a/catalog-info.yaml`,
      `${repo.url}/blob/main/services/b/catalog-info.yaml`,
    ]);
    expect((await result.files[1]!.content()).toString()).toBe('name: b\n');
    const none = await reader.search(`${repo.url}/blob/main/nothing/**/*.yaml`);
    expect(none.files).toEqual([]);
  });

  it('fetches a commit once: later reads of the same commit only list refs', async () => {
    await reader.readTree(`${repo.url}/tree/main/docs`);
    const before = fetches(server);
    await reader.readTree(`${repo.url}/tree/main/services`);
    await reader.readUrl(`${repo.url}/blob/main/README.md`);
    expect(fetches(server)).toBe(before);
  });

  it('shares one fetch between concurrent reads of a new commit', async () => {
    const sha = await server.commit('acme/web', { 'docs/index.md': 'concurrent\n' }, 'c1');
    const before = fetches(server);
    const texts = await Promise.all(
      Array.from({ length: 5 }, () => reader.readUrl(`${repo.url}/blob/main/docs/index.md`).then((r) => r.text())),
    );
    expect(texts).toEqual(Array(5).fill('concurrent\n'));
    expect(fetches(server) - before).toBe(1);
    expect((await reader.readUrl(`${repo.url}/blob/main/docs/index.md`)).etag).toBe(sha);
  });

  it('sees a new commit on the next read and answers NotModified for the current etag', async () => {
    const first = await reader.readUrl(`${repo.url}/blob/main/README.md`);
    const requestsBefore = fetches(server);
    await expect(reader.readUrl(`${repo.url}/blob/main/README.md`, { etag: first.etag })).rejects.toBeInstanceOf(NotModifiedError);
    await expect(reader.readTree(`${repo.url}/tree/main/docs`, { etag: first.etag })).rejects.toBeInstanceOf(NotModifiedError);
    expect(fetches(server)).toBe(requestsBefore);
    const sha = await server.commit('acme/web', { 'README.md': '# web v2\n' }, 'v2');
    const next = await reader.readUrl(`${repo.url}/blob/main/README.md`, { etag: first.etag });
    expect(next.etag).toBe(sha);
    expect(await next.text()).toBe('# web v2\n');
  });

  it('keeps only the newest commits per repository in the cache', async () => {
    for (let i = 0; i < 4; i++) {
      await server.commit('acme/web', { 'n.txt': String(i) }, `n${i}`);
      await reader.readUrl(`${repo.url}/blob/main/n.txt`);
    }
    const gitRoot = join(workingDirectory, 'url-reader', 'git');
    const [repoDir] = await readdir(gitRoot);
    const commits = (await readdir(join(gitRoot, repoDir!))).filter((name) => !name.startsWith('.'));
    expect(commits).toHaveLength(3);
  });

  it('reads an older commit that is no branch tip, and an annotated tag', async () => {
    await server.commit('acme/web', { 'docs/index.md': 'moved on\n' }, 'later');
    const old = await reader.readUrl(`${repo.url}/blob/${repo.commit}/docs/index.md`);
    expect(await old.text()).toBe('main docs\n');
    await server.git('acme/web', ['tag', '-a', 'release/1.0', '-m', 'r', featureCommit]);
    const tagged = await reader.readUrl(`${repo.url}/blob/release/1.0/docs/index.md`);
    expect(await tagged.text()).toBe('feature docs\n');
    expect(tagged.etag).toBe(featureCommit);
  });

  it('throws NotFound for a missing file, branch or repository, naming the URL', async () => {
    await expect(reader.readUrl(`${repo.url}/blob/main/nope.md`)).rejects.toThrow(
      new NotFoundError(`${repo.url}/blob/main/nope.md was not found`),
    );
    await expect(reader.readUrl(`${repo.url}/blob/no-such-branch/a.md`)).rejects.toBeInstanceOf(NotFoundError);
    await expect(reader.readTree(`${server.url}/acme/missing/tree/main`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a host that is not configured, naming the config keys', async () => {
    await expect(reader.readUrl('https://git.elsewhere.example/acme/web/blob/main/a.md')).rejects.toThrow(
      new NotAllowedError(
        'Reading https://git.elsewhere.example/acme/web/blob/main/a.md is not allowed: add the host git.elsewhere.example under integrations.git or backend.reading.allow',
      ),
    );
  });
});

describe('git provider with credentials', () => {
  it('sends the token as Basic auth and never puts it in errors or logs', async () => {
    const server = await startGitServer({ auth: { username: 'x-access-token', password: 's3cret-token' } });
    const repo = await server.createRepo('private', { 'a.txt': 'hidden\n' });
    const host = new URL(server.url).host;
    const ok = await createTestUrlReader({ integrations: { git: [{ host, token: 's3cret-token' }] } });
    const bad = await createTestUrlReader({ integrations: { git: [{ host, token: 'wrong-token' }] } });
    try {
      expect(await (await ok.reader.readUrl(`${repo.url}/blob/main/a.txt`)).text()).toBe('hidden\n');
      const withUserinfo = repo.url.replace('http://', 'http://me:wrong-token@');
      const error = await bad.reader.readUrl(`${withUserinfo}/blob/main/a.txt`).catch((e: Error) => e);
      expect(error).toBeInstanceOf(NotAllowedError);
      expect(String((error as Error).message)).not.toContain('wrong-token');
      expect(JSON.stringify([...ok.logger.lines, ...bad.logger.lines])).not.toMatch(/s3cret-token|wrong-token/);
    } finally {
      await ok.cleanup();
      await bad.cleanup();
      await server.close();
    }
  });
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAllowedError, NotFoundError, NotModifiedError } from '../api/errors.js';
import type { UrlReaderService } from '../api/services.js';
import { createTestUrlReader } from './testUtils.js';

describe('local file provider', () => {
  let base: string;
  let root: string;
  let reader: UrlReaderService;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'atrium-local-reader-'));
    root = join(base, 'root');
    await mkdir(join(root, 'docs/guide'), { recursive: true });
    await mkdir(join(root, 'services/a'), { recursive: true });
    await mkdir(join(base, 'outside'), { recursive: true });
    await writeFile(join(root, 'docs/index.md'), 'index\n');
    await writeFile(join(root, 'docs/guide/setup.md'), 'setup\n');
    await writeFile(join(root, 'services/a/catalog-info.yaml'), 'name: a\n');
    await writeFile(join(base, 'outside/secret.txt'), 'secret\n');
    await writeFile(join(base, 'root-sibling.txt'), 'sibling\n');
    // Links that escape the root: a file link, a folder link, and one inside a tree being read.
    await symlink(join(base, 'outside/secret.txt'), join(root, 'escape.txt'));
    await symlink(join(base, 'outside'), join(root, 'escape-dir'));
    await symlink(join(base, 'outside/secret.txt'), join(root, 'docs/leak.txt'));
    await symlink(join(root, 'docs/index.md'), join(root, 'docs/alias.md'));
    ({ reader, cleanup } = await createTestUrlReader({ backend: { reading: { localRoots: [root] } } }));
  });
  afterAll(async () => {
    await cleanup();
    await rm(base, { recursive: true, force: true });
  });

  it('reads a file by path or file: URL with a sha256 content etag', async () => {
    const byPath = await reader.readUrl(join(root, 'docs/index.md'));
    expect(await byPath.text()).toBe('index\n');
    expect(byPath.etag).toMatch(/^[0-9a-f]{64}$/);
    const byUrl = await reader.readUrl(pathToFileURL(join(root, 'docs/index.md')).href);
    expect(byUrl.etag).toBe(byPath.etag);
    await expect(reader.readUrl(join(root, 'docs/index.md'), { etag: byPath.etag })).rejects.toBeInstanceOf(NotModifiedError);
  });

  it('reads a folder as a tree whose etag changes with its content; escaping links are left out', async () => {
    const tree = await reader.readTree(join(root, 'docs'));
    expect((await tree.files()).map((f) => f.path)).toEqual(['alias.md', 'guide/setup.md', 'index.md']);
    await expect(reader.readTree(join(root, 'docs'), { etag: tree.etag })).rejects.toBeInstanceOf(NotModifiedError);
    await writeFile(join(root, 'docs/guide/setup.md'), 'setup v2\n');
    const changed = await reader.readTree(join(root, 'docs'));
    expect(changed.etag).not.toBe(tree.etag);
  });

  it('searches with a glob', async () => {
    const result = await reader.search(join(root, 'services/*/catalog-info.yaml'));
    expect(result.files.map((f) => f.url)).toEqual([pathToFileURL(join(root, 'services/a/catalog-info.yaml')).href]);
    expect((await result.files[0]!.content()).toString()).toBe('name: a\n');
    expect((await reader.search(join(root, 'docs/**/*.md'))).files).toHaveLength(3);
  });

  it('refuses paths outside the roots, including through .. and symlinks', async () => {
    const refused = [
      join(base, 'root-sibling.txt'),
      `${root}/../outside/secret.txt`,
      `file://${root}/docs/../../outside/secret.txt`,
      `file://${root}/%2e%2e/outside/secret.txt`,
      join(root, 'escape.txt'),
      join(root, 'escape-dir/secret.txt'),
      join(root, 'escape-dir/missing.txt'),
    ];
    for (const target of refused) {
      const error = await reader.readUrl(target).catch((e: unknown) => e);
      expect(error, target).toBeInstanceOf(NotAllowedError);
      expect((error as Error).message).toContain('backend.reading.localRoots');
    }
    await expect(reader.readTree(join(root, 'escape-dir'))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(reader.search(join(base, 'outside/*.txt'))).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('throws NotFound naming the URL for a missing file inside a root', async () => {
    const missing = join(root, 'docs/missing.md');
    await expect(reader.readUrl(missing)).rejects.toThrow(new NotFoundError(`${pathToFileURL(missing).href} was not found`));
  });

  it('refuses every file when no roots are configured', async () => {
    const bare = await createTestUrlReader({});
    try {
      await expect(bare.reader.readUrl(join(root, 'docs/index.md'))).rejects.toThrow(/backend\.reading\.localRoots/);
    } finally {
      await bare.cleanup();
    }
  });
});

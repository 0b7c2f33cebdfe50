import * as fs from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadGit } from './loadGit.js';
import type { Logger } from '../api/services.js';
import { sha256 } from './folderTree.js';
import { redactUrl } from './urlUtils.js';

export interface GitCheckoutCacheOptions {
  /** Folder holding one sub-folder per repository, each with one plain folder per commit. */
  root: string;
  /** Commits kept per repository; older ones (by last use) are removed after each new checkout. */
  keepCommits: number;
  logger: Logger;
}

export interface CheckoutRequest {
  repoUrl: string;
  commit: string;
  /** What to ask the server for: a full ref name whose tip is `commit`, or the sha itself. */
  fetchRef: string;
  headers: Record<string, string>;
}

/** Temp folders older than this are leftovers of a crashed process. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Commits materialised as plain folders: `<root>/<repo key>/<sha>/...`. A folder only appears there
 * by an atomic rename once complete, so a partial checkout is never read, and a commit is fetched at
 * most once per process at a time (concurrent callers share the in-flight promise).
 */
export class GitCheckoutCache {
  readonly #options: GitCheckoutCacheOptions;
  readonly #inFlight = new Map<string, Promise<string>>();

  constructor(options: GitCheckoutCacheOptions) {
    this.#options = options;
  }

  /** The folder holding `commit`'s files, fetching it first when it is not cached. */
  async checkout(request: CheckoutRequest): Promise<string> {
    const repoDir = join(this.#options.root, repoKey(request.repoUrl));
    const target = join(repoDir, request.commit);
    if (await exists(target)) {
      // Last use decides eviction order, so a hot commit outlives newer but unused ones.
      await utimes(target, new Date(), new Date()).catch(() => {});
      return target;
    }
    const key = `${request.repoUrl}@${request.commit}`;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#materialise(request, repoDir, target).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  async #materialise(request: CheckoutRequest, repoDir: string, target: string): Promise<string> {
    const started = Date.now();
    const { git, http } = await loadGit();
    await mkdir(repoDir, { recursive: true });
    const temp = await mkdtemp(join(repoDir, `.tmp-${request.commit.slice(0, 12)}-`));
    try {
      const gitdir = join(temp, 'git');
      const tree = join(temp, 'tree');
      await git.init({ fs, gitdir, bare: true });
      // fetch() needs a remote's refspec to record what it fetched, even with an explicit url.
      await git.addRemote({ fs, gitdir, remote: 'origin', url: request.repoUrl });
      await git.fetch({
        fs, http, gitdir,
        remote: 'origin',
        url: request.repoUrl,
        ref: request.fetchRef,
        singleBranch: true,
        depth: 1,
        tags: false,
        headers: request.headers,
      });
      await mkdir(tree);
      await writeTree(gitdir, request.commit, tree);
      try {
        await rename(tree, target);
      } catch (error) {
        // Another process finished the same commit first; its copy is identical.
        if (!(await exists(target))) throw error;
      }
      this.#options.logger.debug('Fetched git commit', {
        repo: redactUrl(request.repoUrl), commit: request.commit, ms: Date.now() - started,
      });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
    await this.#evict(repoDir, request.commit);
    return target;
  }

  async #evict(repoDir: string, keep: string): Promise<void> {
    const entries = await readdir(repoDir, { withFileTypes: true });
    const commits: Array<{ name: string; usedAt: number }> = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const info = await stat(join(repoDir, entry.name)).catch(() => undefined);
      if (!info) continue;
      if (entry.name.startsWith('.tmp-')) {
        if (Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(join(repoDir, entry.name), { recursive: true, force: true });
      } else if (entry.name !== keep) {
        commits.push({ name: entry.name, usedAt: info.mtimeMs });
      }
    }
    commits.sort((a, b) => b.usedAt - a.usedAt);
    for (const old of commits.slice(Math.max(0, this.#options.keepCommits - 1))) {
      await rm(join(repoDir, old.name), { recursive: true, force: true });
    }
  }
}

/** Writes the commit's files (no `.git`) into `dir`. Symlinks and submodules are skipped. */
async function writeTree(gitdir: string, commit: string, dir: string): Promise<void> {
  const { git } = await loadGit();
  await git.walk({
    fs, gitdir,
    trees: [git.TREE({ ref: commit })],
    map: async (filepath, [entry]) => {
      if (!entry || filepath === '.') return undefined;
      const type = await entry.type();
      if (type === 'tree') {
        await mkdir(join(dir, filepath), { recursive: true });
        return undefined;
      }
      const mode = await entry.mode();
      if (type !== 'blob' || mode === 0o120000) return null;
      const content = await entry.content();
      await writeFile(join(dir, filepath), content ?? new Uint8Array(), { mode: mode === 0o100755 ? 0o755 : 0o644 });
      return undefined;
    },
    // Nothing to collect: the default reduce would build an array of every entry.
    reduce: async () => undefined,
  });
}

/** Readable and collision-free: `127.0.0.1_8080_acme_web-3f2a...`. */
function repoKey(repoUrl: string): string {
  const url = new URL(repoUrl);
  const readable = `${url.host}${url.pathname}`.replace(/[^a-zA-Z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80);
  return `${readable}-${sha256(repoUrl).slice(0, 12)}`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

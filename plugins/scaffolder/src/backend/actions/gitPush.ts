import fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadIsomorphicGit } from './loadIsomorphicGit.js';

export interface GitAuth { username: string; password: string }

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, root)));
    else if (e.isFile() || e.isSymbolicLink()) out.push(relative(root, full).split('\\').join('/'));
  }
  return out;
}

/**
 * Commits everything in `dir` as the first commit of `branch` and pushes it to `remoteUrl`. The
 * credentials go to isomorphic-git's onAuth only, never into the URL, so they cannot reach a log line.
 */
export async function initAndPush(options: {
  dir: string; remoteUrl: string; branch: string; auth?: GitAuth; message: string; author: { name: string; email: string }; signal?: AbortSignal;
}): Promise<{ commitHash: string; files: number }> {
  const { git, http } = await loadIsomorphicGit();
  const { dir, branch } = options;
  await git.init({ fs, dir, defaultBranch: branch });
  const files = await listFiles(dir);
  // One add per file keeps memory flat for large skeletons; isomorphic-git has no bulk add that keeps modes.
  for (const filepath of files) await git.add({ fs, dir, filepath });
  const commitHash = await git.commit({ fs, dir, message: options.message, author: options.author });
  if (options.signal?.aborted) throw new Error('Cancelled before pushing');
  const result = await git.push({
    fs, http, dir, url: options.remoteUrl, ref: branch, remoteRef: branch,
    onAuth: () => (options.auth ? { username: options.auth.username, password: options.auth.password } : { cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
  });
  if (!result.ok) throw new Error(`The git server refused the push: ${result.error ?? JSON.stringify(result.refs)}`);
  return { commitHash, files: files.length };
}

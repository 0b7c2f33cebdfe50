import fs from 'node:fs';
import { listFiles } from './listFiles.js';
import { loadIsomorphicGit } from './loadIsomorphicGit.js';

export interface GitAuth { username: string; password: string }

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

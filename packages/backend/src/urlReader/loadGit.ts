import type IsomorphicGit from 'isomorphic-git';
import type GitHttp from 'isomorphic-git/http/node';

/**
 * isomorphic-git is loaded on the first git read, not at start-up: most backends start without
 * reading from git, and the import costs ~100 ms.
 */
let loading: Promise<{ git: typeof IsomorphicGit; http: typeof GitHttp }> | undefined;

export function loadGit() {
  loading ??= Promise.all([import('isomorphic-git'), import('isomorphic-git/http/node')]).then(([g, h]) => ({ git: g.default, http: h.default }));
  return loading;
}

import type IsomorphicGit from 'isomorphic-git';
import type GitHttp from 'isomorphic-git/http/node';

// Loaded on the first publish: most tasks and every dry run never push.
let loading: Promise<{ git: typeof IsomorphicGit; http: typeof GitHttp }> | undefined;

export function loadIsomorphicGit() {
  loading ??= Promise.all([import('isomorphic-git'), import('isomorphic-git/http/node')]).then(([g, h]) => ({ git: g.default, http: h.default }));
  return loading;
}

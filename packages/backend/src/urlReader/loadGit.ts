/**
 * isomorphic-git is loaded on the first git read, not at start-up: most backends start without
 * reading from git, and the import costs ~100 ms.
 */
let loading: Promise<{ git: typeof import('isomorphic-git').default; http: typeof import('isomorphic-git/http/node').default }> | undefined;

export function loadGit() {
  loading ??= Promise.all([import('isomorphic-git'), import('isomorphic-git/http/node')]).then(([g, h]) => ({ git: g.default, http: h.default }));
  return loading;
}

/**
 * The RepoUrlPicker value, `<host>?owner=<o>&repo=<r>` (plus `organization`, `workspace`, `project`),
 * used by the form, the templating filters and every publish action. Kept free of DOM and Node types.
 */
export interface RepoUrlParts {
  host: string;
  repo: string;
  owner?: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

const KEYS = ['owner', 'repo', 'organization', 'workspace', 'project'] as const;

export function parseRepoUrl(value: string): RepoUrlParts {
  const q = value.indexOf('?');
  if (q <= 0) throw new Error(`Invalid repo URL "${value}": expected <host>?owner=<owner>&repo=<repo>`);
  const host = value.slice(0, q);
  const parts: Partial<RepoUrlParts> = { host };
  for (const pair of value.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    const val = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    if ((KEYS as readonly string[]).includes(key) && val) (parts as Record<string, string>)[key] = val;
  }
  if (!parts.repo) throw new Error(`Invalid repo URL "${value}": missing repo`);
  return parts as RepoUrlParts;
}

export function formatRepoUrl(parts: Partial<RepoUrlParts>): string {
  const query = KEYS.filter((k) => parts[k]).map((k) => `${k}=${encodeURIComponent(parts[k]!)}`).join('&');
  return `${parts.host ?? ''}?${query}`;
}

import type { GithubClient } from './githubClient.js';

/** The parts of GitHub's REST shapes discovery uses (`repository`, `team`, `simple-user`, `public-user`). */
export interface GithubRepository {
  name: string;
  default_branch?: string;
  archived?: boolean;
}
export interface GithubTeam {
  slug: string;
  name: string;
  description?: string | null;
  parent?: { slug: string } | null;
}
export interface GithubUser {
  login: string;
  name?: string | null;
  email?: string | null;
  avatar_url?: string;
}

export interface OrgSnapshot {
  /** Repositories that have the descriptor, with their default branch. */
  repositories: Array<{ name: string; defaultBranch: string }>;
  teams: GithubTeam[];
  users: GithubUser[];
  /** login → team slugs. */
  memberships: Map<string, string[]>;
}

/**
 * Reads everything before anything is emitted, so a failure half-way (rate limit, network) leaves the
 * catalog as it was instead of applying a partial org.
 */
export async function readOrg(client: GithubClient, options: { organization: string; catalogPath: string; repositoryPattern?: RegExp }): Promise<OrgSnapshot> {
  const org = encodeURIComponent(options.organization);
  const catalogPath = options.catalogPath.split('/').map(encodeURIComponent).join('/');

  const allRepositories = await client.list<GithubRepository>(`/orgs/${org}/repos?type=all`);
  const candidates = allRepositories.filter((r) => !r.archived && (!options.repositoryPattern || options.repositoryPattern.test(r.name)));
  const repositories: OrgSnapshot['repositories'] = [];
  for (const repository of candidates) {
    const defaultBranch = repository.default_branch ?? 'main';
    const path = `/repos/${org}/${encodeURIComponent(repository.name)}/contents/${catalogPath}?ref=${encodeURIComponent(defaultBranch)}`;
    if (await client.exists(path)) repositories.push({ name: repository.name, defaultBranch });
  }

  const teams = await client.list<GithubTeam>(`/orgs/${org}/teams`);
  const memberships = new Map<string, string[]>();
  for (const team of teams) {
    for (const member of await client.list<GithubUser>(`/orgs/${org}/teams/${encodeURIComponent(team.slug)}/members`)) {
      memberships.set(member.login, [...(memberships.get(member.login) ?? []), team.slug]);
    }
  }
  // The member list has no names or emails; the public profile of each member does.
  const members = await client.list<GithubUser>(`/orgs/${org}/members`);
  const users: GithubUser[] = [];
  for (const member of members) users.push({ ...member, ...(await client.get<GithubUser>(`/users/${encodeURIComponent(member.login)}`)) });
  return { repositories, teams, users, memberships };
}

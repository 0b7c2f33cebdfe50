import type { Entity } from '@atrium/model';
import { locationEntityFor } from '../../providers/locationEntity.js';
import type { OrgSnapshot } from './readOrg.js';

export interface EmittedEntity {
  entity: Entity;
  locationKey: string;
}

/**
 * The org as Backstage's GitHub providers model it: one `url` Location per repository with a
 * descriptor, a Group per team (named by slug) and a User per member (named by login).
 */
export function orgEntities(snapshot: OrgSnapshot, options: { host: string; organization: string; catalogPath: string }): EmittedEntity[] {
  const { host, organization } = options;
  const orgKey = `url:https://${host}/${organization}`;
  const provenance = { 'backstage.io/managed-by-location': orgKey, 'backstage.io/managed-by-origin-location': orgKey };
  const out: EmittedEntity[] = [];

  for (const repository of snapshot.repositories) {
    const target = `https://${host}/${organization}/${repository.name}/blob/${encodePath(repository.defaultBranch)}/${encodePath(options.catalogPath)}`;
    out.push({ entity: locationEntityFor({ type: 'url', target, presence: 'optional' }), locationKey: `url:${target}` });
  }

  const teamSlugs = new Set(snapshot.teams.map((team) => team.slug));
  for (const team of snapshot.teams) {
    const parent = team.parent?.slug && teamSlugs.has(team.parent.slug) ? team.parent.slug : undefined;
    const children = snapshot.teams.filter((child) => child.parent?.slug === team.slug).map((child) => child.slug).sort();
    out.push({
      locationKey: orgKey,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: team.slug,
          ...(team.description ? { description: team.description } : {}),
          annotations: { ...provenance, 'github.com/team-slug': `${organization}/${team.slug}` },
        },
        spec: { type: 'team', profile: { displayName: team.name }, ...(parent ? { parent } : {}), children },
      },
    });
  }

  for (const user of snapshot.users) {
    const profile = {
      ...(user.name ? { displayName: user.name } : {}),
      ...(user.email ? { email: user.email } : {}),
      ...(user.avatar_url ? { picture: user.avatar_url } : {}),
    };
    out.push({
      locationKey: orgKey,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: user.login, annotations: { ...provenance, 'github.com/user-login': user.login } },
        spec: { profile, memberOf: [...(snapshot.memberships.get(user.login) ?? [])].sort() },
      },
    });
  }
  return out;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.js';
import { parseRefField } from './ref.js';
import { relationsFromSpec, withInverseRelations } from './relationsFromSpec.js';
import { inverseRelation, RELATION_PAIRS } from './relations.js';

const entity = (kind: string, spec: Record<string, unknown>, namespace?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: 'x', namespace }, spec,
});
const pairs = (e: Entity) => relationsFromSpec(e).relations.map(r => `${r.type} ${r.targetRef}`);

describe('relationsFromSpec', () => {
  it('derives every Component relation with its default kinds, in the entity namespace', () => {
    const e = entity('Component', {
      owner: 'Team-A', system: 'audio', subcomponentOf: 'player', providesApis: ['play-api'], consumesApis: ['other/rec-api'],
      dependsOn: ['resource:db'], dependencyOf: ['component:default/site'],
    }, 'music');
    expect(pairs(e)).toEqual([
      'ownedBy group:music/team-a', 'partOf system:music/audio', 'partOf component:music/player', 'providesApi api:music/play-api',
      'consumesApi api:other/rec-api', 'dependsOn resource:music/db', 'dependencyOf component:default/site',
    ]);
  });

  it('derives org relations for groups and users, and owner kinds other than Group', () => {
    expect(pairs(entity('Group', { type: 'team', parent: 'org', children: ['sub'], members: ['ann'] }))).toEqual([
      'childOf group:default/org', 'parentOf group:default/sub', 'hasMember user:default/ann',
    ]);
    expect(pairs(entity('User', { memberOf: ['a', 'group:b'] }))).toEqual(['memberOf group:default/a', 'memberOf group:default/b']);
    expect(pairs(entity('System', { owner: 'user:ann', domain: 'sales' }))).toEqual(['ownedBy user:default/ann', 'partOf domain:default/sales']);
    expect(pairs(entity('Domain', { owner: 'g', subdomainOf: 'top' }))).toEqual(['ownedBy group:default/g', 'partOf domain:default/top']);
    expect(pairs(entity('Resource', { owner: 'g', system: 's', dependsOn: ['component:c'] }))).toEqual([
      'ownedBy group:default/g', 'partOf system:default/s', 'dependsOn component:default/c',
    ]);
  });

  it('accepts the compound ref form and drops duplicates', () => {
    expect(pairs(entity('API', { owner: { kind: 'User', name: 'A:B/C' }, system: 's' }))).toEqual([
      'ownedBy user:default/a:b/c', 'partOf system:default/s',
    ]);
    expect(pairs(entity('User', { memberOf: ['a', 'A', 'group:default/a'] }))).toEqual(['memberOf group:default/a']);
  });

  it('reports dependsOn refs without a kind and unparseable refs instead of throwing', () => {
    const result = relationsFromSpec(entity('Component', { owner: 'group:', dependsOn: ['db', 'resource:db'], providesApis: [42] }));
    expect(result.relations).toEqual([{ type: 'dependsOn', targetRef: 'resource:default/db' }]);
    expect(result.errors.map(e => e.field)).toEqual(['spec.owner', 'spec.providesApis[0]', 'spec.dependsOn[0]']);
    expect(result.errors[2]?.message).toBe('"spec.dependsOn[0]" is not a valid entity reference: Entity reference "db" has no kind and no default kind was given');
  });

  it('yields nothing for kinds without ref fields', () => {
    expect(relationsFromSpec(entity('Location', { target: './a.yaml' }))).toEqual({ relations: [], errors: [] });
    expect(relationsFromSpec({ apiVersion: 'x/v1', kind: 'Custom', metadata: { name: 'c' } }).relations).toEqual([]);
  });

  it('pairs every relation with its inverse', () => {
    for (const [type, inverse] of Object.entries(RELATION_PAIRS)) expect(inverseRelation(inverse)).toBe(type);
    expect(inverseRelation('ownedBy')).toBe('ownerOf');
    expect(inverseRelation('custom')).toBeUndefined();
    expect(inverseRelation('toString')).toBeUndefined();
    expect(withInverseRelations('Component:default/X', [{ type: 'ownedBy', targetRef: 'group:default/g' }, { type: 'custom', targetRef: 'a:b/c' }])).toEqual([
      { sourceRef: 'component:default/x', type: 'ownedBy', targetRef: 'group:default/g' },
      { sourceRef: 'group:default/g', type: 'ownerOf', targetRef: 'component:default/x' },
      { sourceRef: 'component:default/x', type: 'custom', targetRef: 'a:b/c' },
    ]);
  });
});

describe('parseRefField', () => {
  it('uses the referring entity namespace and the default kind', () => {
    expect(parseRefField('team', { defaultKind: 'Group', defaultNamespace: 'ops' })).toEqual({ kind: 'Group', namespace: 'ops', name: 'team' });
    expect(parseRefField({ name: 'n' }, { defaultKind: 'API', defaultNamespace: 'ns' })).toEqual({ kind: 'API', namespace: 'ns', name: 'n' });
  });

  it('rejects empty parts with a TypeError', () => {
    expect(() => parseRefField('', { defaultNamespace: 'd', defaultKind: 'Group' })).toThrow(TypeError);
    expect(() => parseRefField({ name: '' }, { defaultNamespace: 'd', defaultKind: 'Group' })).toThrow(/empty or invalid name/);
    expect(() => parseRefField({ name: 'n' }, { defaultNamespace: 'd' })).toThrow(/no kind/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Entity } from '@atrium/model';
import { ancestorsOf, buildOrgTree, filterOrgTree } from './orgTree';

const group = (name: string, parent?: string, members = 0, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  relations: [
    ...(parent ? [{ type: 'childOf', targetRef: `group:default/${parent}` }] : []),
    ...Array.from({ length: members }, (_, i) => ({ type: 'hasMember', targetRef: `user:default/u${i}` })),
  ],
});

describe('the organisation chart', () => {
  const groups = [group('playback', 'listener', 4), group('acme'), group('listener', 'acme', 1, 'Listener Experience'), group('discovery', 'listener'), group('orphan', 'gone')];

  it('nests groups under their parents, sorted by title, with member counts', () => {
    const roots = buildOrgTree(groups);
    expect(roots.map(r => r.entity.metadata.name)).toEqual(['acme', 'orphan']);
    const listener = roots[0]!.children[0]!;
    expect(listener.title).toBe('Listener Experience');
    expect(listener.children.map(c => [c.entity.metadata.name, c.members])).toEqual([['discovery', 0], ['playback', 4]]);
  });

  it('keeps a group whose parent is not in the catalog as a root, and breaks a parent cycle', () => {
    const roots = buildOrgTree([group('a', 'b'), group('b', 'a')]);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.children).toHaveLength(1);
  });

  it('finds the way down to a group, and filters by text keeping the ancestors', () => {
    const roots = buildOrgTree(groups);
    expect(ancestorsOf(roots, 'group:default/playback')).toEqual(['group:default/acme', 'group:default/listener']);
    const filtered = filterOrgTree(roots, 'PLAY');
    expect(filtered.map(r => r.entity.metadata.name)).toEqual(['acme']);
    expect(filtered[0]!.children[0]!.children.map(c => c.entity.metadata.name)).toEqual(['playback']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.js';
import { findCaseConflictingKeys, flattenEntity } from './flattenEntity.js';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'Artist-Web',
    uid: 'u1',
    etag: 'e1',
    tags: ['Java', 'data'],
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    links: [{ url: 'https://A.org', title: 'A' }, { url: 'https://b.org' }],
  },
  spec: { type: 'service', replicas: 3, public: false, owner: null, long: 'x'.repeat(201), nested: { deep: ['a'] } },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }, { type: 'ownedBy', targetRef: 'group:default/team-b' }],
  status: { items: [{ type: 't', level: 'error', message: 'm' }] },
};

const rows = flattenEntity(entity);
const valuesOf = (key: string) => rows.filter(r => r.key === key).map(r => r.value);

describe('flattenEntity', () => {
  it('lowercases keys and values and keeps the original value', () => {
    expect(rows).toContainEqual({ key: 'metadata.name', value: 'artist-web', originalValue: 'Artist-Web' });
    expect(valuesOf('kind')).toEqual(['component']);
    expect(valuesOf('apiversion')).toEqual(['backstage.io/v1alpha1']);
  });

  it('joins annotation keys verbatim after a dot', () => {
    expect(valuesOf('metadata.annotations.backstage.io/techdocs-ref')).toEqual(['dir:.']);
  });

  it('repeats the key per array item and adds <path>.<item> = true for string items', () => {
    expect(valuesOf('metadata.tags')).toEqual(['java', 'data']);
    expect(valuesOf('metadata.tags.java')).toEqual(['true']);
    expect(valuesOf('spec.nested.deep.a')).toEqual(['true']);
    expect(valuesOf('metadata.links.url')).toEqual(['https://a.org', 'https://b.org']);
  });

  it('stringifies numbers and booleans, keeps null, and nulls over-long values', () => {
    expect(valuesOf('spec.replicas')).toEqual(['3']);
    expect(valuesOf('spec.public')).toEqual(['false']);
    expect(valuesOf('spec.owner')).toEqual([null]);
    expect(rows).toContainEqual({ key: 'spec.long', value: null, originalValue: null });
  });

  it('emits relations.<type> per relation and skips status and etag', () => {
    expect(valuesOf('relations.ownedby')).toEqual(['group:default/team-a', 'group:default/team-b']);
    expect(rows.some(r => r.key.startsWith('status') || r.key.startsWith('relations.0') || r.key === 'metadata.etag')).toBe(false);
    expect(valuesOf('metadata.uid')).toEqual(['u1']);
  });

  it('puts an entity without namespace in the default namespace', () => {
    expect(valuesOf('metadata.namespace')).toEqual([null, 'default']);
    const namespaced = flattenEntity({ ...entity, metadata: { ...entity.metadata, namespace: 'Ops' } });
    expect(namespaced.filter(r => r.key === 'metadata.namespace').map(r => r.value)).toEqual(['ops']);
  });

  it('drops over-long keys and duplicate rows', () => {
    const e: Entity = { apiVersion: 'v1', kind: 'K', metadata: { name: 'n', tags: ['a', 'a'] }, spec: { ['k'.repeat(200)]: 'v' } };
    const flat = flattenEntity(e);
    expect(flat.filter(r => r.key === 'metadata.tags')).toHaveLength(1);
    expect(flat.some(r => r.key.startsWith('spec.k'))).toBe(false);
  });
});

describe('findCaseConflictingKeys', () => {
  it('finds keys that differ only in case, including the explicit metadata keys', () => {
    expect(findCaseConflictingKeys(entity)).toEqual([]);
    expect(findCaseConflictingKeys({ ...entity, spec: { owner: 'a', OWNER: 'b', lifecycle: 'x', lifeCycle: 'y' } })).toEqual(['spec.owner', 'spec.lifecycle']);
    expect(findCaseConflictingKeys({ apiVersion: 'a', kind: 'b', metadata: { name: 'n', Namespace: 'ns' } })).toEqual(['metadata.namespace']);
  });
});

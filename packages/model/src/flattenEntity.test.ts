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

  it('finds the conflicts that only the joined paths make: dotted keys, string items beside object items, nested arrays, relations', () => {
    const base = { apiVersion: 'a', kind: 'b', metadata: { name: 'n' } };
    const cases: Array<[Entity, string[]]> = [
      [{ ...base, spec: { 'a.B': 1, a: { b: 2 } } }, ['spec.a.b']],
      [{ ...base, spec: { list: ['X', { x: 1 }] } }, ['spec.list.x']],
      [{ ...base, spec: { list: [['X'], { x: 1 }] } }, ['spec.list.x']],
      [{ ...base, spec: { deep: { list: [{ Owner: 1, owner: 2 }] } } }, ['spec.deep.list.owner']],
      [{ ...base, metadata: { name: 'n', UID: 'u' } }, ['metadata.uid']],
      [{ ...base, relations: [{ type: 'ownedBy', targetRef: 'group:default/a' }, { type: 'ownedby', targetRef: 'group:default/b' }] }, ['relations.ownedby']],
      // Mixed case alone is no conflict.
      [{ ...base, spec: { providesApis: ['x'], consumesApis: ['X'], dependsOn: [{ targetRef: 'a' }] } }, []],
    ];
    for (const [e, conflicts] of cases) expect([e, findCaseConflictingKeys(e)]).toEqual([e, conflicts]);
  });

  it('finds a key respelled anywhere in real catalogs’ entities, and nothing in the entities as written', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseAllDocuments } = await import('yaml');
    const root = new URL('../../../', import.meta.url).pathname;
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.ya?ml$/.test(n) ? [join(dir, n)] : []));
    // Every object key down to three levels, as [path to its object, key].
    const objectKeys = (value: unknown, path: string[] = []): Array<[string[], string]> => {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || path.length > 2) return [];
      return Object.entries(value).flatMap(([k, v]) => [[path, k] as [string[], string], ...objectKeys(v, [...path, k])]);
    };
    let respelled = 0;
    for (const file of [...files(join(root, 'apps/portal/examples')), ...files(join(root, 'node_modules/@backstage/create-app/templates/default-app/examples'))]) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const value = doc.errors.length === 0 ? (doc.toJS() as Entity | null) : null;
        if (!value || typeof value !== 'object' || !value.metadata || value.relations) continue;
        expect(findCaseConflictingKeys(value)).toEqual([]);
        for (const [path, key] of objectKeys(value)) {
          const other = key === key.toUpperCase() ? key.toLowerCase() : key.toUpperCase();
          if (other === key || ['relations', 'status', 'attachments'].includes((path[0] ?? key).toLowerCase())) continue;
          const copy = structuredClone(value) as unknown as Record<string, Record<string, unknown>>;
          const holder = path.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copy);
          // An empty array or object flattens to no key at all, so respelling it conflicts with nothing.
          const moved = holder[key];
          if (moved !== null && typeof moved === 'object' && Object.keys(moved).length === 0) continue;
          holder[other] = moved;
          expect([path, key, findCaseConflictingKeys(copy as unknown as Entity).length > 0]).toEqual([path, key, true]);
          respelled++;
        }
      }
    }
    expect(respelled).toBeGreaterThan(500);
  });
});

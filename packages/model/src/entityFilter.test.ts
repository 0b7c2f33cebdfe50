import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.js';
import {
  allOfFilter, anyOfFilter, entityFilterFromQuery, keyFilter, notFilter, parseEntityFilterParams, stringifyEntityFilterParams,
} from './entityFilter.js';
import { matchEntity } from './matchEntity.js';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'artist-web', tags: ['java', 'web'], annotations: { 'backstage.io/orphan': 'true' } },
  spec: { type: 'service', owner: 'team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};
const website: Entity = { ...service, metadata: { name: 'site', namespace: 'web' }, spec: { type: 'website' }, relations: [] };
const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'ann' }, spec: { memberOf: ['ops'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/ops' }],
};
const all = [service, website, user];
const names = (params: string[]) => {
  const filter = parseEntityFilterParams(params);
  return all.filter(e => matchEntity(e, filter)).map(e => e.metadata.name);
};

describe('parseEntityFilterParams', () => {
  it('ANDs the conditions of one param and lowercases keys and values', () => {
    expect(parseEntityFilterParams(['Kind=Component, spec.type=service'])).toEqual(
      allOfFilter([keyFilter('kind', ['component']), keyFilter('spec.type', ['service'])]),
    );
  });

  it('ORs params and merges a repeated key into a value set', () => {
    expect(parseEntityFilterParams(['kind=user', 'spec.type=a,spec.type=b,metadata.tags'])).toEqual(anyOfFilter([
      allOfFilter([keyFilter('kind', ['user'])]),
      allOfFilter([{ type: 'key', key: 'spec.type', values: ['a', 'b'] }, { type: 'key', key: 'metadata.tags' }]),
    ]));
  });

  it('treats `a=` as the empty value and `a,a=b` as a=b; splits on the first =', () => {
    expect(parseEntityFilterParams(['a=,b,b=x=y'])).toEqual(allOfFilter([keyFilter('a', ['']), keyFilter('b', ['x=y'])]));
  });

  it('returns undefined when there are no conditions', () => {
    expect(parseEntityFilterParams([])).toBeUndefined();
    expect(parseEntityFilterParams(['', ' , '])).toBeUndefined();
    expect(parseEntityFilterParams(undefined)).toBeUndefined();
  });

  it('throws a TypeError naming a statement with an empty key', () => {
    expect(() => parseEntityFilterParams(['kind=user', 'x=2,=a'])).toThrow(
      new TypeError("Invalid filter, '=a' is not a valid statement (expected a string on the form a=b or a= or a)"),
    );
    expect(() => parseEntityFilterParams([3 as unknown as string])).toThrow(TypeError);
  });

  it('produces frozen nodes', () => {
    const filter = parseEntityFilterParams(['kind=user']);
    expect(Object.isFrozen(filter)).toBe(true);
  });
});

describe('matchEntity', () => {
  it('matches kind and spec.type together', () => {
    expect(names(['kind=component,spec.type=service'])).toEqual(['artist-web']);
  });

  it('is case-insensitive in keys and values', () => {
    expect(names(['KIND=COMPONENT,Spec.Type=Service'])).toEqual(['artist-web']);
    expect(names(['metadata.annotations.backstage.io/orphan=TRUE'])).toEqual(['artist-web']);
  });

  it('checks existence, including array items', () => {
    expect(names(['spec.owner'])).toEqual(['artist-web']);
    expect(names(['metadata.tags.java'])).toEqual(['artist-web']);
    expect(names(['metadata.tags=web'])).toEqual(['artist-web']);
    expect(names(['spec.nothing'])).toEqual([]);
  });

  it('ORs across params and within repeated keys', () => {
    expect(names(['kind=user', 'spec.type=website'])).toEqual(['site', 'ann']);
    expect(names(['spec.type=service,spec.type=website'])).toEqual(['artist-web', 'site']);
  });

  it('matches relations by full ref and the default namespace', () => {
    expect(names(['kind=user,relations.memberof=group:default/ops'])).toEqual(['ann']);
    expect(names(['relations.ownedBy=Group:default/Team-A'])).toEqual(['artist-web']);
    expect(names(['metadata.namespace=default'])).toEqual(['artist-web', 'ann']);
  });

  it('supports not, and undefined matches everything', () => {
    expect(all.filter(e => matchEntity(e, notFilter(keyFilter('kind', ['Component'])))).map(e => e.metadata.name)).toEqual(['ann']);
    expect(all.every(e => matchEntity(e, undefined))).toBe(true);
    expect(matchEntity(service, anyOfFilter([]))).toBe(false);
    expect(matchEntity(service, allOfFilter([]))).toBe(true);
  });
});

describe('filter conversions', () => {
  it('builds a filter from the object form', () => {
    const filter = entityFilterFromQuery([{ kind: 'Group', 'spec.type': ['team', 'org'] }, { 'metadata.tags': { exists: true } }]);
    expect(all.filter(e => matchEntity(e, filter)).map(e => e.metadata.name)).toEqual(['artist-web']);
  });

  it('round-trips through query parameters', () => {
    const params = ['kind=component,spec.type=service,spec.type=website', 'metadata.tags'];
    expect(stringifyEntityFilterParams(parseEntityFilterParams(params))).toEqual(params);
    expect(() => stringifyEntityFilterParams(notFilter(keyFilter('a')))).toThrow(TypeError);
  });

  it('rejects an empty key', () => {
    expect(() => keyFilter(' ')).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { matchEntity } from './matchEntity.js';
import { parseEntityPredicate } from './entityPredicate.js';
import type { Entity } from './entity.js';

const svc: Entity = {
  apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
  metadata: { name: 'Playback-Service', tags: ['java', 'kafka'], annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a', replicas: 3, public: false },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }, { type: 'dependsOn', targetRef: 'resource:default/db' }],
};
const matches = (q: unknown) => matchEntity(svc, parseEntityPredicate(q));

describe('the predicate query language', () => {
  it('matches literals case-insensitively, numbers and booleans as text', () => {
    expect(matches({ kind: 'COMPONENT', 'metadata.name': 'playback-service' })).toBe(true);
    expect(matches({ 'spec.replicas': 3, 'spec.public': false })).toBe(true);
    expect(matches({ kind: 'component', 'spec.type': 'website' })).toBe(false);
  });

  it('combines with $all, $any and $not, with the empty cases Backstage defines', () => {
    expect(matches({ $all: [] })).toBe(true);
    expect(matches({ $any: [] })).toBe(false);
    expect(matches({ $any: [{ 'spec.type': 'website' }, { $not: { 'spec.lifecycle': 'experimental' } }] })).toBe(true);
  });

  it('has $exists, $in, $hasPrefix and $contains for array items and relations', () => {
    expect(matches({ 'metadata.annotations.backstage.io/techdocs-ref': { $exists: true }, 'spec.system': { $exists: false } })).toBe(true);
    expect(matches({ 'spec.lifecycle': { $in: ['experimental', 'Production'] } })).toBe(true);
    expect(matches({ 'metadata.name': { $hasPrefix: 'PLAY' } })).toBe(true);
    expect(matches({ 'metadata.name': { $hasPrefix: 'service' } })).toBe(false);
    expect(matches({ 'metadata.tags': { $contains: 'Kafka' } })).toBe(true);
    expect(matches({ relations: { $contains: { type: 'ownedBy', targetRef: 'group:default/team-a' } } })).toBe(true);
    expect(matches({ relations: { $contains: { type: 'dependsOn', targetRef: { $in: ['resource:default/cache'] } } } })).toBe(false);
    expect(matches({ relations: { $contains: { type: 'dependsOn' } } })).toBe(true);
  });

  it('names the place of each mistake', () => {
    expect(() => parseEntityPredicate([])).toThrow('Invalid query at query: expected an object');
    expect(() => parseEntityPredicate({ $all: {} })).toThrow('Invalid query at query.$all: expected an array');
    expect(() => parseEntityPredicate({ $all: [], kind: 'x' })).toThrow('$all must be the only key of its object');
    expect(() => parseEntityPredicate({ $or: [] })).toThrow('Invalid query at query.$or: unknown operator');
    expect(() => parseEntityPredicate({ $any: [{ kind: null }] })).toThrow('Invalid query at query.$any[0].kind: expected a string, number, boolean or a matcher');
    expect(() => parseEntityPredicate({ kind: { $in: ['a', {}] } })).toThrow('Invalid query at query.kind.$in[1]: expected a string, number or boolean');
    expect(() => parseEntityPredicate({ kind: { $not: 'a' } })).toThrow('$not applies to expressions, not to values');
    expect(() => parseEntityPredicate({ kind: { $in: [], $exists: true } })).toThrow('a matcher has exactly one operator');
    expect(() => parseEntityPredicate({ relations: { $contains: 'ownedBy' } })).toThrow('Invalid query at query.relations.$contains: expected a relation');
  });
});

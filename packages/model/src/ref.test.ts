import { describe, expect, it } from 'vitest';
import { parseEntityRef, stringifyEntityRef } from './index.js';

describe('entity references', () => {
  it('parses the full form and lowercases when stringified', () => {
    const ref = parseEntityRef('Component:Default/Artist-Lookup');
    expect(ref).toEqual({ kind: 'Component', namespace: 'Default', name: 'Artist-Lookup' });
    expect(stringifyEntityRef(ref)).toBe('component:default/artist-lookup');
  });
  it('fills kind and namespace from the context', () => {
    expect(parseEntityRef('team-a', { defaultKind: 'Group', defaultNamespace: 'ops' })).toEqual({ kind: 'Group', namespace: 'ops', name: 'team-a' });
  });
  it('treats a slash before the colon as no kind', () => {
    expect(parseEntityRef('ns/na:me', { defaultKind: 'Component' })).toEqual({ kind: 'Component', namespace: 'ns', name: 'na:me' });
  });
  it('rejects refs without a kind or with empty parts', () => {
    expect(() => parseEntityRef('name')).toThrow(/no kind/);
    expect(() => parseEntityRef('component:/x')).toThrow(/empty/);
  });
});

import { describe, expect, it } from 'vitest';
import { hashOf, stableHashOf, stableStringify } from './hash.js';

describe('stable hashing', () => {
  it('ignores key order at every depth, as JSONB reorders keys', () => {
    const a = { kind: 'Component', metadata: { name: 'x', annotations: { b: '2', a: '1' } }, spec: { list: [{ z: 1, y: [{ d: 1, c: 2 }] }] } };
    const b = { spec: { list: [{ y: [{ c: 2, d: 1 }], z: 1 }] }, metadata: { annotations: { a: '1', b: '2' }, name: 'x' }, kind: 'Component' };
    expect(stableStringify(a)).toBe(stableStringify(b));
    expect(stableHashOf(a)).toBe(stableHashOf(b));
    expect(hashOf(a)).not.toBe(hashOf(b));
  });

  it('serialises like JSON.stringify with sorted keys: undefined dropped, array order kept', () => {
    expect(stableStringify({ b: 1, a: undefined, c: [3, undefined, 1] })).toBe('{"b":1,"c":[3,null,1]}');
    expect(stableStringify([{ b: 'x', a: null }])).toBe('[{"a":null,"b":"x"}]');
    expect(stableStringify(undefined)).toBe('null');
    expect(stableHashOf({ a: [1, 2] })).not.toBe(stableHashOf({ a: [2, 1] }));
  });
});

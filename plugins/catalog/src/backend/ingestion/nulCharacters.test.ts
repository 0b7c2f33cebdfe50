import { describe, expect, it } from 'vitest';
import { mayHoldNul, replaceNul } from './nulCharacters.js';

describe('NUL characters', () => {
  it('are spotted in a file by the raw character or any of YAML’s escapes for it', () => {
    for (const text of ['a: "\\0"', 'a: "\\x00"', 'a: "\\u0000"', 'a: "\\U00000000"', 'a: b\u0000c']) expect(mayHoldNul(text)).toBe(true);
    expect(mayHoldNul('a: "\\n\\t\\u0041"\nb: 0\n')).toBe(false);
  });

  it('are replaced in strings and keys at any depth, with the path of each, leaving clean values as they were', () => {
    const clean = { a: [1, 'x', { b: null }] };
    expect(replaceNul(clean)).toEqual({ value: clean, paths: [] });
    expect(replaceNul(clean).value).toBe(clean);
    const dirty = { metadata: { name: 'n', description: 'a\u0000b', tags: ['ok', 'x\u0000'] }, spec: { ['k\u0000']: 1 }, same: clean };
    const { value, paths } = replaceNul(dirty);
    expect(value).toEqual({ metadata: { name: 'n', description: 'a\uFFFDb', tags: ['ok', 'x\uFFFD'] }, spec: { 'k\uFFFD': 1 }, same: clean });
    expect((value as typeof dirty).same).toBe(clean);
    expect(paths).toEqual([['metadata', 'description'], ['metadata', 'tags', 1], ['spec', 'k\uFFFD']]);
    expect(dirty.metadata.description).toBe('a\u0000b'); // the input is not changed
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nulCharacterIn, rejectNulCharacters } from './nulCharacters.js';

describe('NUL characters in requests', () => {
  it('names the first path parameter, query parameter or body field that holds one', () => {
    expect(nulCharacterIn({ params: { name: 'a' }, query: { q: ['x', 'y'] }, body: { a: [{ b: 'ok' }] } })).toBeUndefined();
    expect(nulCharacterIn({ params: { name: 'a\u0000' } })).toBe('path parameter name');
    expect(nulCharacterIn({ query: Object.assign(Object.create(Object.create(null)), { q: ['x', 'y\u0000'] }) })).toBe('query parameter q[1]');
    expect(nulCharacterIn({ body: { entity: { metadata: { tags: ['a', 'b\u0000'] } } } })).toBe('body field entity.metadata.tags[1]');
    expect(nulCharacterIn({ body: { spec: { 'we\u0000ird': 1 } } })).toBe('body field spec.we\\0ird');
    expect(nulCharacterIn({ body: 'raw\u0000text' })).toBe('body field');
  });

  it('leaves bodies a route reads itself alone, and rejects with an input error', async () => {
    expect(nulCharacterIn({ body: Buffer.from([0, 1, 2]) })).toBeUndefined();
    expect(nulCharacterIn({ body: Readable.from(['\u0000']) })).toBeUndefined();
    await expect(rejectNulCharacters({ query: { term: 'a\u0000' } })).rejects.toMatchObject({ name: 'InputError', message: 'The query parameter term contains a NUL character (U+0000), which is not accepted' });
  });
});

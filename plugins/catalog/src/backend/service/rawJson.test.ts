import { describe, expect, it } from 'vitest';
import { RawJson, serializeWithRawJson } from './rawJson.js';

describe('raw JSON passthrough', () => {
  it('splices raw JSON text in place and leaves other values to JSON.stringify', () => {
    const out = serializeWithRawJson({ items: [new RawJson('{"a":1,"b":"x\\u0000y"}'), null, new RawJson('[2]')], totalItems: 3, note: 'raw:0' });
    expect(JSON.parse(out)).toEqual({ items: [{ a: 1, b: 'x\u0000y' }, null, [2]], totalItems: 3, note: 'raw:0' });
  });

  it('does not confuse user strings that look like the placeholder', () => {
    const out = serializeWithRawJson({ s: '\u0000raw:0', r: new RawJson('{"k":true}') });
    expect(JSON.parse(out)).toEqual({ s: '\u0000raw:0', r: { k: true } });
  });
});

import { describe, expect, it } from 'vitest';
import { RawJson, serializeWithRawJson } from './rawJson.js';

describe('raw JSON passthrough', () => {
  it('splices raw JSON text in place and leaves other values to JSON.stringify', () => {
    const out = serializeWithRawJson({ items: [new RawJson('{"a":1,"b":"x\\u0000y"}'), null, new RawJson('[2]')], totalItems: 3, note: 'raw:0' });
    expect(JSON.parse(String(out))).toEqual({ items: [{ a: 1, b: 'x\u0000y' }, null, [2]], totalItems: 3, note: 'raw:0' });
  });

  it('does not confuse user strings that look like the placeholder', () => {
    const out = serializeWithRawJson({ s: '\u0000raw:0', r: new RawJson('{"k":true}') });
    expect(JSON.parse(String(out))).toEqual({ s: '\u0000raw:0', r: { k: true } });
  });
});

describe('serializeWithRawJson without raw values', () => {
  it('gives exactly what JSON.stringify gives', () => {
    const cases: unknown[] = [
      null, 0, -0, 1.5, NaN, Infinity, 'a"b\\c\n\u2028', true, [], {}, [undefined, () => 1, null],
      { a: undefined, b: () => 1, c: [1, { d: new Date(0) }], 'we"ird': { '': 1 } },
      { toJSON: () => ({ x: 1 }) }, Object.create(null), [[[]], [{}]],
    ];
    for (const c of cases) expect(serializeWithRawJson(c)).toBe(JSON.stringify(c) ?? 'null');
  });
});

describe('a raw value as the whole payload', () => {
  it('is sent as its text', () => {
    expect(serializeWithRawJson(new RawJson('{"kind":"Component"}'))).toBe('{"kind":"Component"}');
  });

  it('splices many raw values, into a Buffer once the body is large', () => {
    const items = Array.from({ length: 50 }, (_, i) => new RawJson(JSON.stringify({ i, pad: 'é'.repeat(400) })));
    const out = serializeWithRawJson({ items, totalItems: 50 });
    expect(Buffer.isBuffer(out)).toBe(true);
    expect(JSON.parse(String(out))).toEqual({ items: items.map((r) => JSON.parse(r.text)), totalItems: 50 });
  });
});

describe('raw JSON in parts', () => {
  it('joins text and UTF-8 bytes in order, as a whole payload and inside one', () => {
    const raw = new RawJson(['[', Buffer.from('{"a":"é"}'), ',', Buffer.from('{"b":2}'), ']']);
    expect(raw.text).toBe('[{"a":"é"},{"b":2}]');
    expect(JSON.parse(String(serializeWithRawJson(raw)))).toEqual([{ a: 'é' }, { b: 2 }]);
    expect(JSON.parse(String(serializeWithRawJson({ items: raw, n: 2 })))).toEqual({ items: [{ a: 'é' }, { b: 2 }], n: 2 });
  });
});

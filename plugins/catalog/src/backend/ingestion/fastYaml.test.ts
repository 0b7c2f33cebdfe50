import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateOrg } from '../../../../../bench/catalog/generateOrg.mjs';
import { fieldPaths as paths, realCatalogFiles } from './corpus.testing.js';
import { parseDescriptor, parseFast, parseFull, type ParseDescriptorResult } from './parseDescriptor.js';

const URL_ = 'file:///catalog/entities.yaml';

/** The fast path must give exactly what the full parser gives: values, errors, and every field's line. */
function expectSameAsFull(text: string, fast: ParseDescriptorResult) {
  const full = parseFull(text, URL_);
  expect(fast.errors.map((e) => [e.line, e.message])).toEqual(full.errors.map((e) => [e.line, e.message]));
  expect(fast.documents.map((d) => d.value)).toEqual(full.documents.map((d) => d.value));
  expect(fast.documents.map((d) => d.position)).toEqual(full.documents.map((d) => d.position));
  fast.documents.forEach((doc, i) => {
    for (const path of paths(doc.value)) expect([path, doc.locate(path)?.line]).toEqual([path, full.documents[i]!.locate(path)?.line]);
    // The field lines the catalog stores, as found through the full parser one path at a time.
    const expected: Record<string, number> = {};
    for (const path of paths(doc.value).filter((p) => p.length <= 4)) {
      const line = full.documents[i]!.locate(path)?.line;
      if (line !== undefined) expected[path.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '')] = line;
    }
    expect(doc.fieldLines?.()).toEqual(expected);
  });
}

describe('the fast YAML path', () => {
  it('reads real catalogs exactly as the full parser does: the example catalog, create-app’s, and templates', () => {
    const files = realCatalogFiles();
    let fastCount = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = parseFast(text, URL_);
      if (!fast) continue;
      fastCount++;
      expectSameAsFull(text, fast);
    }
    // The broken examples (syntax errors, duplicates) and templates' ${{ }} skeletons may need the full parser; most files do not.
    expect(fastCount).toBeGreaterThan(files.length * 0.8);
  });

  it('reads a generated 500-entity organisation exactly as the full parser does', () => {
    const text = generateOrg(500).map((e: object) => stringify(e)).join('---\n');
    const fast = parseFast(text, URL_);
    expect(fast).toBeDefined();
    expectSameAsFull(text, fast!);
  });

  it('resolves scalars as YAML 1.2’s core schema does, like the full parser', () => {
    const text = [
      'a: 010', 'b: 0o17', 'c: 0x1F', 'd: 1e3', 'e: .inf', 'f: -.Inf', 'g: .NaN', 'h: yes', 'i: on', 'j: ~', 'k: Null', 'l: TRUE',
      'm: 2024-01-02', 'n: 1.10', 'o: "quoted: \\u00e9\\t"', "p: 'it''s'", 'q: 12345678901234567890', 'r: +12', 's: 1_000', 't: 0b101',
      'u: |\n  line one\n  line two\n', 'v: >-\n  folded\n  text', '__proto__: { polluted: true }', '"1": one', '2: two', 'w: [a, {b: c}, "d"]', 'x: {}',
    ].join('\n');
    const fast = parseFast(text, URL_);
    expect(fast).toBeDefined();
    expectSameAsFull(text, fast!);
    const value = fast!.documents[0]!.value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('skips empty documents and reports non-object roots like the full parser', () => {
    const text = '# only a comment\n---\n---\n- a list\n---\njust text\n---\n42\n---\nkind: Component\nmetadata: { name: x }\n';
    const fast = parseFast(text, URL_);
    expect(fast).toBeDefined();
    expect(fast!.errors.map((e) => e.line)).toEqual([4, 6, 8]);
    expectSameAsFull(text, fast!);
  });

  it('leaves to the full parser what it alone handles: syntax errors, duplicate keys, aliases, tags, directives, complex keys', () => {
    for (const text of [
      'kind: [unclosed\n',
      'kind: A\nkind: B\n',
      'a: &x { b: 1 }\nc: *x\n',
      'a: !!binary aGVsbG8=\n',
      'a: !custom thing\n',
      '%YAML 1.1\n---\na: yes\n',
      '? [a, b]\n: c\n',
    ]) {
      expect([text, parseFast(text, URL_)]).toEqual([text, undefined]);
      // ...and the public entry point still gives the full parser's answer.
      const plain = (r: ParseDescriptorResult) => ({ errors: r.errors, documents: r.documents.map((d) => [d.value, d.position]) });
      expect(plain(parseDescriptor(text, URL_))).toEqual(plain(parseFull(text, URL_)));
    }
  });
});

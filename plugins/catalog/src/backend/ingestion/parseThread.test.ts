import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateOrg } from '../../../../../bench/catalog/generateOrg.mjs';
import { fieldPaths, realCatalogFiles } from './corpus.testing.js';
import { parseDescriptor, type ParseDescriptorResult } from './parseDescriptor.js';
import { createDescriptorParser } from './parseThread.js';

// The thread runs the compiled parser (dist/), which the test command builds first.
const URL_ = 'file:///catalog/entities.yaml';

/** Everything the catalog reads from a parse: values, positions, errors, stored field lines, and where each field is. */
function expectSame(actual: ParseDescriptorResult, expected: ParseDescriptorResult) {
  expect(actual.errors).toEqual(expected.errors);
  expect(actual.documents.map((d) => [d.value, d.position])).toEqual(expected.documents.map((d) => [d.value, d.position]));
  actual.documents.forEach((doc, i) => {
    const want = expected.documents[i]!;
    expect(doc.fieldLines?.()).toEqual(want.fieldLines?.());
    for (const path of fieldPaths(doc.value, 5)) expect([path, doc.locate(path)]).toEqual([path, want.locate(path)]);
  });
}

describe('parsing descriptors on a thread', () => {
  const parser = createDescriptorParser({ minChars: 0 });
  afterAll(() => parser.close());

  it('gives what parsing on the calling thread gives, for real catalogs and a generated organisation', async () => {
    const texts = realCatalogFiles().map((file) => readFileSync(file, 'utf8'));
    texts.push(generateOrg(500).map((e: object) => stringify(e)).join('---\n'));
    for (const text of texts) expectSame(await parser.parse(text, URL_), parseDescriptor(text, URL_));
    expect(parser.threads).toBe(1);
  });

  it('keeps values that JSON could not carry, and leaves syntax errors, aliases and tags to the full parser here', async () => {
    for (const text of [
      'kind: Component\nmetadata: { name: x }\nspec: { a: .inf, b: -.Inf, c: .NaN, d: 2024-01-02, e: -0, f: 12345678901234567890 }\n',
      'kind: [unclosed\n',
      'kind: A\nkind: B\n',
      'a: &x { b: 1 }\nc: *x\n',
      'a: !!binary aGVsbG8=\n',
      '- a list\n---\nkind: Component\nmetadata: { name: y }\n',
    ]) {
      expectSame(await parser.parse(text, URL_), parseDescriptor(text, URL_));
    }
  });

  it('refuses files over the size limit before sending them anywhere', async () => {
    const text = `kind: Component\nmetadata:\n  name: big\n  description: ${'x'.repeat(2000)}\n`;
    const result = await parser.parse(text, URL_, { maxBytes: 1000 });
    expect(result.documents).toEqual([]);
    expect(result.errors[0]?.message).toMatch(/more than the 1000 bytes allowed/);
  });

  it('parses small files on the calling thread, starting no thread for them', async () => {
    const small = createDescriptorParser();
    try {
      const text = 'kind: Component\nmetadata: { name: small }\n';
      expectSame(await small.parse(text, URL_), parseDescriptor(text, URL_));
      expect(small.threads).toBe(0);
    } finally {
      await small.close();
    }
  });
});

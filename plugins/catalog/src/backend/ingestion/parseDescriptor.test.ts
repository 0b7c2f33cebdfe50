import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDescriptor, positionOf } from './parseDescriptor.js';

const EXAMPLES = new URL('../../../../../node_modules/@backstage/create-app/templates/default-app/examples/', import.meta.url);
const example = (path: string) => readFile(new URL(path, EXAMPLES), 'utf8');
const URL_ = 'file:///catalog/entities.yaml';

const summary = (text: string) =>
  parseDescriptor(text, URL_).documents.map((doc) => [doc.position.line, (doc.value.metadata as { name: string }).name]);

describe('parseDescriptor', () => {
  it("reads every document of Backstage's example catalog with the line its content starts on", async () => {
    expect(summary(await example('entities.yaml'))).toEqual([
      [3, 'examples'],
      [11, 'example-website'],
      [23, 'example-grpc-api'],
    ]);
    expect(summary(await example('org.yaml'))).toEqual([
      [3, 'guest'],
      [11, 'guests'],
    ]);
    const template = parseDescriptor(await example('template/template.yaml'), URL_);
    expect(template.errors).toEqual([]);
    expect(template.documents).toHaveLength(1);
    expect(template.documents[0]!.position).toEqual({ url: URL_, line: 1, column: 1 });
    expect(template.documents[0]!.value.kind).toBe('Template');
  });

  it('names the line of a field, so later validation errors can point at it', async () => {
    const [, website, api] = parseDescriptor(await example('entities.yaml'), URL_).documents;
    expect(positionOf(website!, ['spec', 'owner'])).toEqual({ line: 18, column: 3 });
    expect(website!.locate(['spec', 'providesApis', 0])).toEqual({ line: 20, column: 18 });
    // A block value's field is reported on its key's line, not where the text starts.
    expect(api!.locate(['spec', 'definition'])).toEqual({ line: 32, column: 3 });
    expect(api!.locate(['spec', 'nope'])).toBeUndefined();
    expect(api!.locate([])).toEqual({ line: 23, column: 1 });

    const template = parseDescriptor(await example('template/template.yaml'), URL_).documents[0]!;
    expect(template.locate(['spec', 'steps', 1, 'action'])).toEqual({ line: 54, column: 7 });
  });

  it('keeps the documents around one with a syntax error, and reports that error with its line', () => {
    const text = [
      'apiVersion: v1',
      'kind: Component',
      'metadata: { name: first }',
      '---',
      'apiVersion: v1',
      'kind: Component',
      'metadata:',
      '  name: [second',
      '---',
      'apiVersion: v1',
      'kind: Component',
      'metadata: { name: third }',
    ].join('\n');
    const result = parseDescriptor(text, URL_);
    expect(result.documents.map((doc) => [doc.position.line, (doc.value.metadata as { name: string }).name])).toEqual([
      [1, 'first'],
      [10, 'third'],
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ url: URL_, line: 9, code: 'ATRIUM_ERR_INPUT' });
    expect(result.errors[0]!.message).toMatch(/^Invalid YAML: /);
    expect(result.errors[0]!.message).not.toContain('\n');
  });

  it('skips empty documents and reports documents that are not objects', () => {
    const text = '---\n# only a comment\n---\n---\n- a list\n---\njust text\n---\nkind: X\nmetadata: { name: x }\n';
    const result = parseDescriptor(text, URL_);
    expect(result.documents.map((doc) => doc.value.kind)).toEqual(['X']);
    expect(result.errors).toEqual([
      { url: URL_, line: 5, column: 1, message: 'Expected an object at the root of the document, got an array', code: 'ATRIUM_ERR_INPUT' },
      { url: URL_, line: 7, column: 1, message: 'Expected an object at the root of the document, got a string', code: 'ATRIUM_ERR_INPUT' },
    ]);
  });

  it('reports duplicate keys instead of silently keeping one', () => {
    const result = parseDescriptor('kind: A\nkind: B\nmetadata: { name: a }\n', URL_);
    expect(result.documents).toEqual([]);
    expect(result.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/unique/i) });
  });

  it('refuses a file over the size limit (1 MiB by default) without parsing it', () => {
    const big = `kind: A\nmetadata: { name: a }\ndescription: "${'x'.repeat(1024 * 1024)}"\n`;
    const result = parseDescriptor(big, URL_);
    expect(result.documents).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ url: URL_, message: expect.stringContaining('more than the 1048576 bytes allowed') }),
    ]);
    expect(parseDescriptor('kind: A\nmetadata: { name: a }\n', URL_, { maxBytes: 10 }).errors).toHaveLength(1);
  });

  it('refuses alias bombs rather than expanding them', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(9).fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`).join(',')}]`);
    const result = parseDescriptor(lines.join('\n'), URL_);
    expect(result.documents).toEqual([]);
    expect(result.errors[0]!.message).toMatch(/^Invalid YAML: /);
  });
});

import { ConfigReader, createUrlReader, type UrlReaderService } from '@atrium/backend';
import { createTestLogger } from '@atrium/backend/testing';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDescriptor } from './parseDescriptor.js';
import { resolvePlaceholders } from './resolvePlaceholders.js';

let scratch: string;
let root: string;
let descriptorUrl: string;
let reader: UrlReaderService;
let reads: string[];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'atrium-placeholders-'));
  root = join(scratch, 'root');
  await mkdir(join(root, 'apis', 'schemas'), { recursive: true });
  await mkdir(join(scratch, 'outside'));
  await writeFile(join(root, 'apis', 'openapi.yaml'), 'openapi: 3.0.0\ninfo: { title: Petstore }\n');
  await writeFile(join(root, 'apis', 'schemas', 'pet.json'), '{"type": "object", "nested": {"$text": "./not-resolved.txt"}}');
  await writeFile(join(root, 'apis', 'broken.json'), '{"type": ');
  await writeFile(join(root, 'apis', 'two-docs.yaml'), 'a: 1\n---\nb: 2\n');
  await writeFile(join(scratch, 'outside', 'secret.txt'), 'secret');
  descriptorUrl = pathToFileURL(join(root, 'apis', 'catalog-info.yaml')).href;
  const config = new ConfigReader({ backend: { workingDirectory: join(scratch, 'work'), reading: { localRoots: [root] } } });
  const inner = createUrlReader({ config, logger: createTestLogger() });
  reads = [];
  reader = { ...inner, readUrl: (url, options) => (reads.push(url), inner.readUrl(url, options)) };
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('resolvePlaceholders', () => {
  it('embeds $text, parses $json and $yaml, resolving paths against the descriptor and reading each file once', async () => {
    reads.length = 0;
    const entity = {
      kind: 'API',
      metadata: { name: 'petstore' },
      spec: {
        definition: { $text: './openapi.yaml' },
        parsed: { $yaml: 'openapi.yaml' },
        schemas: [{ $json: './schemas/pet.json' }, { $json: pathToFileURL(join(root, 'apis', 'schemas', 'pet.json')).href }],
      },
    };
    const { value, errors } = await resolvePlaceholders(entity, { baseUrl: descriptorUrl, reader });
    expect(errors).toEqual([]);
    const pet = { type: 'object', nested: { $text: './not-resolved.txt' } };
    expect(value).toEqual({
      kind: 'API',
      metadata: { name: 'petstore' },
      spec: {
        definition: 'openapi: 3.0.0\ninfo: { title: Petstore }\n',
        parsed: { openapi: '3.0.0', info: { title: 'Petstore' } },
        // Placeholders inside embedded content stay as written.
        schemas: [pet, pet],
      },
    });
    expect(entity.spec.definition).toEqual({ $text: './openapi.yaml' });
    expect(new Set(reads).size).toBe(reads.length);
  });

  it('reports a target outside the allowed local root with the field path and line, leaving the rest resolved', async () => {
    const text = [
      'kind: API',
      'metadata: { name: leaky }',
      'spec:',
      '  definition:',
      '    $text: ../../outside/secret.txt',
      '  other: { $text: ./openapi.yaml }',
    ].join('\n');
    const doc = parseDescriptor(text, descriptorUrl).documents[0]!;
    const { value, errors } = await resolvePlaceholders(doc.value, { baseUrl: descriptorUrl, reader, locate: doc.locate });
    expect(errors).toEqual([
      {
        url: descriptorUrl,
        line: 4,
        column: 3,
        field: 'spec.definition',
        code: 'ATRIUM_ERR_NOT_ALLOWED',
        message: expect.stringMatching(/^Placeholder \$text could not read file:\/\/.*\/outside\/secret\.txt: .*backend\.reading\.localRoots/),
      },
    ]);
    expect((value as { spec: Record<string, unknown> }).spec).toEqual({
      definition: { $text: '../../outside/secret.txt' },
      other: 'openapi: 3.0.0\ninfo: { title: Petstore }\n',
    });
  });

  it('reports hosts that are not configured, missing files, unknown placeholders and unparsable content precisely', async () => {
    const value = {
      spec: {
        remote: { $text: 'https://files.example.test/api.yaml' },
        missing: { $yaml: './nope.yaml' },
        steps: [{ input: { $env: 'HOME' } }],
        broken: { $json: './broken.json' },
        many: { $yaml: './two-docs.yaml' },
        notString: { $text: 42 },
      },
    };
    const { errors } = await resolvePlaceholders(value, { baseUrl: descriptorUrl, reader });
    expect(errors.map((error) => [error.field, error.code, error.message])).toEqual([
      [
        'spec.remote',
        'ATRIUM_ERR_NOT_ALLOWED',
        'Placeholder $text could not read https://files.example.test/api.yaml: Reading https://files.example.test/api.yaml is not allowed: add the host files.example.test under integrations.git or backend.reading.allow',
      ],
      ['spec.missing', 'ATRIUM_ERR_NOT_FOUND', expect.stringMatching(/^Placeholder \$yaml could not read .*nope\.yaml: .*was not found/)],
      ['spec.steps[0].input', 'ATRIUM_ERR_INPUT', 'Unknown placeholder $env; supported placeholders are $text, $json and $yaml'],
      ['spec.broken', 'ATRIUM_ERR_INPUT', expect.stringMatching(/^Placeholder \$json could not parse JSON from .*broken\.json: /)],
      ['spec.many', 'ATRIUM_ERR_INPUT', expect.stringMatching(/^Placeholder \$yaml could not parse YAML from .*two-docs\.yaml: /)],
      ['spec.notString', 'ATRIUM_ERR_INPUT', 'Placeholder $text needs a URL or a path relative to the descriptor, got a number'],
    ]);
  });

  it('leaves JSON Schema keywords and ordinary objects alone', async () => {
    const value = { parameters: [{ $ref: '#/definitions/name' }, { $schema: 'x', title: 'y' }], spec: { a: { b: 1 } } };
    const result = await resolvePlaceholders(value, { baseUrl: descriptorUrl, reader });
    expect(result).toEqual({ value, errors: [] });
  });

  it('refuses to embed a file over the size limit', async () => {
    const { errors } = await resolvePlaceholders({ spec: { d: { $text: './openapi.yaml' } } }, { baseUrl: descriptorUrl, reader, maxBytes: 8 });
    expect(errors[0]).toMatchObject({ field: 'spec.d', message: expect.stringContaining('more than the 8 allowed') });
  });
});

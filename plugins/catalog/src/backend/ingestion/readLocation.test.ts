import { ConfigReader, createUrlReader, type UrlReaderService } from '@atrium/backend';
import { createTestLogger, startGitServer, type GitServer } from '@atrium/backend/testing';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locationTargetsOf } from './locationTargets.js';
import { readLocation } from './readLocation.js';

const EXAMPLES = new URL('../../../../../node_modules/@backstage/create-app/templates/default-app/examples/', import.meta.url);
const API_YAML = 'openapi: 3.0.0\ninfo:\n  title: Example\n  version: 1.0.0\npaths: {}\n';

let scratch: string;
let root: string;
let server: GitServer;
let repoUrl: string;
let reader: UrlReaderService;
const logger = createTestLogger();

/** Backstage's example catalog plus a few files of our own, laid out like a small monorepo. */
async function catalogFiles(): Promise<Record<string, string>> {
  const example = (path: string) => readFile(new URL(path, EXAMPLES), 'utf8');
  const component = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n`;
  return {
    'catalog/entities.yaml': await example('entities.yaml'),
    'catalog/org.yaml': await example('org.yaml'),
    'catalog/template/template.yaml': await example('template/template.yaml'),
    'catalog/template/content/catalog-info.yaml': await example('template/content/catalog-info.yaml'),
    'catalog/all.yaml': [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata:',
      '  name: example-catalog',
      'spec:',
      '  targets:',
      '    - ./entities.yaml',
      '    - org.yaml',
      '    - ./template/template.yaml',
    ].join('\n'),
    'apis/catalog-info.yaml': [
      'apiVersion: backstage.io/v1alpha1',
      'kind: API',
      'metadata:',
      '  name: example-openapi',
      '  annotations:',
      '    backstage.io/view-url: https://docs.example.test/example-openapi',
      'spec:',
      '  type: openapi',
      '  definition:',
      '    $text: ./api.yaml',
    ].join('\n'),
    'apis/api.yaml': API_YAML,
    'services/a/catalog-info.yaml': component('service-a'),
    'services/b/deep/catalog-info.yaml': component('service-b'),
    'services/b/deep/other.yaml': component('not-matched'),
  };
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'atrium-read-location-'));
  root = join(scratch, 'root');
  const files = await catalogFiles();
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  await mkdir(join(scratch, 'outside'));
  await writeFile(join(scratch, 'outside', 'secret.txt'), 'secret');
  server = await startGitServer();
  repoUrl = (await server.createRepo('acme/catalog', files)).url;
  const config = new ConfigReader({
    backend: { workingDirectory: join(scratch, 'work'), reading: { localRoots: [root] } },
    integrations: { git: [{ host: new URL(server.url).host }] },
  });
  reader = createUrlReader({ config, logger });
});

afterAll(async () => {
  await server?.close();
  await rm(scratch, { recursive: true, force: true });
});

const names = (result: { entities: Array<{ entity: Record<string, unknown> }> }) =>
  result.entities.map(({ entity }) => (entity.metadata as { name: string }).name);
const annotationsOf = (entity: Record<string, unknown>) => (entity.metadata as { annotations: Record<string, string> }).annotations;

describe('readLocation from a git repository', () => {
  it('emits every example entity with its start line, location key and view/source annotations', async () => {
    const target = `${repoUrl}/blob/main/catalog/entities.yaml`;
    const result = await readLocation({ type: 'url', target }, { reader, logger });
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual(['examples', 'example-website', 'example-grpc-api']);
    expect(result.entities.map((e) => e.position)).toEqual([3, 11, 23].map((line) => ({ url: target, line, column: 1 })));
    for (const { entity, locationKey } of result.entities) {
      expect(locationKey).toBe(`url:${target}`);
      // A generic git server has no known edit page, so no edit-url.
      expect(annotationsOf(entity)).toEqual({
        'backstage.io/managed-by-location': `url:${target}`,
        'backstage.io/managed-by-origin-location': `url:${target}`,
        'backstage.io/view-url': target,
        'backstage.io/source-location': `url:${repoUrl}/tree/main/catalog/`,
      });
    }
  });

  it("follows a Location entity's relative targets to the rest of the example catalog", async () => {
    const locationRef = `url:${repoUrl}/blob/main/catalog/all.yaml`;
    const top = await readLocation({ type: 'url', target: `${repoUrl}/blob/main/catalog/all.yaml` }, { reader, logger });
    expect(top.errors).toEqual([]);
    expect(top.entities.map(({ entity }) => entity.kind)).toEqual(['Location']);
    const targets = locationTargetsOf(top.entities[0]!.entity);
    expect(targets).toEqual([
      { type: 'url', target: `${repoUrl}/blob/main/catalog/entities.yaml` },
      { type: 'url', target: `${repoUrl}/blob/main/catalog/org.yaml` },
      { type: 'url', target: `${repoUrl}/blob/main/catalog/template/template.yaml` },
    ]);
    const children = await Promise.all(targets.map((t) => readLocation(t, { reader, logger, originLocation: locationRef })));
    expect(children.flatMap((child) => child.errors)).toEqual([]);
    expect(children.flatMap(names)).toEqual(['examples', 'example-website', 'example-grpc-api', 'guest', 'guests', 'example-nodejs-template']);
    const template = children[2]!.entities[0]!;
    expect(annotationsOf(template.entity)).toMatchObject({
      'backstage.io/managed-by-location': `url:${repoUrl}/blob/main/catalog/template/template.yaml`,
      'backstage.io/managed-by-origin-location': locationRef,
      'backstage.io/source-location': `url:${repoUrl}/tree/main/catalog/template/`,
    });
  });

  it('embeds $text: ./api.yaml from the same repository and keeps annotations the descriptor set', async () => {
    const result = await readLocation({ type: 'url', target: `${repoUrl}/blob/main/apis/catalog-info.yaml` }, { reader, logger });
    expect(result.errors).toEqual([]);
    const { entity } = result.entities[0]!;
    expect((entity.spec as { definition: unknown }).definition).toBe(API_YAML);
    expect(annotationsOf(entity)['backstage.io/view-url']).toBe('https://docs.example.test/example-openapi');
    expect(annotationsOf(entity)['backstage.io/source-location']).toBe(`url:${repoUrl}/tree/main/apis/`);
  });

  it('expands **/catalog-info.yaml over the repository, one location key per file', async () => {
    const result = await readLocation({ type: 'url', target: `${repoUrl}/blob/main/**/catalog-info.yaml` }, { reader, logger });
    expect(result.errors).toEqual([]);
    expect(result.entities.map((e) => [(e.entity.metadata as { name: string }).name, e.locationKey]).sort()).toEqual(
      [
        ['${{ values.name | dump }}', `url:${repoUrl}/blob/main/catalog/template/content/catalog-info.yaml`],
        ['example-openapi', `url:${repoUrl}/blob/main/apis/catalog-info.yaml`],
        ['service-a', `url:${repoUrl}/blob/main/services/a/catalog-info.yaml`],
        ['service-b', `url:${repoUrl}/blob/main/services/b/deep/catalog-info.yaml`],
      ].sort(),
    );
    const serviceB = result.entities.find((e) => e.locationKey.endsWith('services/b/deep/catalog-info.yaml'))!;
    expect(annotationsOf(serviceB.entity)['backstage.io/managed-by-origin-location']).toBe(`url:${repoUrl}/blob/main/**/catalog-info.yaml`);
    expect(annotationsOf(serviceB.entity)['backstage.io/source-location']).toBe(`url:${repoUrl}/tree/main/services/b/deep/`);
  });

  it('reports a missing file unless the location is optional; a $text at an unconfigured host names the field', async () => {
    const target = `${repoUrl}/blob/main/catalog/missing.yaml`;
    const required = await readLocation({ type: 'url', target }, { reader, logger });
    expect(required).toEqual({ entities: [], errors: [{ url: target, message: `url:${target} does not exist`, code: 'ATRIUM_ERR_NOT_FOUND' }] });
    expect(await readLocation({ type: 'url', target, presence: 'optional' }, { reader, logger })).toEqual({ entities: [], errors: [] });
    const noMatch = await readLocation({ type: 'url', target: `${repoUrl}/blob/main/nowhere/**/*.yaml` }, { reader, logger });
    expect(noMatch.errors.map((e) => e.code)).toEqual(['ATRIUM_ERR_NOT_FOUND']);

    await server.commit('acme/catalog', {
      'remote/catalog-info.yaml': 'apiVersion: v1\nkind: API\nmetadata: { name: remote }\nspec:\n  definition: { $text: "https://files.example.test/x.yaml" }\n',
    });
    const remote = await readLocation({ type: 'url', target: `${repoUrl}/blob/main/remote/catalog-info.yaml` }, { reader, logger });
    expect(remote.errors).toEqual([
      expect.objectContaining({ line: 5, field: 'spec.definition', code: 'ATRIUM_ERR_NOT_ALLOWED', message: expect.stringContaining('backend.reading.allow') }),
    ]);
    expect(remote.entities[0]!.errors).toEqual(remote.errors);
  });
});

describe('readLocation from local files', () => {
  it('reads the examples under an allowed root as file locations, without URL-derived annotations', async () => {
    const path = join(root, 'catalog', 'org.yaml');
    for (const target of [path, pathToFileURL(path).href]) {
      const result = await readLocation({ type: 'file', target }, { reader, logger });
      expect(result.errors).toEqual([]);
      expect(names(result)).toEqual(['guest', 'guests']);
      expect(result.entities[1]!.locationKey).toBe(`file:${path}`);
      expect(result.entities[1]!.position).toEqual({ url: pathToFileURL(path).href, line: 11, column: 1 });
      expect(annotationsOf(result.entities[1]!.entity)).toEqual({
        'backstage.io/managed-by-location': `file:${path}`,
        'backstage.io/managed-by-origin-location': `file:${path}`,
      });
    }
  });

  it('expands **/catalog-info.yaml over a local tree', async () => {
    const result = await readLocation({ type: 'file', target: join(root, '**', 'catalog-info.yaml') }, { reader, logger });
    expect(result.errors).toEqual([]);
    expect(result.entities.map((e) => e.locationKey).sort()).toEqual(
      ['apis', 'catalog/template/content', 'services/a', 'services/b/deep'].map((dir) => `file:${join(root, dir, 'catalog-info.yaml')}`),
    );
    expect((result.entities.find((e) => e.locationKey.includes('apis'))!.entity.spec as { definition: string }).definition).toBe(API_YAML);
  });

  it('keeps the rest of a file when one document has bad YAML or a $text outside the allowed root', async () => {
    const path = join(root, 'mixed.yaml');
    await writeFile(
      path,
      [
        'apiVersion: v1',
        'kind: Component',
        'metadata: { name: first }',
        '---',
        'apiVersion: v1',
        'kind: Component',
        'metadata: { name: [broken }',
        '---',
        'apiVersion: v1',
        'kind: API',
        'metadata: { name: third }',
        'spec:',
        '  definition:',
        '    $text: ../outside/secret.txt',
        '---',
        'kind: NoVersion',
        'metadata: { name: fourth }',
      ].join('\n'),
    );
    const result = await readLocation({ type: 'file', target: path }, { reader, logger });
    expect(names(result)).toEqual(['first', 'third']);
    const url = pathToFileURL(path).href;
    expect(result.errors).toEqual([
      { url, line: 7, column: expect.any(Number), message: expect.stringMatching(/^Invalid YAML/), code: 'ATRIUM_ERR_INPUT' },
      {
        url,
        line: 13,
        column: 3,
        field: 'spec.definition',
        code: 'ATRIUM_ERR_NOT_ALLOWED',
        message: expect.stringContaining('outside backend.reading.localRoots'),
      },
      { url, line: 16, column: 1, field: 'apiVersion', message: 'The document has no apiVersion; it is not an entity', code: 'ATRIUM_ERR_INPUT' },
    ]);
    expect(result.entities[1]!.errors).toHaveLength(1);
  });

  it('refuses an oversize file, a missing required file, and files outside the allowed roots', async () => {
    const big = join(root, 'big.yaml');
    await writeFile(big, `apiVersion: v1\nkind: A\nmetadata: { name: big }\ndescription: "${'x'.repeat(1024 * 1024)}"\n`);
    const oversize = await readLocation({ type: 'file', target: big }, { reader, logger });
    expect(oversize.entities).toEqual([]);
    expect(oversize.errors).toEqual([expect.objectContaining({ url: pathToFileURL(big).href, message: expect.stringContaining('bytes allowed') })]);

    const missing = join(root, 'missing', 'catalog-info.yaml');
    expect((await readLocation({ type: 'file', target: missing }, { reader, logger })).errors).toEqual([
      { url: pathToFileURL(missing).href, message: `file:${missing} does not exist`, code: 'ATRIUM_ERR_NOT_FOUND' },
    ]);
    expect(await readLocation({ type: 'file', target: missing, presence: 'optional' }, { reader, logger })).toEqual({ entities: [], errors: [] });

    // Optional never hides a refusal.
    const outside = await readLocation({ type: 'file', target: join(scratch, 'outside', 'secret.txt'), presence: 'optional' }, { reader, logger });
    expect(outside.errors.map((e) => e.code)).toEqual(['ATRIUM_ERR_NOT_ALLOWED']);
    expect((await readLocation({ type: 'file', target: 'catalog/org.yaml' }, { reader, logger })).errors[0]!.message).toContain('resolveLocationTarget');
  });
});

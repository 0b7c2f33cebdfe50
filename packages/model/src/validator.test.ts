import { describe, expect, it } from 'vitest';
import { createEntityValidator, validateEntity } from './validator.js';

const component = (patch: { metadata?: Record<string, unknown>; spec?: Record<string, unknown>; [k: string]: unknown } = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  ...patch,
  metadata: { name: 'artist-web', ...patch.metadata },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-a', ...patch.spec },
});

const fieldsOf = (entity: unknown) => validateEntity(entity).errors.map(e => e.field);

describe('validateEntity', () => {
  it('accepts a valid component and defaults its namespace without touching the input', () => {
    const input = component();
    const result = validateEntity(input);
    expect(result.errors).toEqual([]);
    expect(result.entity?.metadata.namespace).toBe('default');
    expect(input.metadata).not.toHaveProperty('namespace');
  });

  it('accepts the kinds the examples do not cover: Resource, Domain, Location (v1beta1 too)', () => {
    const base = { apiVersion: 'backstage.io/v1alpha1', metadata: { name: 'x', namespace: 'ops' } };
    expect(validateEntity({ ...base, kind: 'Resource', spec: { type: 'database', owner: 'g', dependencyOf: ['component:c'] } }).errors).toEqual([]);
    expect(validateEntity({ ...base, kind: 'Domain', spec: { owner: 'g', subdomainOf: 'top' } }).errors).toEqual([]);
    expect(validateEntity({ ...base, apiVersion: 'backstage.io/v1beta1', kind: 'Location', spec: { targets: ['./a.yaml'], presence: 'optional' } }).errors).toEqual([]);
    expect(validateEntity({ ...base, kind: 'Location', spec: { presence: 'maybe' } }).errors).toEqual([
      { field: 'spec.presence', message: '"spec.presence" must be one of required, optional', value: 'maybe' },
    ]);
  });

  it('never throws on garbage and reports the root', () => {
    expect(validateEntity(null).errors).toEqual([{ field: '', message: 'Entity must be an object', value: null }]);
    expect(validateEntity('x').entity).toBeUndefined();
  });

  it('stops at the envelope when required root fields are missing', () => {
    expect(validateEntity({ kind: 'Component', metadata: {} }).errors).toEqual([
      { field: 'apiVersion', message: '"apiVersion" is required' },
      { field: 'metadata.name', message: '"metadata.name" is required' },
    ]);
  });

  it('reports envelope type errors with a dot path', () => {
    expect(validateEntity(component({ metadata: { tags: ['ok', 3] } })).errors).toEqual([
      { field: 'metadata.tags[1]', message: '"metadata.tags[1]" must be string', value: 3 },
    ]);
  });

  it('rejects foreign root fields such as status and relations', () => {
    const result = validateEntity({ ...component(), status: {}, relations: [] });
    expect(result.errors).toEqual([
      { field: 'status', message: 'Unknown field status', value: {} },
      { field: 'relations', message: 'Unknown field relations', value: [] },
    ]);
    expect(validateEntity({ ...component(), relations: [] }, { allowOutputFields: true }).errors).toEqual([]);
  });

  it('rejects a name that starts with a dash, with the Backstage message', () => {
    expect(validateEntity(component({ metadata: { name: '-foo' } })).errors).toEqual([{
      field: 'metadata.name',
      message: '"metadata.name" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "-foo"',
      value: '-foo',
    }]);
  });

  it('rejects a namespace with capitals', () => {
    const [error] = validateEntity(component({ metadata: { namespace: 'Prod' } })).errors;
    expect(error).toEqual({
      field: 'metadata.namespace',
      message: '"metadata.namespace" is not valid; expected a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total but found "Prod"',
      value: 'Prod',
    });
  });

  it('rejects a tag with capitals or underscores', () => {
    const [error] = validateEntity(component({ metadata: { tags: ['java', 'Foo_bar'] } })).errors;
    expect(error).toEqual({
      field: 'metadata.tags[1]',
      message: '"metadata.tags[1]" is not valid; expected a string that is sequences of [a-z0-9:+#] separated by [-], at most 63 characters in total but found "Foo_bar"',
      value: 'Foo_bar',
    });
  });

  it('rejects a label key with two slashes and a bad label value', () => {
    const errors = validateEntity(component({ metadata: { labels: { 'a.io/b/c': 'x', team: 'no spaces' } } })).errors;
    expect(errors.map(e => [e.field, e.value])).toEqual([['metadata.labels', 'a.io/b/c'], ['metadata.labels.team', 'no spaces']]);
    expect(errors[0]?.message).toMatch(/^"metadata\.labels" is not valid; expected .* but found "a\.io\/b\/c"$/);
  });

  it('rejects a bad annotation key but accepts any annotation value', () => {
    const errors = validateEntity(component({ metadata: { annotations: { 'Bad Key': 'x', 'backstage.io/techdocs-ref': 'dir:. with anything' } } })).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'metadata.annotations', value: 'Bad Key' });
  });

  it('rejects a link whose url does not parse and an empty link title', () => {
    const errors = validateEntity(component({ metadata: { links: [{ url: 'not a url' }, { url: 'https://x.org', icon: '-bad' }] } })).errors;
    expect(errors).toEqual([
      { field: 'metadata.links[0].url', message: '"metadata.links[0].url" is not valid; expected a string that is a valid absolute URL but found "not a url"', value: 'not a url' },
      expect.objectContaining({ field: 'metadata.links[1].icon', value: '-bad' }),
    ]);
  });

  it('rejects invalid kind and apiVersion formats', () => {
    expect(fieldsOf({ ...component(), apiVersion: 'a/b/c' })).toContain('apiVersion');
    expect(fieldsOf({ ...component(), kind: '1Component' })).toEqual(['kind', 'kind']);
  });

  it('requires spec.owner on a Component', () => {
    expect(validateEntity(component({ spec: { owner: undefined } })).errors).toEqual([
      { field: 'spec.owner', message: '"spec.owner" is required' },
    ]);
  });

  it('requires spec.type and spec.children on a Group, and spec.memberOf on a User', () => {
    const group = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'g' }, spec: {} };
    expect(fieldsOf(group)).toEqual(['spec.type', 'spec.children']);
    expect(fieldsOf({ ...group, kind: 'User' })).toEqual(['spec.memberOf']);
    expect(fieldsOf({ ...group, kind: 'User', spec: undefined })).toEqual(['spec']);
  });

  it('checks spec field types and the API definition', () => {
    const api = { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'a' }, spec: { type: 'openapi', lifecycle: 'x', owner: 'o', providesApis: 3 } };
    expect(validateEntity(api).errors).toEqual([{ field: 'spec.definition', message: '"spec.definition" is required' }]);
    expect(validateEntity(component({ spec: { providesApis: 'one' } })).errors).toEqual([
      { field: 'spec.providesApis', message: '"spec.providesApis" must be array', value: 'one' },
    ]);
  });

  it('rejects an unknown kind and an unsupported apiVersion', () => {
    expect(validateEntity({ ...component(), kind: 'Service' }).errors).toEqual([
      { field: 'kind', message: 'Unknown kind Service', value: 'Service' },
    ]);
    const [error] = validateEntity({ ...component(), apiVersion: 'backstage.io/v2' }).errors;
    expect(error).toMatchObject({ field: 'apiVersion', value: 'backstage.io/v2' });
    expect(error?.message).toMatch(/^Unsupported apiVersion backstage\.io\/v2 for kind Component/);
  });

  it('rejects keys that differ only in case', () => {
    expect(validateEntity(component({ spec: { Owner: 'team-b' } })).errors).toEqual([
      { field: 'spec.owner', message: "Entity has duplicate keys that vary only in casing, 'spec.owner'" },
    ]);
  });

  it('collects errors of several rules at once', () => {
    expect(fieldsOf({ ...component({ metadata: { name: '-x', tags: ['A'] }, spec: { owner: undefined } }), status: {} }))
      .toEqual(['status', 'metadata.name', 'metadata.tags[0]', 'spec.owner']);
  });
});

describe('createEntityValidator', () => {
  const validator = createEntityValidator({
    kinds: [
      {
        apiVersion: ['example.com/v1', 'example.com/v2'],
        kind: 'Pipeline',
        schema: {
          allOf: [
            { $ref: 'Entity' },
            { type: 'object', required: ['spec'], properties: { spec: { type: 'object', required: ['repo'], properties: { repo: { type: 'string', format: 'uri' } } } } },
          ],
        },
      },
      { apiVersion: 'example.com/v1', kind: 'Anything' },
    ],
  });
  const pipeline = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v2', kind: 'Pipeline', metadata: { name: 'p' }, spec });

  it('accepts an allowed custom kind that satisfies its schema', () => {
    expect(validator.validateEntity(pipeline({ repo: 'https://github.com/o/r', 'ui:extra': true })).errors).toEqual([]);
    expect(validator.validateEntity({ apiVersion: 'example.com/v1', kind: 'Anything', metadata: { name: 'x' } }).errors).toEqual([]);
    expect(validator.kinds).toContain('Pipeline');
  });

  it('reports violations of the custom schema, formats included', () => {
    expect(validator.validateEntity(pipeline({})).errors).toEqual([{ field: 'spec.repo', message: '"spec.repo" is required' }]);
    expect(validator.validateEntity(pipeline({ repo: 'not a uri' })).errors).toEqual([
      { field: 'spec.repo', message: '"spec.repo" must match format "uri"', value: 'not a uri' },
    ]);
  });

  it('still knows the built-in kinds, and the default validator does not know custom ones', () => {
    expect(validator.validateEntity(component()).errors).toEqual([]);
    expect(validateEntity(pipeline({ repo: 'https://x' })).errors).toEqual([{ field: 'kind', message: 'Unknown kind Pipeline', value: 'Pipeline' }]);
  });

  it('lets field-format rules be replaced', () => {
    const lenient = createEntityValidator({ fieldFormatValidators: { isValidTag: () => true } });
    expect(lenient.validateEntity(component({ metadata: { tags: ['Foo_bar'] } })).errors).toEqual([]);
  });
});

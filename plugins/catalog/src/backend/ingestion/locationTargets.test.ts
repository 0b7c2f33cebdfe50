import { describe, expect, it } from 'vitest';
import { parseLocationRef, resolveLocationTarget, stringifyLocationRef } from './locationRefs.js';
import { locationTargetsOf } from './locationTargets.js';

const location = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'l', annotations },
  spec,
});

describe('resolveLocationTarget', () => {
  const blob = 'https://git.example.test/acme/web/blob/main/catalog/all.yaml';

  it('resolves relative targets against the folder of the file they are written in', () => {
    expect(resolveLocationTarget('./a/catalog-info.yaml', blob)).toBe('https://git.example.test/acme/web/blob/main/catalog/a/catalog-info.yaml');
    expect(resolveLocationTarget('../services/*/catalog-info.yaml', blob)).toBe(
      'https://git.example.test/acme/web/blob/main/services/*/catalog-info.yaml',
    );
    expect(resolveLocationTarget('./x.yaml', 'file:///srv/catalog/all.yaml')).toBe('file:///srv/catalog/x.yaml');
    expect(resolveLocationTarget('./x.yaml', '/srv/catalog/all.yaml')).toBe('/srv/catalog/x.yaml');
    // Config locations: pass the config file, or a folder ending with `/`.
    expect(resolveLocationTarget('../examples/org.yaml', '/srv/app/')).toBe('/srv/examples/org.yaml');
  });

  it('treats /path on a git file URL as the repository root at the same ref, like Backstage', () => {
    expect(resolveLocationTarget('/org.yaml', blob)).toBe('https://git.example.test/acme/web/blob/main/org.yaml');
    expect(resolveLocationTarget('/org.yaml', 'https://gitlab.example.test/g/p/-/blob/v1/x/y.yaml')).toBe(
      'https://gitlab.example.test/g/p/-/blob/v1/org.yaml',
    );
    expect(resolveLocationTarget('/org.yaml', 'https://git.example.test/a/b/blob/release%2F1/x.yaml')).toBe(
      'https://git.example.test/a/b/blob/release%2F1/org.yaml',
    );
    // Not a git URL: plain URL semantics.
    expect(resolveLocationTarget('/org.yaml', 'https://files.example.test/a/b.yaml')).toBe('https://files.example.test/org.yaml');
  });

  it('returns absolute targets unchanged', () => {
    expect(resolveLocationTarget('https://other.example.test/x.yaml', blob)).toBe('https://other.example.test/x.yaml');
    expect(resolveLocationTarget('/abs/x.yaml', '/srv/catalog/all.yaml')).toBe('/abs/x.yaml');
  });
});

describe('location refs', () => {
  it('round-trips <type>:<target>, keeping colons in the target', () => {
    const ref = stringifyLocationRef({ type: 'url', target: 'https://h.example.test:8080/x' });
    expect(ref).toBe('url:https://h.example.test:8080/x');
    expect(parseLocationRef(ref)).toEqual({ type: 'url', target: 'https://h.example.test:8080/x' });
    expect(parseLocationRef('nocolon')).toBeUndefined();
  });
});

describe('locationTargetsOf', () => {
  const blob = 'https://git.example.test/acme/web/blob/main/catalog/all.yaml';

  it('combines spec.target and spec.targets, inheriting the type of the file the Location was read from', () => {
    const entity = location({ target: './a.yaml', targets: ['b.yaml', 'https://elsewhere.example.test/c.yaml'], presence: 'optional' });
    expect(locationTargetsOf(entity, blob)).toEqual([
      { type: 'url', target: 'https://git.example.test/acme/web/blob/main/catalog/a.yaml', presence: 'optional' },
      { type: 'url', target: 'https://git.example.test/acme/web/blob/main/catalog/b.yaml', presence: 'optional' },
      { type: 'url', target: 'https://elsewhere.example.test/c.yaml', presence: 'optional' },
    ]);
  });

  it('uses the managed-by-location annotation when no source is given', () => {
    const fromFile = location({ targets: ['./services/*/catalog-info.yaml'] }, { 'backstage.io/managed-by-location': 'file:/srv/catalog/all.yaml' });
    expect(locationTargetsOf(fromFile)).toEqual([{ type: 'file', target: '/srv/catalog/services/*/catalog-info.yaml' }]);
    expect(locationTargetsOf(fromFile, 'file:///other/all.yaml')).toEqual([{ type: 'file', target: '/other/services/*/catalog-info.yaml' }]);
  });

  it('leaves a relative target of another type than its file unresolved, and skips entries that are not strings', () => {
    const entity = location({ type: 'url', targets: ['./x.yaml', 42, '', 'https://h.example.test/y.yaml'] });
    expect(locationTargetsOf(entity, { type: 'file', target: '/srv/all.yaml' })).toEqual([
      { type: 'url', target: './x.yaml' },
      { type: 'url', target: 'https://h.example.test/y.yaml' },
    ]);
    expect(locationTargetsOf(location({ target: './x.yaml' }))).toEqual([]);
    expect(locationTargetsOf({ kind: 'Location' }, blob)).toEqual([]);
  });
});

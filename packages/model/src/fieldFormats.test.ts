import { describe, expect, it } from 'vitest';
import {
  isValidAnnotationKey, isValidApiVersion, isValidEntityName, isValidKind, isValidLabelKey, isValidLabelValue,
  isValidNamespace, isValidTag, isValidUrl,
} from './fieldFormats.js';

describe('field format rules', () => {
  it('entity names: object-name rule, 1–63 characters', () => {
    for (const ok of ['a', 'Artist-Web', 'a_b.c-d', '0', 'x'.repeat(63)]) expect(isValidEntityName(ok)).toBe(true);
    for (const bad of ['', '-foo', 'foo-', 'a b', 'a/b', 'x'.repeat(64), 3]) expect(isValidEntityName(bad)).toBe(false);
  });

  it('namespaces: DNS labels, lowercase only', () => {
    expect(isValidNamespace('team-a')).toBe(true);
    for (const bad of ['Team', 'a_b', 'a.b', '-a', 'a--', '']) expect(isValidNamespace(bad)).toBe(false);
  });

  it('kinds and apiVersions', () => {
    expect(isValidKind('API')).toBe(true);
    expect(isValidKind('my-kind')).toBe(false);
    expect(isValidApiVersion('backstage.io/v1alpha1')).toBe(true);
    expect(isValidApiVersion('v1')).toBe(true);
    for (const bad of ['a/b/c', 'Backstage.io/v1', 'backstage.io/', 'backstage.io/v-1']) expect(isValidApiVersion(bad)).toBe(false);
  });

  it('label and annotation keys: at most one slash, DNS-subdomain prefix', () => {
    expect(isValidLabelKey('backstage.io/orphan')).toBe(true);
    expect(isValidAnnotationKey('jenkins.io/job-full-name')).toBe(true);
    expect(isValidLabelKey('plain_Key.1')).toBe(true);
    for (const bad of ['a/b/c', '/name', 'Example.com/x', 'a.io/', 'a b']) expect(isValidLabelKey(bad)).toBe(false);
    expect(isValidLabelKey(`${'a'.repeat(63)}.${'b'.repeat(63)}/n`)).toBe(true);
    expect(isValidLabelKey(`${'a'.repeat(64)}/n`)).toBe(false);
  });

  it('label values may be empty', () => {
    expect(isValidLabelValue('')).toBe(true);
    expect(isValidLabelValue('v1.2')).toBe(true);
    expect(isValidLabelValue('a b')).toBe(false);
  });

  it('tags: lowercase runs of [a-z0-9:+#] joined by single dashes', () => {
    for (const ok of ['java', 'c++', 'c#', 'k8s:prod', 'a-b']) expect(isValidTag(ok)).toBe(true);
    for (const bad of ['Java', 'foo_bar', 'a--b', '-a', 'a.b', '', 'x'.repeat(64)]) expect(isValidTag(bad)).toBe(false);
  });

  it('urls must be absolute', () => {
    expect(isValidUrl('https://example.com/a?b')).toBe(true);
    expect(isValidUrl('mailto:a@b.c')).toBe(true);
    expect(isValidUrl('/relative')).toBe(false);
  });
});

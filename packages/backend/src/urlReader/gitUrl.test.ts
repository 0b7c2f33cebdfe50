import { describe, expect, it } from 'vitest';
import { InputError } from '../api/errors.js';
import { parseGitUrl, resolveRef, type ServerRefs } from './gitUrl.js';
import { hostMatches, redactUrl } from './urlUtils.js';

const sha = (c: string) => c.repeat(40);
const refs: ServerRefs = {
  heads: new Map([['main', sha('a')], ['feature', sha('b')], ['feature/x', sha('c')]]),
  tags: new Map([['v1', sha('d')]]),
  defaultBranch: 'main',
};

describe('parseGitUrl', () => {
  it('splits blob, tree, GitLab and bare forms', () => {
    expect(parseGitUrl(new URL('https://h.example/acme/web/blob/main/docs/a.md'))).toEqual({
      repoUrl: 'https://h.example/acme/web', marker: '/blob/', rest: ['main', 'docs', 'a.md'],
    });
    expect(parseGitUrl(new URL('https://h.example/group/sub/web/-/tree/feature/x'))).toEqual({
      repoUrl: 'https://h.example/group/sub/web', marker: '/-/tree/', rest: ['feature', 'x'],
    });
    expect(parseGitUrl(new URL('https://user:pw@h.example:8443/acme/web.git/'))).toEqual({
      repoUrl: 'https://h.example:8443/acme/web.git', rest: [],
    });
  });

  it('rejects encoded separators that would leave the tree', () => {
    expect(() => parseGitUrl(new URL('https://h.example/a/blob/main/x%2F..%2F..%2Fetc'))).toThrow(InputError);
  });
});

describe('resolveRef', () => {
  it('takes the longest branch name that prefixes the path', () => {
    expect(resolveRef(['feature', 'x', 'docs', 'a.md'], refs)).toMatchObject({ ref: 'feature/x', commit: sha('c'), path: ['docs', 'a.md'] });
    expect(resolveRef(['feature', 'y.md'], refs)).toMatchObject({ ref: 'feature', commit: sha('b'), path: ['y.md'] });
  });

  it('accepts tags, shas and the default branch', () => {
    expect(resolveRef(['v1', 'a'], refs)).toMatchObject({ fetchRef: 'refs/tags/v1', commit: sha('d') });
    expect(resolveRef([sha('a'), 'a'], refs)).toMatchObject({ fetchRef: 'refs/heads/main', commit: sha('a') });
    expect(resolveRef([sha('e')], refs)).toMatchObject({ fetchRef: sha('e'), commit: sha('e') });
    expect(resolveRef([], refs)).toMatchObject({ ref: 'main', commit: sha('a'), path: [] });
    expect(resolveRef(['nope', 'a'], refs)).toBeUndefined();
  });
});

describe('hostMatches', () => {
  it('compares host and port; a port-less pattern means the default port', () => {
    expect(hostMatches('git.example.org', new URL('https://git.example.org/x'))).toBe(true);
    expect(hostMatches('git.example.org', new URL('https://git.example.org:8443/x'))).toBe(false);
    expect(hostMatches('git.example.org:8443', new URL('https://git.example.org:8443/x'))).toBe(true);
    expect(hostMatches('git.example.org:443', new URL('https://git.example.org/x'))).toBe(true);
    expect(hostMatches('127.0.0.1:*', new URL('http://127.0.0.1:5555/x'))).toBe(true);
  });

  it('treats *. as any subdomain, not the apex or look-alikes', () => {
    expect(hostMatches('*.example.org', new URL('https://a.b.example.org/'))).toBe(true);
    expect(hostMatches('*.example.org', new URL('https://example.org/'))).toBe(false);
    expect(hostMatches('*.example.org', new URL('https://evilexample.org/'))).toBe(false);
  });
});

describe('redactUrl', () => {
  it('removes userinfo', () => {
    expect(redactUrl('https://me:tok@h.example/a')).toBe('https://h.example/a');
    expect(redactUrl('not a url https://me:tok@h')).not.toContain('tok');
  });
});

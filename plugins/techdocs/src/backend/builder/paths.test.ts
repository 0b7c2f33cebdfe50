import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativePath, relativeUrl } from './paths.js';

describe('relative links between pages', () => {
  it('are what posix.relative gives, for page URLs, files and paths that are not normal', () => {
    const paths = ['', 'a', 'a/', 'a/b', 'a/b/', 'a/bc/', 'ab/', 'a/b/c/', 'b/a/', 'x.html', 'a/x.html', 'a/b/x.png',
      './', '.', 'a/./b/', 'a/../b/', '../x/', 'a//b/', '..', '.hidden/', 'a/.../', 'a b/ü/', 'a\\b/'];
    const differing: string[] = [];
    for (const from of paths) {
      for (const to of paths) {
        if (relativePath(from, to) !== posix.relative(`/${from}`, `/${to}`)) differing.push(`${from} -> ${to}: ${relativePath(from, to)}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('point from a page to other pages, to itself and to the home page', () => {
    expect(relativeUrl('reference/page-1/', 'api/page-4/')).toBe('../../api/page-4/');
    expect(relativeUrl('reference/page-1/', 'reference/page-1/')).toBe('./');
    expect(relativeUrl('reference/page-1/', '')).toBe('../../');
    expect(relativeUrl('', 'assets/techdocs.css')).toBe('assets/techdocs.css');
    expect(relativeUrl('a/x.html', 'b/y.html')).toBe('../b/y.html');
    expect(relativeUrl('x.html', 'b/y.html')).toBe('b/y.html');
  });
});

import { describe, expect, it } from 'vitest';
import { EntityTextCache } from './entityTextCache.js';

describe('EntityTextCache', () => {
  it('serves an entity only for the etag its bytes were stored with', () => {
    const cache = new EntityTextCache(1024);
    expect(cache.set('a', 'e1', '{"name":"é"}').toString()).toBe('{"name":"é"}');
    expect(cache.get('a', 'e1')?.toString()).toBe('{"name":"é"}');
    expect(cache.get('a', 'e2')).toBeUndefined();
    expect(cache.get('b', 'e1')).toBeUndefined();
    cache.set('a', 'e2', '{"name":"x"}');
    expect(cache.get('a', 'e1')).toBeUndefined();
    expect(cache.get('a', 'e2')?.toString()).toBe('{"name":"x"}');
    expect(cache.size).toBe(12);
  });

  it('drops the least recently used entries past its size in bytes', () => {
    const cache = new EntityTextCache(30);
    cache.set('a', 'e', 'a'.repeat(10));
    cache.set('b', 'e', 'b'.repeat(10));
    cache.set('c', 'e', 'c'.repeat(10));
    expect(cache.get('a', 'e')).toBeDefined(); // a is now the most recent
    cache.set('d', 'e', 'd'.repeat(10));
    expect(cache.get('b', 'e')).toBeUndefined();
    expect(['a', 'c', 'd'].map((id) => cache.get(id, 'e')?.toString()[0])).toEqual(['a', 'c', 'd']);
    expect(cache.size).toBe(30);
  });

  it('returns the bytes of an entity too large to keep without keeping them, and keeps nothing at size 0', () => {
    const cache = new EntityTextCache(8);
    expect(cache.set('a', 'e', '0123456789').length).toBe(10);
    expect(cache.get('a', 'e')).toBeUndefined();
    const none = new EntityTextCache(0);
    expect(none.set('a', 'e', '{}').toString()).toBe('{}');
    expect(none.get('a', 'e')).toBeUndefined();
    expect(none.size).toBe(0);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCachedBundle } from './codeCache.js';

describe('runCachedBundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-code-cache-'));
  const cacheDir = join(dir, 'cache');
  const bundle = join(dir, 'bundle.cjs');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // What the bundle script gives the CLI: a hash of the file.
  const version = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 24);

  it('runs the bundle, keeps its compiled code after the first run and uses it on the next', () => {
    writeFileSync(bundle, "const { basename } = require('node:path');\nexports.twice = (n) => n * 2;\nexports.name = basename(__filename);\n");
    const first = runCachedBundle<{ twice(n: number): number; name: string }>(bundle, cacheDir, version(bundle));
    expect(first.exports.twice(21)).toBe(42);
    expect(first.exports.name).toBe('bundle.cjs');
    first.save();
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const [cached] = readdirSync(cacheDir);
    const second = runCachedBundle<{ twice(n: number): number }>(bundle, cacheDir, version(bundle));
    expect(second.exports.twice(2)).toBe(4);
    second.save(); // accepted: nothing is written again
    expect(readdirSync(cacheDir)).toEqual([cached]);
  });

  it('does not use the compiled code of another version of the bundle', () => {
    writeFileSync(bundle, 'exports.twice = (n) => n * 3;\n');
    const changed = runCachedBundle<{ twice(n: number): number }>(bundle, cacheDir, version(bundle));
    expect(changed.exports.twice(2)).toBe(6);
    changed.save();
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('keeps the compiled code of the four newest versions of the bundle, not of every version it ran', () => {
    const other = join(dir, 'other.cjs');
    for (let n = 4; n <= 8; n++) {
      writeFileSync(other, `exports.times = (x) => x * ${n};\n`);
      const run = runCachedBundle<{ times(x: number): number }>(other, cacheDir, version(other));
      expect(run.exports.times(2)).toBe(2 * n);
      run.save();
      expect(readdirSync(cacheDir).length).toBeLessThanOrEqual(4);
    }
    // The newest is kept: the last version runs from its cache.
    const again = runCachedBundle<{ times(x: number): number }>(other, cacheDir, version(other));
    const before = readdirSync(cacheDir);
    again.save();
    expect(readdirSync(cacheDir)).toEqual(before);
    expect(again.exports.times(3)).toBe(24);
  });

  it('runs without a cache folder, or with one it cannot write', () => {
    expect(runCachedBundle<{ twice(n: number): number }>(bundle, undefined, version(bundle)).exports.twice(1)).toBe(3);
    writeFileSync(join(dir, 'not-a-folder'), '');
    const run = runCachedBundle<{ twice(n: number): number }>(bundle, join(dir, 'not-a-folder'), version(bundle));
    expect(() => run.save()).not.toThrow();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The shebang cannot import the flags, so it repeats them: the two must not drift apart.
describe('the server\'s V8 flags', () => {
  it('are the same in the atrium shebang as in SERVER_NODE_FLAGS (what npm start and the benchmarks pass)', () => {
    const shebang = readFileSync(new URL('../bin/atrium.mjs', import.meta.url), 'utf8').split('\n')[0]!;
    const list = /SERVER_NODE_FLAGS = \[([^\]]*)\]/.exec(readFileSync(new URL('../bin/nodeFlags.mjs', import.meta.url), 'utf8'))![1]!;
    const flags = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(flags.length).toBeGreaterThan(0);
    expect(shebang).toBe(`#!/usr/bin/env -S node ${flags.join(' ')}`);
  });
});

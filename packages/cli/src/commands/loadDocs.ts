import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { currentBundleVersion, runCachedBundle } from '../codeCache.js';
import type * as DocsCommands from './docs.js';


/**
 * The docs commands, from one bundled file (`dist/docs.cjs`, made by `npm run build`) run with V8's
 * code cache, or from the compiled modules when there is no bundle (the sources, in tests) or it is
 * older than any file it was made of (`tsc -b` ran after the bundle was made). A fresh
 * `atrium docs build` spent ~150 ms resolving, reading and compiling ~130 modules; the bundle with its
 * code cache loads in ~30 ms (ADR 0010). `save()` writes the code cache once the command has run.
 */
export async function loadDocsCommands(): Promise<{ commands: typeof DocsCommands; save(): void }> {
  const bundle = fileURLToPath(new URL('../docs.cjs', import.meta.url));
  const version = process.env.ATRIUM_NO_BUNDLE ? undefined : currentBundleVersion(bundle);
  if (version) {
    setShortBuildFlags();
    const cacheDir = process.env.ATRIUM_NO_CODE_CACHE ? undefined : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'atrium', 'code');
    const run = runCachedBundle<typeof DocsCommands>(bundle, cacheDir, version);
    return { commands: run.exports, save: run.save };
  }
  return { commands: await import('./docs.js'), save: () => {} };
}


/**
 * A docs build is a short process: V8's optimizing compiler (TurboFan) compiled markdown-it's and the
 * builder's hot functions on the second core while the first rendered, and the optimized code came
 * too late to pay for itself. With ~4.4 times V8's default budget (67,584 bytecode units run before a
 * function is considered for optimization), only what stays hot is optimized: on the 100-page bench
 * site ~17 % less CPU time and less or equal wall time, on Fastify's docs 10-30 % less CPU; a 500-page
 * site is within noise (ADR 0010). Set before the bundle is compiled, and never changed back, so the
 * code cache is made and read under the same flags (V8 rejects a cache made under other flags).
 */
function setShortBuildFlags(): void {
  v8.setFlagsFromString('--interrupt-budget=300000');
  // V8 runs a regular expression's first match in its bytecode interpreter and compiles it to machine
  // code on the second: a build runs each of Prism's and markdown-it's patterns a few times to
  // thousands of times, so it paid for two compilations of most. Compiled once, at first use: ~14 ms
  // less wall time on the 100-page bench site, ~15 ms on Fastify's docs (ADR 0010, 2026-12-04).
  v8.setFlagsFromString('--no-regexp-tier-up');
}

import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';

/**
 * Runs a CommonJS bundle with V8's code cache: the bytecode of every function the last run compiled,
 * kept in `cacheDir` under the bundle's version and the Node version. Node 22 does this itself
 * (`module.enableCompileCache()`); Node 20 only offers it per `vm.Script`. It is compiled code, as
 * Python keeps `.pyc` files: nothing that depends on what the command is given. A cache that is
 * missing, rejected by V8 or unwritable only costs compile time.
 */
export interface CachedBundle<T> {
  exports: T;
  /** Writes the cache when this run had none that V8 accepted (call after the work, so it holds what the work compiled). */
  save(): void;
}

/**
 * `version` must change whenever the file's content does (the bundle script writes a hash of it): V8
 * checks only the source's length against a cache. Taking it from the caller spares each run hashing
 * 2 MB and loading node:crypto (~2 ms and 3-7 ms of a build).
 */
export function runCachedBundle<T>(file: string, cacheDir: string | undefined, version: string): CachedBundle<T> {
  const code = readFileSync(file, 'utf8');
  const key = `${process.version}-${process.arch}-${version}`;
  const cacheFile = cacheDir && join(cacheDir, `${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet.
  }
  // The wrapper Node gives CommonJS modules, so the bundle's require resolves from where it lies.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file, ...(cachedData && { cachedData }) });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    save() {
      if (accepted || !cacheFile) return;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        pruneOldCaches(cacheDir, cacheFile);
      } catch {
        // A read-only cache folder: the next run compiles again.
      }
    },
  };
}

// Each build of the bundle (an upgrade, a rebuild in a checkout) leaves a cache of ~1 MB behind: the
// newest few are kept, so several installed versions used in turn do not compile again each time.
const KEEP_CACHES = 4;

function pruneOldCaches(cacheDir: string, current: string): void {
  const others = readdirSync(cacheDir).filter((f) => f.endsWith('.bin')).map((f) => join(cacheDir, f)).filter((f) => f !== current);
  const byAge = others.map((f) => ({ f, at: statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.at - a.at);
  for (const { f } of byAge.slice(KEEP_CACHES - 1)) unlinkSync(f);
}

/**
 * What a bundle script (scripts/bundleDocs.mjs, scripts/bundleStart.mjs) writes beside its bundle: a
 * hash of it, and the files it was made of (relative to it), as they were.
 */
interface BundleInputs {
  hash: string;
  inputs: Array<[path: string, size: number, mtimeMs: number]>;
}

/** The bundle's hash when it exists and was made from the compiled files as they are now. */
export function currentBundleVersion(bundle: string): string | undefined {
  let made: BundleInputs;
  try {
    made = JSON.parse(readFileSync(`${bundle}.inputs.json`, 'utf8')) as BundleInputs;
  } catch {
    return undefined; // no bundle
  }
  const current = made.inputs.every(([path, size, mtimeMs]) => {
    const s = statSync(resolve(dirname(bundle), path), { throwIfNoEntry: false });
    return s !== undefined && s.size === size && s.mtimeMs === mtimeMs;
  });
  return current && typeof made.hash === 'string' ? made.hash : undefined;
}

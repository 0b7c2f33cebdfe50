import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import type { Backend, BackendModule, BackendOptions, BackendPlugin, ServiceFactory } from '@atrium/backend';
import { currentBundleVersion, runCachedBundle } from '../codeCache.js';

export interface AppBackend {
  features: unknown;
  createBackend(options: BackendOptions): Backend;
  /** Writes the code cache of the bundle, if this start ran one without a cache V8 accepted (call once started). */
  save(): void;
}


/**
 * An app's backend features and the kernel that starts them: from one bundled file beside the app's
 * backend module (`index.bundle.cjs`, made by `npm run build`) run with V8's code cache, or from the
 * compiled modules when there is no bundle or it is older than any file it was made of (`tsc -b` ran
 * after it). The portal's ~1,300 modules took ~0.7 s of a 2-core start to resolve, read and compile;
 * the bundle with its cache loads in ~0.3 s (ADR 0012). ATRIUM_NO_BUNDLE=1 uses the modules.
 */
export async function loadAppBackend(backendModule: string): Promise<AppBackend> {
  const bundle = backendModule.replace(/\.js$/, '.bundle.cjs');
  const version = process.env.ATRIUM_NO_BUNDLE || bundle === backendModule ? undefined : currentBundleVersion(bundle);
  if (version) {
    // The idle garbage collector sets --expose-gc once started; V8 rejects a code cache made under
    // other flags than it is read under, so the flag is set before the bundle is compiled too.
    v8.setFlagsFromString('--expose-gc');
    const cacheDir = process.env.ATRIUM_NO_CODE_CACHE ? undefined : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'atrium', 'code', 'start');
    const run = runCachedBundle<Omit<AppBackend, 'save'>>(bundle, cacheDir, version);
    return { features: run.exports.features, createBackend: run.exports.createBackend, save: run.save };
  }
  const [app, kernel] = await Promise.all([
    import(pathToFileURL(backendModule).href) as Promise<{ features?: Array<BackendPlugin | BackendModule | ServiceFactory> }>,
    import('@atrium/backend'),
  ]);
  return { features: app.features, createBackend: kernel.createBackend, save: () => {} };
}


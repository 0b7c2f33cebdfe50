import { existsSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { BackendPlugin, BackendModule, ServiceFactory } from '@atrium/backend';
import { loadAppBackend } from './loadAppBackend.js';

/**
 * An app that cannot start, reported like the backend's StartupError (main.ts knows errors by their
 * code): importing that class would load the whole backend as modules, which the bundle replaces.
 */
class StartupError extends Error {
  readonly code = 'ATRIUM_ERR_STARTUP';
}

/** What an app's package.json declares under "atrium": where its backend features and built frontend are. */
interface AppManifest {
  backend: string;
  frontendDir?: string;
}

export async function startCommand(options: { configFiles: string[]; port?: number; appDir?: string }): Promise<number> {
  const appDir = resolve(options.appDir ?? process.cwd());
  const manifest = readManifest(appDir);
  const app = await loadAppBackend(join(appDir, manifest.backend));
  const features = app.features as Array<BackendPlugin | BackendModule | ServiceFactory> | undefined;
  if (!Array.isArray(features)) throw new StartupError(`${manifest.backend} must export "features", the list of backend plugins and modules`);

  const baseConfig = join(appDir, 'app-config.yaml');
  const configFiles = [...(existsSync(baseConfig) ? [baseConfig] : []), ...options.configFiles.map((f) => resolve(f))];
  const backend = app.createBackend({
    configFiles,
    config: options.port !== undefined ? { backend: { listen: { port: options.port } } } : undefined,
    frontendDir: manifest.frontendDir ? join(appDir, manifest.frontendDir) : undefined,
  });
  for (const f of features) backend.add(f);

  const t0 = performance.now();
  const { url } = await backend.start();
  backend.logger?.info(`Atrium is ready at ${url} (started in ${Math.round(performance.now() - t0)} ms)`);
  // Once started, so the cache holds what start-up compiled.
  app.save();

  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      backend.logger?.info(`${signal} received; finishing in-flight requests and stopping`);
      // A second signal while stopping means "now".
      process.once(signal, () => process.exit(130));
      backend.stop().then(done, (e) => {
        backend.logger?.error('Shutdown failed', e as Error);
        done();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

function readManifest(appDir: string): AppManifest {
  const pkgPath = join(appDir, 'package.json');
  if (!existsSync(pkgPath)) throw new StartupError(`${appDir} is not an Atrium app: it has no package.json; run from apps/portal or pass --app`);
  const manifest = JSON.parse(readFileSync(pkgPath, 'utf8')).atrium as AppManifest | undefined;
  if (!manifest?.backend) throw new StartupError(`${pkgPath} has no "atrium.backend" entry naming the app's backend module`);
  if (!existsSync(join(appDir, manifest.backend))) throw new StartupError(`${join(appDir, manifest.backend)} is missing; run "npm run build" first`);
  return manifest;
}

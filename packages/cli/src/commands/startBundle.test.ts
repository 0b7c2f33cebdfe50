import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentBundleVersion } from '../codeCache.js';

const cli = fileURLToPath(new URL('../../bin/atrium.mjs', import.meta.url));
const portal = fileURLToPath(new URL('../../../../apps/portal', import.meta.url));
const bundle = join(portal, 'dist/backend/index.bundle.cjs');
// The bundle is made by `npm run build` (npm test builds first); without a current one there is nothing to run.
const built = existsSync(join(portal, 'build/index.html')) && currentBundleVersion(bundle) !== undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** The portal, from its bundle or (ATRIUM_NO_BUNDLE) its modules; what it answered once ready. */
async function startPortal(config: string, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'start', '--app', portal, '--config', config, '--port', String(port)], { cwd: portal, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    for (const t0 = Date.now(); ; await new Promise((r) => setTimeout(r, 50))) {
      if (child.exitCode !== null) throw new Error(`the portal exited with ${child.exitCode}: ${stderr}`);
      if (Date.now() - t0 > 60_000) throw new Error('the portal did not become ready in 60 s');
      if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
    }
    const asset = readdirSync(join(portal, 'build/assets')).find((f) => f.endsWith('.js'))!;
    const assetResponse = await fetch(`${url}/assets/${asset}`);
    return {
      openapi: await (await fetch(`${url}/api/catalog/openapi.json`)).json() as unknown,
      page: await (await fetch(`${url}/catalog`, { headers: { accept: 'text/html' } })).text(),
      asset: { status: assetResponse.status, cacheControl: assetResponse.headers.get('cache-control'), bytes: (await assetResponse.arrayBuffer()).byteLength },
    };
  } finally {
    await new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); });
  }
}

describe.skipIf(!built)('atrium start from the portal bundle', () => {
  let dir: string;
  let config: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atrium-start-bundle-'));
    config = join(dir, 'app-config.test.yaml');
    await writeFile(config, "backend:\n  database:\n    client: pglite\n    connection: ':memory:'\n  log:\n    level: warn\n");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the same API documents, pages and files as the compiled modules, and reuses its code cache', { timeout: 180_000 }, async () => {
    const fromModules = await startPortal(config, { ATRIUM_NO_BUNDLE: '1', XDG_CACHE_HOME: join(dir, 'xdg') });
    expect(existsSync(join(dir, 'xdg/atrium/code/start'))).toBe(false);
    const fromBundle = await startPortal(config, { XDG_CACHE_HOME: join(dir, 'xdg') });
    expect(fromBundle).toEqual(fromModules);
    expect(fromBundle.asset).toMatchObject({ status: 200, cacheControl: 'public, max-age=31536000, immutable' });
    expect(fromBundle.page).toContain('id="atrium-config"');

    // Only the bundle keeps a code cache; the next start reads it (made under the flags it is read under).
    const caches = await readdir(join(dir, 'xdg/atrium/code/start'));
    expect(caches).toHaveLength(1);
    const made = (await stat(join(dir, 'xdg/atrium/code/start', caches[0]!))).mtimeMs;
    await startPortal(config, { XDG_CACHE_HOME: join(dir, 'xdg') });
    expect(await readdir(join(dir, 'xdg/atrium/code/start'))).toEqual(caches);
    expect((await stat(join(dir, 'xdg/atrium/code/start', caches[0]!))).mtimeMs).toBe(made);
  });
});

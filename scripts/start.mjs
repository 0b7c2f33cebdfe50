#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then runs `atrium start` for the portal app.
// Extra arguments pass through: `npm start -- --port 7010 --config my-config.yaml`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const portal = join(root, 'apps/portal');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'build' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// tsc -b is incremental: a no-op when nothing changed.
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
const index = join(portal, 'build/index.html');
const sources = ['packages/frontend/src', 'packages/model/src', 'plugins', 'apps/portal/src'].map((d) => join(root, d));
const stale = !existsSync(index) || Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
if (stale) run('npm', ['run', 'build', '-w', '@atrium/portal', '--silent']);

const child = spawn(process.execPath, [join(root, 'packages/cli/bin/atrium.mjs'), 'start', ...process.argv.slice(2)], { cwd: portal, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

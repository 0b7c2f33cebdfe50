#!/usr/bin/env node
// Builds what is missing or stale: `tsc -b` (incremental, a no-op when nothing changed) and the
// frontend bundle when any frontend source is newer than apps/portal/build/index.html.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'build', 'test-results'].includes(entry.name) || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
// The CLI's docs bundle (dist/docs.cjs) and the portal's backend bundle (ADR 0012), from what tsc just
// compiled: esbuild takes a few seconds for both.
run('npm', ['run', 'build', '-w', '@atrium/cli', '--silent']);
const index = join(root, 'apps/portal/build/index.html');
const sources = ['packages/frontend', 'packages/model/src', 'plugins', 'apps/portal/src', 'apps/portal/index.html', 'apps/portal/vite.config.ts'];
const newest = Math.max(...sources.map((d) => join(root, d)).map((p) => (existsSync(p) && statSync(p).isFile() ? statSync(p).mtimeMs : newestMtime(p))));
if (!existsSync(index) || newest > statSync(index).mtimeMs) run('npm', ['run', 'build', '-w', '@atrium/portal', '--silent']);

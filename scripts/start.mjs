#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then runs `atrium start` for the portal app.
// Extra arguments pass through: `npm start -- --port 7010 --config my-config.yaml`.
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const portal = join(root, 'apps/portal');

const r = spawnSync(process.execPath, [join(root, 'scripts/build-if-stale.mjs')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

const child = spawn(process.execPath, [join(root, 'packages/cli/bin/atrium.mjs'), 'start', ...process.argv.slice(2)], { cwd: portal, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

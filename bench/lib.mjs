// Helpers shared by benchmarks: start the built portal as a child process and time it.
import { spawn } from 'node:child_process';
import { appendFileSync, openSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function writeConfig(yaml) {
  const file = join(mkdtempSync(join(tmpdir(), 'atrium-bench-')), 'app-config.bench.yaml');
  writeFileSync(file, yaml);
  return file;
}

/**
 * Starts the portal (or another app folder); resolves when /readyz answers 200, with the elapsed milliseconds.
 * To look inside a run: BENCH_NODE_ARGS passes flags to its Node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`,
 * which NODE_OPTIONS refuses), BENCH_PORTAL_STDOUT=file keeps its log (with `backend.log.level: debug`
 * in the config, the catalog's per-batch timings).
 */
export async function startPortal({ config, port, app = join(root, 'apps/portal') }) {
  const t0 = performance.now();
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'packages/cli/bin/atrium.mjs'), 'start', '--app', app, '--config', config, '--port', String(port)], {
    stdio: ['ignore', process.env.BENCH_PORTAL_STDOUT ? openSync(process.env.BENCH_PORTAL_STDOUT, 'w') : 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    // BENCH_PORTAL_LOG=file keeps the portal's own error output, to see why a run failed.
    if (process.env.BENCH_PORTAL_LOG) appendFileSync(process.env.BENCH_PORTAL_LOG, d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (performance.now() - t0 > 60_000) throw new Error('portal did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - t0;
  return {
    ms, url, pid: child.pid,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024,
    stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }),
  };
}

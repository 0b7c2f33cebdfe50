// Start-up to /readyz (embedded database with an existing data folder; PostgreSQL server),
// idle memory, and /healthz throughput. Prints medians of several runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { median, startPortal, writeConfig } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = 7300;

async function startups(label, config) {
  const times = [], rss = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await startPortal({ config, port: PORT });
    times.push(p.ms);
    await new Promise((r) => setTimeout(r, 3000)); // let start-up garbage settle before reading idle memory
    rss.push(p.rssMb());
    await p.stop();
  }
  console.log(`${label}: start to /readyz median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')}); idle RSS median ${median(rss).toFixed(0)} MB`);
}

export async function run() {
  const dataDir = mkdtempSync(join(tmpdir(), 'atrium-bench-data-'));
  const pglite = writeConfig(`backend:\n  database:\n    client: pglite\n    connection: ${dataDir}\n  log:\n    level: warn\n`);
  const warm = await startPortal({ config: pglite, port: PORT }); // creates and migrates the data folder
  await warm.stop();
  await startups('embedded PGlite (existing data folder)', pglite);

  const db = 'atrium_bench';
  execFileSync('psql', ['-h', '/var/run/postgresql', '-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS ${db}`, '-c', `CREATE DATABASE ${db}`]);
  const pg = writeConfig(`backend:\n  database:\n    client: pg\n    connection: postgresql://${process.env.USER ?? "root"}@localhost/${db}?host=/var/run/postgresql\n  log:\n    level: warn\n`);
  const warmPg = await startPortal({ config: pg, port: PORT });
  await warmPg.stop();
  await startups('PostgreSQL server', pg);

  const p = await startPortal({ config: pg, port: PORT });
  const rates = [], p99s = [];
  for (let i = 0; i < 3; i++) {
    const r = await autocannon({ url: `${p.url}/healthz`, connections: 10, duration: 5 });
    if (r.non2xx || r.errors) throw new Error(`/healthz answered ${r.non2xx} non-2xx and ${r.errors} errors`);
    rates.push(r.requests.average);
    p99s.push(r.latency.p99);
  }
  console.log(`/healthz: median ${median(rates).toFixed(0)} req/s, p99 latency median ${median(p99s)} ms (3 runs × 5 s, 10 connections)`);
  await p.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

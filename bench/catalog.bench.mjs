// Catalog: time to ingest a generated organisation (all entities stitched and visible through the API)
// and API latency/throughput at 10 connections, on the PostgreSQL server and on embedded PGlite.
// N = 10,000 by default; BENCH_CATALOG_N=100000 for the large run (slow: not part of CI).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { startPortal, writeConfig } from './lib.mjs';
import { generateOrg, writeOrg } from './catalog/generateOrg.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 7330);
const N = Number(process.env.BENCH_CATALOG_N ?? 10_000);
const CLIENTS = (process.env.BENCH_CATALOG_DB ?? 'pg,pglite').split(',');

async function token(url) {
  const r = await fetch(`${url}/api/auth/guest/token`, { method: 'POST' });
  return (await r.json()).token;
}

async function waitForIngestion(url, headers, expected, t0, last) {
  const deadline = () => { if (performance.now() - t0 > 30 * 60_000) throw new Error('ingestion did not finish in 30 minutes'); };
  // Until the last entity of the last file is visible, poll for it alone: counting every entity once a
  // second was 14 s of the database's CPU during a 100,000-entity ingestion, load the bench put on the
  // system it measures. Entities are stitched in the order they were written, so that one comes last
  // (or nearly); the count below decides.
  const lastRef = `${last.kind}/${last.metadata.namespace ?? 'default'}/${last.metadata.name}`.toLowerCase();
  for (;;) {
    const r = await fetch(`${url}/api/catalog/entities/by-name/${lastRef}`, { headers });
    if (r.ok) break;
    deadline();
    await new Promise((res) => setTimeout(res, 50));
  }
  for (;;) {
    const r = await fetch(`${url}/api/catalog/entities/by-query?limit=1`, { headers });
    if (r.ok && (await r.json()).totalItems >= expected) return performance.now() - t0;
    deadline();
    await new Promise((res) => setTimeout(res, 100));
  }
}

/**
 * Waits until the portal and its PostgreSQL backends together use under 5% of a core for ten seconds
 * running (at most two minutes). Search reindexes once its incremental writes have paused for five
 * seconds, and those lag behind the catalog's; with six quiet seconds the reindex could start just as
 * the queries were measured, and a quarter of by-query's throughput went to it.
 */
async function waitForIdle(pid, database) {
  const tck = Number(execFileSync('getconf', ['CLK_TCK']).toString());
  const cpuOf = (p) => { const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / tck; };
  const backends = () => (database ? readdirSync('/proc').filter((p) => /^\d+$/.test(p)) : []).filter((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('postgres:') && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(database); } catch { return false; }
  });
  const cpu = () => {
    let total = cpuOf(pid);
    for (const p of backends()) { try { total += cpuOf(p); } catch { /* ended */ } }
    return total;
  };
  const t0 = performance.now();
  let quiet = 0;
  while (quiet < 10 && performance.now() - t0 < 120_000) {
    const before = cpu();
    await new Promise((res) => setTimeout(res, 1000));
    quiet = cpu() - before < 0.05 ? quiet + 1 : 0;
  }
  return performance.now() - t0;
}

async function load(label, url, headers) {
  // One second of the same load first, not counted: the first requests of a query shape pay for
  // compiling its code paths and for each connection's first executions of its prepared statement
  // (planned anew until PostgreSQL settles on a generic plan); the figure is the steady state.
  await autocannon({ url, headers, connections: 10, duration: 1 });
  const r = await autocannon({ url, headers, connections: 10, duration: 5 });
  if (r.non2xx || r.errors) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  console.log(`  ${label.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s   p99 ${r.latency.p99} ms`);
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-org-'));
  const entities = generateOrg(N);
  const all = await writeOrg(dir, entities);
  const expected = entities.length + 2; // + the org's Location file and the configured root location
  for (const client of CLIENTS) {
    let database;
    if (client === 'pg') {
      execFileSync('psql', ['-h', '/var/run/postgresql', '-d', 'postgres', '-qc', 'DROP DATABASE IF EXISTS atrium_bench_catalog', '-c', 'CREATE DATABASE atrium_bench_catalog']);
      database = `    client: pg\n    connection: postgresql://${process.env.USER ?? 'root'}@localhost/atrium_bench_catalog?host=/var/run/postgresql\n`;
    } else {
      database = `    client: pglite\n    connection: ${mkdtempSync(join(tmpdir(), 'atrium-bench-pglite-'))}\n`;
    }
    const config = writeConfig(`backend:\n  database:\n${database}  log:\n    level: warn\ncatalog:\n  processingInterval: { hours: 1 }\n  locations:\n    - type: file\n      target: ${all}\n`);
    const t0 = performance.now();
    const portal = await startPortal({ config, port: PORT });
    const headers = { authorization: `Bearer ${await token(portal.url)}` };
    const ms = await waitForIngestion(portal.url, headers, expected, t0, entities[entities.length - 1]);
    console.log(`${client}: ${expected} entities ingested (start to all visible) in ${(ms / 1000).toFixed(1)} s; RSS ${portal.rssMb().toFixed(0)} MB`);
    // Once the work settles the catalog vacuums and analyzes its tables (index-only counts and facets
    // need the visibility map), and other plugins index what arrived (search waits for the catalog's
    // writes to pause): measure queries in that steady state, once the portal is idle.
    await new Promise((res) => setTimeout(res, N > 50_000 ? 15_000 : 4000));
    console.log(`  idle after ${(await waitForIdle(portal.pid, client === 'pg' ? 'atrium_bench_catalog' : undefined) / 1000).toFixed(1)} s more`);
    const api = `${portal.url}/api/catalog`;
    await load('by-name', `${api}/entities/by-name/component/default/component-${Math.floor(N / 3)}`, headers);
    await load('by-query, 100 items, kind filter', `${api}/entities/by-query?filter=kind=component,spec.type=service&limit=100`, headers);
    await load('legacy list with fields', `${api}/entities?filter=kind=api&fields=metadata.name,spec.type&limit=100`, headers);
    await load('facets (spec.type of components)', `${api}/entity-facets?facet=spec.type&filter=kind=component`, headers);
    await load('full-text filter', `${api}/entities/by-query?fullTextFilterTerm=component-12&fullTextFilterFields=metadata.name&limit=20`, headers);
    console.log(`  RSS after load ${portal.rssMb().toFixed(0)} MB`);
    // The kernel collects garbage once the process has been idle for 30 s (backend.gcWhenIdle): the
    // steady state a portal that is not under load sits in.
    await new Promise((res) => setTimeout(res, 45_000));
    console.log(`  RSS once idle ${portal.rssMb().toFixed(0)} MB`);
    await portal.stop();
  }
  rmSync(dir, { recursive: true, force: true });
}

// Search: query latency at 10 concurrent users on 100,000 entities + 10,000 doc pages on the PostgreSQL
// server (documents written straight into the search tables with the engine's own writer); palette
// latency from keystroke to results in Chromium on the embedded database with the example catalog; and
// how long a changed entity takes to become searchable. Not part of CI: `npm run bench -- search`.
// BENCH_SEARCH_ENTITIES / BENCH_SEARCH_PAGES change the corpus size; BENCH_SEARCH_PARTS=query,palette,freshness;
// BENCH_SEARCH_REUSE=1 keeps the database a previous run loaded (when it holds the same corpus) instead of writing it again.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startPortal, writeConfig, root } from './lib.mjs';
import { buildCorpus, queryMix } from './search/corpus.mjs';
import { measurePalette } from './search/palette.mjs';
import { measureFreshness } from './search/freshness.mjs';

const ENTITIES = Number(process.env.BENCH_SEARCH_ENTITIES ?? 100_000);
const PAGES = Number(process.env.BENCH_SEARCH_PAGES ?? 10_000);
const PARTS = (process.env.BENCH_SEARCH_PARTS ?? 'query,palette,freshness').split(',');
const DB = process.env.BENCH_SEARCH_DB ?? 'atrium_search_bench';
const REUSE = process.env.BENCH_SEARCH_REUSE === '1';

async function token(url) {
  return (await (await fetch(`${url}/api/auth/guest/token`, { method: 'POST' })).json()).token;
}

async function waitFor(fn, timeoutMs = 60_000) {
  const t0 = performance.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (performance.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving the bench database (the portal's pool), by pid. */
function backendPids() {
  const out = execFileSync('psql', ['-h', '/var/run/postgresql', '-d', 'postgres', '-Atc',
    `select pid from pg_stat_activity where datname = '${DB}' and pid <> pg_backend_pid()`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map(Number);
}

/**
 * CPU used by the portal, by its database backends and by this process (the load generator, on the same
 * cores) while `fn` runs, in ms per request.
 */
async function withCpu(pid, fn) {
  const before = new Map(backendPids().map((p) => [p, cpuSeconds(p)]));
  const node0 = cpuSeconds(pid);
  const self0 = process.cpuUsage();
  const result = await fn();
  const self = process.cpuUsage(self0);
  const node = cpuSeconds(pid) - node0;
  let pg = 0;
  for (const p of new Set([...before.keys(), ...backendPids()])) pg += cpuSeconds(p) - (before.get(p) ?? 0);
  const n = result.requests.total;
  const load = (self.user + self.system) / 1000 / n;
  return { result, cpu: `CPU per request: portal ${(node * 1000 / n).toFixed(2)} ms, PostgreSQL ${(pg * 1000 / n).toFixed(2)} ms, load generator ${load.toFixed(2)} ms` };
}

/** How many live documents the bench database holds (0 when it or its index does not exist yet). */
function liveDocuments() {
  try {
    return Number(execFileSync('psql', ['-h', '/var/run/postgresql', '-d', DB, '-Atc',
      'select count(*) from search.documents d join search.index_state s on s.type = d.type and s.live_generation = d.generation'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return 0;
  }
}

/** Writes the corpus into the search tables with the engine's own writer, as a reindex would. */
async function loadCorpus(connection) {
  const { default: pg } = await import('pg');
  const { Kysely, PostgresDialect } = await import('kysely');
  const { SearchIndex } = await import(`${root}/plugins/search/dist/backend/engine/SearchIndex.js`);
  const { entityToDocument } = await import(`${root}/plugins/search/dist/backend/modules/catalog/entityDocument.js`);
  const pool = new pg.Pool({ connectionString: connection, max: 2 });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) }).withSchema('search');
  const index = new SearchIndex(db, 'search');
  const { catalog, docs } = buildCorpus({ entities: ENTITIES, pages: PAGES }, entityToDocument);
  for (const [type, documents, weight] of [['software-catalog', catalog, 'summary'], ['techdocs', docs, 'body']]) {
    await index.registerType(type, weight);
    const t0 = performance.now();
    const generation = await index.beginReindex(type);
    for (let i = 0; i < documents.length; i += 2000) await index.writeReindexBatch(type, generation, documents.slice(i, i + 2000));
    await index.finishReindex(type, generation);
    console.log(`  indexed ${documents.length} ${type} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await pool.query('analyze search.documents, search.lexicon');
  await pool.end();
}

async function queryLatency() {
  // The portal's own catalog adds a few entities through its change events on top of the corpus.
  const loaded = () => { const n = liveDocuments(); return n >= ENTITIES + PAGES && n < (ENTITIES + PAGES) * 1.01; };
  const reuse = REUSE && loaded();
  if (!reuse) execFileSync('psql', ['-h', '/var/run/postgresql', '-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS ${DB}`, '-c', `CREATE DATABASE ${DB}`]);
  const connection = `postgresql://${process.env.USER ?? 'root'}@localhost/${DB}?host=/var/run/postgresql`;
  // Scheduled reindexes far away: the bench writes the index itself, and an empty catalog must not replace it.
  const config = writeConfig(`backend:\n  database:\n    client: pg\n    connection: ${connection}\n  log:\n    level: warn\n` +
    `search:\n  collators:\n    catalog: { schedule: { frequency: { hours: 24 }, initialDelay: 0 } }\n    techdocs: { schedule: { frequency: { hours: 24 }, initialDelay: 0 } }\n`);
  const portal = await startPortal({ config, port: 7320 });
  try {
    const headers = { authorization: `Bearer ${await token(portal.url)}` };
    await waitFor(async () => (await (await fetch(`${portal.url}/api/search/types`, { headers })).json()).types.every((t) => t.lastIndexedAt));

    if (reuse) {
      // The portal's own reindex keeps its schedule across restarts, so the loaded corpus should still be live.
      if (!loaded()) throw new Error('the reused corpus was replaced; run without BENCH_SEARCH_REUSE');
      console.log('  reusing the corpus already loaded');
    } else await loadCorpus(connection);

    const requests = queryMix(ENTITIES).map((q) => ({ method: 'GET', path: `/api/search/query?${q}` }));
    // Warm the caches once, as a running portal's would be.
    for (const r of requests) await fetch(`${portal.url}${r.path}`, { headers });
    // The engine's own cost: every request asks for a fresh answer (Cache-Control: no-cache). Then the same
    // mix as a portal's repeated queries meet it: answers reused while the index is unchanged.
    console.log(`pg, ${ENTITIES} entities + ${PAGES} pages, 10 connections, ${requests.length} query shapes round-robin:`);
    const fresh = { ...headers, 'cache-control': 'no-cache' };
    for (const [label, h] of [['query, fresh ', fresh], ['query, cached', headers]]) {
      const { result, cpu } = await withCpu(portal.pid, () => autocannon({ url: portal.url, headers: h, connections: 10, duration: 20, requests }));
      if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
      console.log(`  ${label}  ${Math.round(result.requests.average)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   (target p99 < 50 ms)`);
      console.log(`                 ${cpu}`);
    }
    const facets = await autocannon({ url: portal.url, headers: fresh, connections: 10, duration: 10, requests: requests.map((r) => ({ ...r, path: r.path.replace('/query?', '/facets?') })) });
    console.log(`  facets, fresh  ${Math.round(facets.requests.average)} req/s   p50 ${facets.latency.p50} ms   p99 ${facets.latency.p99} ms`);
    for (const q of ['term=component-33333', 'term=servce', 'term=compon', 'term=kafka', 'term=rollback%20runbook', 'term=&filters%5Bkind%5D=API', 'term=p']) {
      const runs = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        await (await fetch(`${portal.url}/api/search/query?${q}&pageLimit=25`, { headers: fresh })).json();
        runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      console.log(`  single ${decodeURIComponent(q).padEnd(28)} median ${runs[7].toFixed(1)} ms`);
    }
  } finally {
    await portal.stop();
  }
}

export async function run() {
  if (PARTS.includes('query')) await queryLatency();
  if (PARTS.includes('palette')) await measurePalette();
  if (PARTS.includes('freshness')) await measureFreshness();
}

// Latency of each query shape under the benchmark's fresh-query load (10 connections, the 20 shapes
// round-robin, Cache-Control: no-cache), on the database search.bench.mjs leaves behind, to see which
// shapes make the tail: `node bench/search/shapeLatency.mjs`. CONNS=10, DURATION=20 s; the portal's
// environment passes through (e.g. a configuration to compare).
import http from 'node:http';
import { startPortal, writeConfig } from '../lib.mjs';
import { queryMix } from './corpus.mjs';

const db = process.env.BENCH_SEARCH_DB ?? 'atrium_search_bench';
const connection = `postgresql://${process.env.USER ?? 'root'}@localhost/${db}?host=/var/run/postgresql`;
const config = writeConfig(`backend:\n  database:\n    client: pg\n    connection: ${connection}\n  log:\n    level: warn\n` +
  (process.env.BENCH_SEARCH_EXTRA_CONFIG ?? '') +
  'search:\n  collators:\n    catalog: { schedule: { frequency: { hours: 24 }, initialDelay: 0 } }\n    techdocs: { schedule: { frequency: { hours: 24 }, initialDelay: 0 } }\n');
const portal = await startPortal({ config, port: 7322 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const get = (path, headers) => new Promise((resolve, reject) => {
  http.get(`${portal.url}${path}`, { agent, headers }, (res) => {
    res.on('data', () => {});
    res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode} ${path}`))));
  }).on('error', reject);
});
try {
  const token = (await (await fetch(`${portal.url}/api/auth/guest/token`, { method: 'POST' })).json()).token;
  const headers = { authorization: `Bearer ${token}`, 'cache-control': 'no-cache' };
  await new Promise((r) => setTimeout(r, 5000));
  const shapes = queryMix(Number(process.env.BENCH_SEARCH_ENTITIES ?? 100_000));
  for (const s of shapes) await get(`/api/search/query?${s}`, headers);
  const latencies = shapes.map(() => []);
  const all = [];
  let next = 0;
  const until = performance.now() + Number(process.env.DURATION ?? 20) * 1000;
  await Promise.all(Array.from({ length: Number(process.env.CONNS ?? 10) }, async () => {
    while (performance.now() < until) {
      const i = next++ % shapes.length;
      const t0 = performance.now();
      await get(`/api/search/query?${shapes[i]}`, headers);
      const ms = performance.now() - t0;
      latencies[i].push(ms);
      all.push(ms);
    }
  }));
  const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
  const slow = pct(all, 0.99);
  console.log(`${all.length} requests, p50 ${pct(all, 0.5).toFixed(1)} ms, p99 ${slow.toFixed(1)} ms`);
  shapes.forEach((s, i) => console.log(`  p50 ${pct(latencies[i], 0.5).toFixed(1).padStart(5)}  p99 ${pct(latencies[i], 0.99).toFixed(1).padStart(5)}  over p99: ${String(latencies[i].filter((x) => x >= slow).length).padStart(3)}  ${decodeURIComponent(s)}`));
} finally {
  await portal.stop();
}

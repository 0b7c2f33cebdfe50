// CPU per query of each shape of the benchmark mix, in the PostgreSQL backend (from /proc/<pid>/stat) and in
// this process (the engine: compiling, reading rows, highlights, the response body), through the engine's
// real path (one connection with the backend's PREPARE wrapper, fresh answers as the route sends them), on
// the database search.bench.mjs leaves behind: `node bench/search/shapeCpu.mjs [query strings…]`.
// RUNS=100 per shape (after 10 to warm up); PostgreSQL's figure counts in 10 ms ticks, so take several runs.
// BENCH_SEARCH_ENGINE=<module URL> measures another build of the engine.
import { readFileSync } from 'node:fs';
import { queryMix } from './corpus.mjs';
import { engineOnOneConnection, knownTypes, parseSearchParams } from './engineOnOneConnection.mjs';
const { client, pool, engine } = await engineOnOneConnection();
// An engine from before queryJson: its answer serialised as the route did (less the response schema's check).
const answer = engine.queryJson ? (q) => engine.queryJson(q, { fresh: true }) : async (q) => JSON.stringify(await engine.query(q, { fresh: true }));
const pid = (await client.query('select pg_backend_pid() as pid')).rows[0].pid;
const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const RUNS = Number(process.env.RUNS ?? 100);
let pgSum = 0;
let nodeSum = 0;
for (const shape of process.argv.length > 2 ? process.argv.slice(2) : queryMix(Number(process.env.BENCH_SEARCH_ENTITIES ?? 100_000))) {
  const p = parseSearchParams(Object.fromEntries(new URLSearchParams(shape)), { maxTermLength: 100, knownTypes });
  for (let i = 0; i < 10; i++) await answer({ ...p, page: 0 });
  const pg0 = ticks();
  const node0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) await answer({ ...p, page: 0 });
  const node = process.cpuUsage(node0);
  const pgMs = (ticks() - pg0) / RUNS;
  const nodeMs = (node.user + node.system) / 1000 / RUNS;
  pgSum += pgMs;
  nodeSum += nodeMs;
  console.log(`PostgreSQL ${pgMs.toFixed(2).padStart(5)} ms  engine ${nodeMs.toFixed(2).padStart(5)} ms  ${decodeURIComponent(shape)}`);
}
console.log(`PostgreSQL ${pgSum.toFixed(1).padStart(5)} ms  engine ${nodeSum.toFixed(1).padStart(5)} ms  total`);
client.release();
await pool.end();

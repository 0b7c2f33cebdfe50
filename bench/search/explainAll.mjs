// Server-side planning + execution time (EXPLAIN ANALYZE, the fastest of 15: others share the cores) of the engine's queries for every query shape of
// the benchmark mix, on the database search.bench.mjs leaves behind: `node bench/search/explainAll.mjs [facets]`.
// Less noisy than HTTP latency on shared cores. BENCH_SEARCH_ENGINE=<module URL> measures another build of the engine.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { queryMix } from './corpus.mjs';
const { SearchEngine } = await import(process.env.BENCH_SEARCH_ENGINE ?? new URL('../../plugins/search/dist/backend/engine/SearchEngine.js', import.meta.url).href);
const { parseSearchParams } = await import(new URL('../../plugins/search/dist/backend/service/queryParams.js', import.meta.url).href);
const pool = new pg.Pool({ connectionString: process.env.BENCH_SEARCH_DB_URL ?? `postgresql://${process.env.USER ?? 'root'}@localhost/atrium_search_bench?host=/var/run/postgresql`, max: 1, options: '-c jit=off' });
let queries = [];
const db = new Kysely({ dialect: new PostgresDialect({ pool }), log: (e) => queries.push(e.query) }).withSchema('search');
const engine = new SearchEngine(db, 'search');
const facets = process.argv.includes('facets');
const knownTypes = new Set(['software-catalog', 'techdocs']);
const median = (a) => Math.min(...a);
let sum = 0;
let planSum = 0;
for (const shape of queryMix(Number(process.env.BENCH_SEARCH_ENTITIES ?? 100_000))) {
  const raw = Object.fromEntries(new URLSearchParams(shape));
  const p = parseSearchParams(raw, { maxTermLength: 100, knownTypes });
  queries = [];
  if (facets) await engine.facets(p); else await engine.query({ ...p, page: 0 });
  const times = [];
  const plans = [];
  const client = await pool.connect();
  for (let i = 0; i < Number(process.env.REPS ?? 15); i++) {
    let total = 0;
    let planning = 0;
    for (const q of queries) {
      const r = await client.query(`explain (analyze, format json) ${q.sql}`, q.parameters);
      total += r.rows[0]['QUERY PLAN'][0]['Execution Time'] + r.rows[0]['QUERY PLAN'][0]['Planning Time'];
      planning += r.rows[0]['QUERY PLAN'][0]['Planning Time'];
    }
    times.push(total);
    plans.push(planning);
  }
  client.release();
  sum += median(times);
  planSum += median(plans);
  console.log(`${median(times).toFixed(1).padStart(7)} ms (planning ${median(plans).toFixed(1).padStart(4)})  ${queries.length} stmt  ${decodeURIComponent(shape)}`);
}
console.log(`${sum.toFixed(1).padStart(7)} ms (planning ${planSum.toFixed(1).padStart(4)})  total`);
await pool.end();

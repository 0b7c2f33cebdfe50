// EXPLAIN ANALYZE of the engine's own query for a term, on the database search.bench.mjs leaves behind:
// `node bench/search/explain.mjs compon '{"kind":["api"]}'` (term, then filters as JSON).
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
const { SearchEngine } = await import(new URL('../../plugins/search/dist/backend/engine/SearchEngine.js', import.meta.url).href);
const pool = new pg.Pool({ connectionString: process.env.BENCH_SEARCH_DB_URL ?? `postgresql://${process.env.USER ?? 'root'}@localhost/atrium_search_bench?host=/var/run/postgresql`, max: 1, options: '-c jit=off' });
const queries = [];
const db = new Kysely({ dialect: new PostgresDialect({ pool }), log: (e) => queries.push(e.query) }).withSchema('search');
const engine = new SearchEngine(db, 'search');
const term = process.argv[2] ?? 'compon';
const filters = process.argv[3] ? JSON.parse(process.argv[3]) : {};
await engine.query({ term, types: [], filters, page: 0, pageLimit: 25 });
const q = queries[queries.length - 1];
const client = await pool.connect();
const r = await client.query(`explain (analyze, buffers) ${q.sql}`, q.parameters);
console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
client.release();
await pool.end();

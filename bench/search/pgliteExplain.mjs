// Planning and execution time of the engine's query on the embedded database (PGlite, as the palette
// uses it), over the relevance tests' corpus: `node bench/search/pgliteExplain.mjs [term...]`.
// The corpus is small, so what this shows is mostly per-query overhead (planning, highlights).
import pg from 'pg';
import { Kysely, PostgresDialect, Migrator } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
const dist = new URL('../../plugins/search/dist/backend/', import.meta.url).href;
const { SearchEngine } = await import(`${dist}engine/SearchEngine.js`);
const { SearchIndex } = await import(`${dist}engine/SearchIndex.js`);
const { searchMigrations } = await import(`${dist}database/migrations.js`);
const { catalogCorpus, docsCorpus } = await import(`${dist}testCorpus.js`);

const pglite = await PGlite.create({ extensions: { pg_trgm } });
await pglite.exec('create extension pg_trgm; create schema search; set search_path = search, public');
const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
let queries = [];
const db = new Kysely({ dialect: new PostgresDialect({ pool }), log: (e) => queries.push(e.query) }).withSchema('search');
await sql(`set search_path = search, public`);
const { error } = await new Migrator({ db, provider: { getMigrations: async () => searchMigrations } }).migrateToLatest();
if (error) throw error;
async function sql(text, values) { return (await pool.query(text, values)).rows; }
const index = new SearchIndex(db, 'search');
for (const [type, docs, weight] of [['software-catalog', catalogCorpus, 'summary'], ['techdocs', docsCorpus, 'body']]) {
  await index.registerType(type, weight);
  const g = await index.beginReindex(type);
  await index.writeReindexBatch(type, g, docs);
  await index.finishReindex(type, g);
}
const engine = new SearchEngine(db, 'search');
const terms = process.argv.slice(2).length ? process.argv.slice(2) : ['p', 'pl', 'play', 'playback', 'plaback', 'search', 'team'];
for (const term of terms) {
  queries = [];
  const t0 = performance.now();
  await engine.query({ term, types: [], filters: {}, page: 0, pageLimit: 15 });
  const wall = performance.now() - t0;
  const t1 = performance.now();
  await engine.query({ term: `${term} `.trim(), types: [], filters: {}, page: 0, pageLimit: 15 });
  const again = performance.now() - t1;
  const plans = [];
  for (const q of queries) {
    let best;
    for (let i = 0; i < 5; i++) {
      const [{ 'QUERY PLAN': [p] }] = await sql(`explain (analyze, format json) ${q.sql}`, q.parameters);
      if (!best || p['Planning Time'] + p['Execution Time'] < best['Planning Time'] + best['Execution Time']) best = p;
    }
    let wall = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await pool.query(q.sql, q.parameters);
      wall = Math.min(wall, performance.now() - t);
    }
    plans.push(`plan ${best['Planning Time'].toFixed(1)} + run ${best['Execution Time'].toFixed(1)} ms, round trip ${wall.toFixed(1)} ms`);
  }
  console.log(`${term.padEnd(10)} first call ${wall.toFixed(1)} ms, again ${again.toFixed(1)} ms; ${plans.join('; ')}`);
}
await pool.end();
await pglite.close();

// The search engine on one connection of the database search.bench.mjs leaves behind, with the backend's
// PREPARE wrapper, for the per-shape tools (shapeCpu.mjs, planCache.mjs). BENCH_SEARCH_ENGINE=<module URL>
// loads another build of the engine; BENCH_SEARCH_DB_URL another database.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
const { withPreparedStatements } = await import(new URL('../../packages/backend/dist/database/preparedStatements.js', import.meta.url).href);
const { SearchEngine } = await import(process.env.BENCH_SEARCH_ENGINE ?? new URL('../../plugins/search/dist/backend/engine/SearchEngine.js', import.meta.url).href);
export const { parseSearchParams } = await import(new URL('../../plugins/search/dist/backend/service/queryParams.js', import.meta.url).href);
export const knownTypes = new Set(['software-catalog', 'techdocs']);

/** The connection (a pg client) and an engine whose every statement runs on it. */
export async function engineOnOneConnection(engineOptions) {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_SEARCH_DB_URL ?? `postgresql://${process.env.USER ?? 'root'}@localhost/atrium_search_bench?host=/var/run/postgresql`, max: 1, options: '-c jit=off' });
  const client = withPreparedStatements(await pool.connect());
  // One connection for every statement: the engine's releases are not passed on.
  const kept = new Proxy(client, { get: (t, k) => (k === 'release' ? () => {} : typeof t[k] === 'function' ? t[k].bind(t) : t[k]) });
  const db = new Kysely({ dialect: new PostgresDialect({ pool: { connect: async () => kept, end: async () => {} } }) }).withSchema('search');
  return { client, pool, engine: new SearchEngine(db, 'search', engineOptions) };
}

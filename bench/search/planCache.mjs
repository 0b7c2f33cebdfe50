// Whether the engine's prepared statements run on their generic plan or are planned again at every
// execution, per query shape of the benchmark mix, on the database search.bench.mjs leaves behind:
// `node bench/search/planCache.mjs [query strings…]`. Each shape runs 12 times on one connection with the
// backend's PREPARE wrapper; g/c are the generic and custom plans the shape's statements used
// (pg_prepared_statements). BENCH_SEARCH_ENGINE=<module URL> measures another build of the engine.
import { queryMix } from './corpus.mjs';
import { engineOnOneConnection, knownTypes, parseSearchParams } from './engineOnOneConnection.mjs';
const { client, pool, engine } = await engineOnOneConnection({ resultCacheMs: 0 });
const counts = async () => new Map((await client.query('select name, generic_plans as g, custom_plans as c from pg_prepared_statements')).rows.map((r) => [r.name, r]));
for (const shape of process.argv.length > 2 ? process.argv.slice(2) : queryMix(Number(process.env.BENCH_SEARCH_ENTITIES ?? 100_000))) {
  const p = parseSearchParams(Object.fromEntries(new URLSearchParams(shape)), { maxTermLength: 100, knownTypes });
  const before = await counts();
  const t0 = performance.now();
  for (let i = 0; i < 12; i++) await engine.query({ ...p, page: 0 });
  const ms = (performance.now() - t0) / 12;
  const used = [...(await counts()).entries()].map(([name, r]) => {
    const b = before.get(name) ?? { g: 0, c: 0 };
    return { name, g: Number(r.g) - Number(b.g), c: Number(r.c) - Number(b.c) };
  }).filter((u) => u.g + u.c > 0);
  console.log(`${ms.toFixed(1).padStart(6)} ms  ${decodeURIComponent(shape).padEnd(60)} ${used.map((u) => `${u.name.slice(7, 13)} g${u.g}/c${u.c}`).join('  ')}`);
}
client.release();
await pool.end();

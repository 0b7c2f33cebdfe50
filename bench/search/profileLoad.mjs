// A CPU profile of the portal (and, with `self`, of this load generator) under the fresh-query load of
// search.bench.mjs, on the database it leaves behind: `node bench/search/profileLoad.mjs [self]`.
// CONNS=10 connections, DURATION=20 s; profiles go to PROFILE_DIR (default /tmp/atrium-search-profile),
// one .cpuprofile per process (open them in Chrome's DevTools). The portal's profile is started and
// stopped by signals around the load run, so start-up and warm-up stay out of it. Node does not allow
// --cpu-prof in NODE_OPTIONS, hence the preloaded module. Under a saturated machine the time a sample
// shows in a system call (writev) includes waiting for the core: the woken reader runs first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startPortal, writeConfig } from '../lib.mjs';
import { queryMix } from './corpus.mjs';

const dir = process.env.PROFILE_DIR ?? '/tmp/atrium-search-profile';
mkdirSync(dir, { recursive: true });
const preload = join(dir, 'preload.mjs');
writeFileSync(preload, `import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
const s = new Session(); s.connect();
let on = false;
process.on('SIGUSR2', () => {
  if (!on) { s.post('Profiler.enable'); s.post('Profiler.setSamplingInterval', { interval: 200 }); s.post('Profiler.start'); on = true; return; }
  s.post('Profiler.stop', (err, r) => { if (!err) writeFileSync(${JSON.stringify(dir)} + '/portal-' + process.pid + '.cpuprofile', JSON.stringify(r.profile)); on = false; });
});
`);
const db = process.env.BENCH_SEARCH_DB ?? 'atrium_search_bench';
const connection = `postgresql://${process.env.USER ?? 'root'}@localhost/${db}?host=/var/run/postgresql`;
const config = writeConfig(`backend:\n  database:\n    client: pg\n    connection: ${connection}\n  log:\n    level: warn\n` +
  'search:\n  collators:\n    catalog: { schedule: { frequency: { hours: 24 }, initialDelay: 0 } }\n    techdocs: { schedule: { frequency: { hours: 24 }, initialDelay: 0 } }\n');
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`;
const portal = await startPortal({ config, port: 7321 });
delete process.env.NODE_OPTIONS;
try {
  const token = (await (await fetch(`${portal.url}/api/auth/guest/token`, { method: 'POST' })).json()).token;
  const headers = { authorization: `Bearer ${token}` };
  // The start-up reindex is scheduled a day away; give the catalog's own first writes time to settle.
  await new Promise((r) => setTimeout(r, 5000));
  const requests = queryMix(Number(process.env.BENCH_SEARCH_ENTITIES ?? 100_000)).map((q) => ({ method: 'GET', path: `/api/search/query?${q}` }));
  for (const r of requests) await fetch(`${portal.url}${r.path}`, { headers });
  const self = process.argv.includes('self') ? new Session() : undefined;
  self?.connect();
  self?.post('Profiler.enable');
  self?.post('Profiler.start');
  process.kill(portal.pid, 'SIGUSR2');
  const cpu0 = process.cpuUsage();
  const result = await autocannon({ url: portal.url, headers: { ...headers, 'cache-control': 'no-cache' },
    connections: Number(process.env.CONNS ?? 10), duration: Number(process.env.DURATION ?? 20), requests });
  const cpu = process.cpuUsage(cpu0);
  process.kill(portal.pid, 'SIGUSR2');
  if (self) {
    await new Promise((done) => self.post('Profiler.stop', (err, r) => {
      if (!err) writeFileSync(join(dir, `loadgen-${process.pid}.cpuprofile`), JSON.stringify(r.profile));
      done();
    }));
  }
  console.log(`${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
    `load generator CPU ${((cpu.user + cpu.system) / 1000 / result.requests.total).toFixed(2)} ms per request; profiles in ${dir}`);
  await new Promise((r) => setTimeout(r, 1500)); // the portal writes its profile
} finally {
  await portal.stop();
}

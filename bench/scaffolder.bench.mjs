// A software template whose skeleton has 200 files (names and contents templated), run as a real
// task on the built portal: POST /v2/tasks until the `completion` event arrives on the event stream.
// The template has no publish step, so the figure excludes the push, as the target says (< 2 s).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, startPortal, writeConfig } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FILES = 200;
const PORT = 7301;

function writeTemplate(dir) {
  const skeleton = join(dir, 'skeleton');
  for (let i = 0; i < FILES; i++) {
    const folder = join(skeleton, `pkg-${i % 10}`, '${{ values.name }}');
    mkdirSync(folder, { recursive: true });
    const body = Array.from({ length: 40 }, (_, l) => `// line ${l} of \${{ values.name }} (\${{ values.owner | upper }})`).join('\n');
    writeFileSync(join(folder, `file-${i}.ts`), `${body}\n{% if values.flag %}export const flag = true;{% endif %}\n`);
  }
  writeFileSync(join(dir, 'template.yaml'), `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: bench-200-files
spec:
  type: service
  parameters:
    - properties:
        name: { type: string }
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
          owner: platform
          flag: true
    - id: check
      action: debug:log
      input:
        message: rendered \${{ parameters.name }}
`);
}

async function runTask(url, headers, name) {
  const t0 = performance.now();
  const r = await fetch(`${url}/api/scaffolder/v2/tasks`, { method: 'POST', headers, body: JSON.stringify({ templateRef: 'template:default/bench-200-files', values: { name } }) });
  if (r.status !== 201) throw new Error(`POST /v2/tasks answered ${r.status}: ${await r.text()}`);
  const { id } = await r.json();
  const stream = await fetch(`${url}/api/scaffolder/v2/tasks/${id}/eventstream`, { headers });
  const text = await stream.text(); // the server closes the stream after `completion`
  const ms = performance.now() - t0;
  const events = text.split('\n\n').filter((f) => f.includes('data:')).map((f) => JSON.parse(/data: (.*)/.exec(f)[1]));
  const done = events.at(-1);
  if (done?.body.status !== 'completed') throw new Error(`task ${id} ended ${done?.body.status}: ${done?.body.message}`);
  if (!events.some((e) => /Rendered 200 files/.test(e.body.message))) throw new Error('the skeleton did not render 200 files');
  const server = Date.parse(done.createdAt) - Date.parse(events[0].createdAt);
  return { ms, server };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-template-'));
  writeTemplate(dir);
  const config = writeConfig(`backend:\n  database:\n    client: pglite\n    connection: ':memory:'\n  log:\n    level: warn\ncatalog:\n  locations:\n    - type: file\n      target: ${join(dir, 'template.yaml')}\n`);
  const p = await startPortal({ config, port: PORT });
  try {
    const { token } = await (await fetch(`${p.url}/api/auth/guest/token`, { method: 'POST' })).json();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${p.url}/api/catalog/entities/by-name/template/default/bench-200-files`, { headers })).ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await runTask(p.url, headers, 'warm-up');
    const wall = [], server = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runTask(p.url, headers, `svc-${i}`);
      wall.push(r.ms);
      server.push(r.server);
    }
    console.log(`task with a ${FILES}-file skeleton (fetch:template + debug:log, no push), embedded PGlite: ` +
      `request to completion median ${median(wall).toFixed(0)} ms (runs: ${wall.map((t) => t.toFixed(0)).join(', ')}); ` +
      `first step to completion median ${median(server).toFixed(0)} ms`);
  } finally {
    await p.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

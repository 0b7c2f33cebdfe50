#!/usr/bin/env node
// `npm run bench`: runs every benchmark under bench/ (or those named: `npm run bench -- startup`)
// and prints medians. Needs a build (`npm run build`) and, for the PostgreSQL figures, the local server.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort()
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));
for (const file of benches) {
  console.log(`\n### ${file}`);
  const mod = await import(new URL(file, import.meta.url).href);
  await mod.run();
}

// The shell's initial JavaScript: what index.html loads before any page's lazy chunk, gzipped.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { root } from './lib.mjs';

export async function run() {
  const build = join(root, 'apps/portal/build');
  const index = join(build, 'index.html');
  if (!existsSync(index)) throw new Error('apps/portal/build is missing; run "npm run build"');
  const html = readFileSync(index, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0, gz = 0;
  for (const f of new Set(files)) {
    const buf = readFileSync(join(build, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  console.log(`initial JS of the shell: ${(gz / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw) in ${new Set(files).size} files`);
}

// The shell's initial JavaScript: what index.html loads before any page's lazy chunk, gzipped; and the
// catalog plugin's own lazy chunks, attributed from the build's source maps.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { root } from './lib.mjs';

// BENCH_APP_DIR: measure another app folder's build (see catalog-ui.bench.mjs).
const build = process.env.BENCH_APP_DIR ? join(process.env.BENCH_APP_DIR, 'build') : join(root, 'apps/portal/build');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function requireBuild() {
  if (!existsSync(join(build, 'index.html'))) throw new Error('apps/portal/build is missing; run "npm run build"');
}

const staticImports = (file) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]);

/** Every chunk a chunk pulls in statically, itself included. */
function closure(assets, start) {
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f) || !existsSync(join(assets, f))) return;
    seen.add(f);
    staticImports(join(assets, f)).forEach(visit);
  };
  visit(start);
  return seen;
}

/**
 * The catalog plugin's own lazy chunks (every source in plugins/catalog/src/frontend), and what opening
 * the relation graph tab downloads beyond what the shell already has: its chunk with xyflow, and ELK.
 */
export function catalogBundle() {
  requireBuild();
  const assets = join(build, 'assets');
  const html = readFileSync(join(build, 'index.html'), 'utf8');
  const shell = new Set([...html.matchAll(/assets\/([^"]+\.js)"/g)].flatMap((m) => [...closure(assets, m[1])]));
  let own = 0, ownFiles = 0, graphEntry;
  for (const f of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
    const mapFile = join(assets, `${f}.map`);
    if (!existsSync(mapFile)) continue;
    const sources = JSON.parse(readFileSync(mapFile, 'utf8')).sources ?? [];
    const catalog = sources.filter((s) => s.includes('plugins/catalog/src/frontend/'));
    if (catalog.length === 0) continue;
    if (catalog.some((s) => s.includes('/graph/EntityGraphTab'))) graphEntry = f;
    else if (catalog.length === sources.length) { own += gz(join(assets, f)); ownFiles++; }
  }
  // The graph's layout engine is imported dynamically by ELK's own loader in some builds: count it too.
  const graphFiles = graphEntry ? [...closure(assets, graphEntry)].filter((f) => !shell.has(f)) : [];
  const elk = readdirSync(assets).filter((n) => /^elk\.bundled-.*\.js$/.test(n) && !graphFiles.includes(n));
  const graph = [...graphFiles, ...elk].reduce((sum, f) => sum + gz(join(assets, f)), 0);
  return { ownKb: own / 1024, ownFiles, graphKb: graph / 1024, graphFiles: graphFiles.length + elk.length };
}

export async function run() {
  requireBuild();
  const html = readFileSync(join(build, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0, zipped = 0;
  for (const f of new Set(files)) {
    raw += readFileSync(join(build, f)).length;
    zipped += gz(join(build, f));
  }
  console.log(`initial JS of the shell: ${(zipped / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw) in ${new Set(files).size} files`);
  const catalog = catalogBundle();
  console.log(`catalog plugin's own lazy JS: ${catalog.ownKb.toFixed(1)} KB gzipped in ${catalog.ownFiles} chunks; opening the relation graph tab adds ${catalog.graphKb.toFixed(1)} KB gzipped (xyflow, d3 parts and ELK, ${catalog.graphFiles} chunks)`);
}

// Bundles the docs commands (dist/commands/docs.js and the builder it imports) into dist/docs.cjs, one
// CommonJS file that `atrium docs build` runs with V8's code cache (src/codeCache.ts), and writes
// dist/docs.cjs.inputs.json: the files it was made of, so the CLI ignores a bundle older than them.
// Run by `npm run build` after `tsc -b`; reads the compiled JavaScript, not the TypeScript.
import { statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const outfile = join(dist, 'docs.cjs');
const result = await build({
  entryPoints: [join(dist, 'commands/docs.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The builder finds prismjs, sanitize-html and its own files from import.meta.url: here, the bundle.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
const inputs = Object.keys(result.metafile.inputs).map((p) => {
  const s = statSync(resolve(p));
  return [relative(dist, resolve(p)), s.size, s.mtimeMs];
});
writeFileSync(`${outfile}.inputs.json`, JSON.stringify({ inputs }));
console.log(`bundled ${inputs.length} files into ${relative(process.cwd(), outfile)}`);

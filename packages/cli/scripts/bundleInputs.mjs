// Writes `<bundle>.inputs.json` beside a bundle: its hash and the files it was made of, relative to it,
// with their sizes and modification times (src/codeCache.ts's currentBundleVersion reads it back).
import { createHash } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * The CLI stats these on every run, so a library counts once, by its package.json (npm writes every
 * file of a package it installs, that one included): 210 files were ~5 ms of a docs build, ~40 are
 * ~1 ms. The hash names the bundle's code cache without the CLI hashing the bundle each run.
 * `skip`: inputs that are not files (plugins' virtual modules), by path.
 */
export function writeBundleInputs(outfile, text, metafile, skip = () => false) {
  const outDir = dirname(outfile);
  const inputs = [...new Set(Object.keys(metafile.inputs).filter((p) => !/^atrium-[\w-]+:/.test(p) && !skip(p)).map((p) => {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(p);
    return resolve(m ? `${m[1]}/package.json` : p);
  }))].map((p) => {
    const s = statSync(p);
    return [relative(outDir, p), s.size, s.mtimeMs];
  });
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 24);
  writeFileSync(`${outfile}.inputs.json`, JSON.stringify({ hash, inputs }));
  console.log(`bundled ${Object.keys(metafile.inputs).length} files into ${relative(process.cwd(), outfile)}`);
}

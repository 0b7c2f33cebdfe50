// Bundles an app's backend (the module its package.json names under "atrium.backend", with every
// plugin, the framework and the libraries they import) into one CommonJS file beside that module,
// `index.bundle.cjs` for `dist/backend/index.js`, which `atrium start` runs with V8's code cache
// (src/commands/loadAppBackend.ts, ADR 0012), and writes `<bundle>.inputs.json`: the files it was made
// of (a library by its package.json), so the CLI ignores a bundle older than them, and its hash.
// Run by `npm run build` after `tsc -b` (default app: apps/portal); reads the compiled JavaScript.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeBundleInputs } from './bundleInputs.mjs';

const appDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../../apps/portal'));
const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')).atrium;
const entry = join(appDir, manifest.backend);
const outfile = entry.replace(/\.js$/, '.bundle.cjs');
const outDir = dirname(outfile);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const result = await build({
  // The app's features and the kernel that starts them, from one copy of @atrium/backend.
  stdin: {
    contents: `export { features } from ${JSON.stringify(entry)};\nexport { createBackend } from '@atrium/backend';\n`,
    resolveDir: appDir,
    sourcefile: 'atrium-start-entry.js',
    loader: 'js',
  },
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Each bundled file's location, relative to the bundle, so `import.meta.url` and `__dirname` stay theirs.
  // (Helpers, not require calls in the files: a module may bind `require` itself, from createRequire.)
  banner: { js: "const __atriumPath = (file) => require('node:path').join(__dirname, file);\nconst __atriumUrl = (file) => require('node:url').pathToFileURL(__atriumPath(file)).href;\nconst __atriumDir = (file) => require('node:path').dirname(__atriumPath(file));" },
  plugins: [ownLocations(), builtinDynamicImports(), nativeAddonsBeside()],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
if (result.warnings.some((w) => /import\.meta/.test(w.text))) throw new Error('a bundled file uses import.meta beyond import.meta.url; see the warnings above');
const text = readFileSync(outfile, 'utf8');
// vm.Script (src/codeCache.ts) has no module loader: an import() left in the bundle would throw when reached.
// (A bare or computed specifier; `import('../x')` only appears in bundled files' type comments.)
const leftImport = /(?<![\w$.`])import\(\s*(?:["'][^."']|[\w$])/.exec(text);
if (leftImport) throw new Error(`the bundle still calls import() at ${text.slice(leftImport.index, leftImport.index + 80)}`);

// The framework's and plugins' own files count each, a library by its package.json (bundleInputs.mjs).
writeBundleInputs(outfile, text, result.metafile, (p) => p.endsWith('atrium-start-entry.js'));

/**
 * Every file keeps its own location: `import.meta.url` (how the catalog's parsing thread and the
 * techdocs render pool find their workers, PGlite its WebAssembly, the scaffolder nunjucks) and a
 * CommonJS file's `__dirname` and `__filename` (@fastify/swagger reads its package.json, pino finds
 * its transport worker) name the original file, relative to wherever the bundle is, not the bundle.
 */
function ownLocations() {
  return {
    name: 'atrium-own-locations',
    setup(b) {
      b.onLoad({ filter: /\.(?:c|m)?js$/ }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        const rel = JSON.stringify(relative(outDir, args.path));
        if (contents.includes('import.meta.url')) contents = contents.replaceAll('import.meta.url', `__atriumUrl(${rel})`);
        // (Not where a file defines them itself, as ES modules often do from import.meta.url.)
        if (/\b__(?:dirname|filename)\b/.test(contents) && !/\b(?:const|let|var|function)\s+__(?:dirname|filename)\b/.test(contents)) {
          // After the directive prologue, so a 'use strict' file stays strict.
          const prologue = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/|#![^\n]*\n|(['"])use strict\1;?)*/.exec(contents)[0];
          contents = `${prologue}\nvar __filename = __atriumPath(${rel}), __dirname = __atriumDir(${rel});\n${contents.slice(prologue.length)}`;
        }
        return { contents, loader: 'js' };
      });
    },
  };
}

/** `await import('node:fs')` (PGlite has a few) becomes a require of it: vm.Script has no import(). */
function builtinDynamicImports() {
  return {
    name: 'atrium-builtin-dynamic-imports',
    setup(b) {
      b.onResolve({ filter: /^[\w:/]+$/ }, (args) => (args.kind === 'dynamic-import' && builtins.has(args.path) ? { path: args.path, namespace: 'atrium-builtin' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'atrium-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/**
 * A native addon (isolated-vm, for the scaffolder's templates) cannot be bundled: it is required from
 * where it is installed, by a path relative to the bundle, as the plugin's own import found it.
 */
function nativeAddonsBeside() {
  const addons = new Set(['isolated-vm']);
  return {
    name: 'atrium-native-addons-beside',
    setup(b) {
      b.onResolve({ filter: /^[\w@][\w@/.-]*$/ }, async (args) => {
        if (!addons.has(args.path) || args.pluginData?.resolving) return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        if (found.errors.length) return { errors: found.errors };
        return { path: `./${relative(outDir, found.path)}`, external: true };
      });
    },
  };
}

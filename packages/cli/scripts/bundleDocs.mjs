// Bundles the docs commands (dist/commands/docs.js and the builder it imports) into dist/docs.cjs, one
// CommonJS file that `atrium docs build` runs with V8's code cache (src/codeCache.ts), and writes
// dist/docs.cjs.inputs.json: the files it was made of (a library by its package.json), so the CLI ignores a
// bundle older than them, and the bundle's hash.
// Run by `npm run build` after `tsc -b`; reads the compiled JavaScript, not the TypeScript.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeBundleInputs } from './bundleInputs.mjs';

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
  plugins: [prismInside(), withoutRenderPool(), oneMarkdownIt()],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
// esbuild escapes non-ASCII characters in strings but leaves those in regular expressions and kept
// comments (Prism's grammars have ~90 lines of them). One such character makes the whole 2 MB file a
// two-byte string in V8: decoding it took ~7 ms against ~4 ms as ASCII. As \u escapes they mean the
// same in a regular expression (a surrogate pair is one code point under the u flag), a string or an
// identifier, and nothing in a comment; a test compares the bundle's pages with the modules'.
const text = readFileSync(outfile, 'utf8');
// A character escaped by a backslash (\é, an identity escape) is the same character: that backslash goes.
const escaped = text.replace(/(\\*)([^\0-\x7f])/g, (_m, slashes, c) => `${slashes.slice(slashes.length % 2)}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(outfile, escaped);
writeBundleInputs(outfile, escaped, result.metafile);

/**
 * The builder loads Prism through `prismFiles.js` (its core, its component list, its grammar loader)
 * from node_modules; here that module is replaced by one holding them inside the bundle, each grammar
 * as a function that runs its file's code (Prism's loader runs a grammar again when one it extends is
 * reloaded), so a build's grammars come with the bundle's code cache instead of being resolved, read
 * and compiled from ~10 files on every run. The loader is Prism's (components/index.js) with a call
 * instead of a require. The inputs list names prism.js, components.js and dependencies.js, which
 * every prismjs release changes, not the 300 grammar files (stat-ing them would cost each run ~2 ms).
 */
function prismInside() {
  const prismDir = dirname(createRequire(import.meta.url).resolve('prismjs/package.json'));
  return {
    name: 'atrium-prism-inside',
    setup(b) {
      b.onResolve({ filter: /^\.\/prismFiles\.js$/ }, () => ({ path: 'prism-files', namespace: 'atrium-prism' }));
      b.onLoad({ filter: /.*/, namespace: 'atrium-prism' }, () => {
        const components = createRequire(import.meta.url)('prismjs/components.js');
        const grammars = [];
        const watchFiles = [];
        for (const id of Object.keys(components.languages)) {
          if (id === 'meta') continue;
          const file = join(prismDir, 'components', `prism-${id}.js`);
          if (!existsSync(file)) throw new Error(`prismjs has no grammar file for "${id}" (${file})`);
          watchFiles.push(file);
          grammars.push(`  ${JSON.stringify(id)}: function () {\n${readFileSync(file, 'utf8')}\n},`);
        }
        // The grammars' `Prism` is the bundle's own core, not whichever copy last set the global.
        const contents = `const Prism = require('prismjs');
const components = require('prismjs/components.js');
const getLoader = require('prismjs/dependencies.js');
const grammars = {
${grammars.join('\n')}
};
const loadedLanguages = new Set();
function loadLanguages(languages) {
  if (!Array.isArray(languages)) languages = [languages];
  const loaded = [...loadedLanguages, ...Object.keys(Prism.languages)];
  getLoader(components, languages, loaded).load((lang) => {
    if (!(lang in components.languages)) return;
    delete Prism.languages[lang];
    grammars[lang]();
    loadedLanguages.add(lang);
  });
}
loadLanguages.silent = false;
module.exports.prismFiles = { core: () => Prism, components: () => components, loadLanguages: () => loadLanguages };
`;
        return { contents, loader: 'js', resolveDir: prismDir, watchFiles };
      });
    },
  };
}

/**
 * `atrium docs build` renders on its own thread (commands/docs.ts), so the portal's render pool, which
 * the builder's index exports, is never used here; marked free of side effects, esbuild leaves it and
 * tinypool out, and with them node:assert, node:async_hooks and node:perf_hooks, which tinypool
 * loaded at start (~4 ms of a build).
 */
function withoutRenderPool() {
  return {
    name: 'atrium-without-render-pool',
    setup(b) {
      b.onResolve({ filter: /^(?:\.\/renderPool\.js|tinypool)$/ }, async (args) => {
        if (args.pluginData?.resolving) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        return { ...resolved, sideEffects: false };
      });
    },
  };
}

/**
 * markdown-it-attrs (CommonJS) requires markdown-it's CommonJS build, a second copy of markdown-it
 * with its own mdurl, uc.micro, linkify-it and punycode, only to make one throwaway instance when the
 * plugin is set up. Here it gets the ES module the builder uses (the same version, pinned by the
 * overrides): its module code no longer runs at every start (~5 ms of a build) and the bundle is ~200 KB smaller.
 */
function oneMarkdownIt() {
  const builder = join(dist, '../../../plugins/techdocs/dist/backend/builder');
  return {
    name: 'atrium-one-markdown-it',
    setup(b) {
      b.onResolve({ filter: /^markdown-it$/ }, (args) => (/[/\\]markdown-it-attrs[/\\]/.test(args.importer) ? { path: 'markdown-it', namespace: 'atrium-markdown-it' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'atrium-markdown-it' }, async () => {
        const esm = await b.resolve('markdown-it', { kind: 'import-statement', resolveDir: builder });
        if (esm.errors.length || !esm.path.endsWith('.mjs')) throw new Error(`markdown-it's ES module not found from ${builder}: ${esm.path}`);
        return { contents: `module.exports = require(${JSON.stringify(esm.path)}).default;`, loader: 'js', resolveDir: builder };
      });
    },
  };
}

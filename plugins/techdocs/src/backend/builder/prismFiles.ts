import { createRequire } from 'node:module';

/**
 * Prism's files, loaded when a build first needs them: its core, its list of components and its
 * grammar loader (`loadLanguages`, which orders dependencies and reloads grammars others extend).
 * The CLI's bundle replaces this module with one holding the same files inside the bundle
 * (`packages/cli/scripts/bundleDocs.mjs`), so they come with its code cache instead of being resolved,
 * read and compiled on every run.
 */
const require = createRequire(import.meta.url);

export const prismFiles = {
  core: (): unknown => require('prismjs'),
  components: (): unknown => require('prismjs/components.json'),
  loadLanguages: (): unknown => require('prismjs/components/index.js'),
};

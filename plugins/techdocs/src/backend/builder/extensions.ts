import type { BuildWarning } from '@atrium/plugin-techdocs/common';
import type { MkDocsConfig } from './mkdocsConfig.js';

// Markdown extensions whose syntax this builder renders (techdocs-core turns these on).
const SUPPORTED_EXTENSIONS = new Set([
  'toc', 'admonition', 'attr_list', 'def_list', 'footnotes', 'abbr', 'tables', 'fenced_code', 'codehilite', 'meta',
  'sane_lists', 'nl2br', 'extra', 'pymdownx.extra', 'pymdownx.details', 'pymdownx.tabbed', 'pymdownx.superfences',
  'pymdownx.highlight', 'pymdownx.inlinehilite', 'pymdownx.tasklist', 'pymdownx.tilde', 'pymdownx.betterem',
  'pymdownx.saneheaders', 'pymdownx.emoji', 'pymdownx.snippets', 'mdx_truly_sane_lists', 'markdown.extensions.toc', 'markdown.extensions.admonition',
  'markdown.extensions.tables', 'markdown.extensions.attr_list', 'markdown.extensions.def_list', 'markdown.extensions.footnotes',
]);

// Plugins that only affect what this builder does natively (search, the techdocs-core defaults) or the theme.
const HARMLESS_PLUGINS = new Set(['techdocs-core', 'search', 'material/search', 'tags', 'social', 'offline', 'minify', 'git-revision-date-localized', 'section-index', 'awesome-pages']);

/** One warning per markdown extension or plugin the build does not run, naming mkdocs.yml and its line. */
export function configWarnings(config: MkDocsConfig): BuildWarning[] {
  const warnings: BuildWarning[] = [];
  for (const e of config.markdownExtensions) {
    if (!SUPPORTED_EXTENSIONS.has(e.name)) {
      warnings.push({ file: config.file, line: e.line, message: `markdown extension "${e.name}" is not supported: its syntax is shown as plain text` });
    }
  }
  for (const p of config.plugins) {
    if (!HARMLESS_PLUGINS.has(p.name)) {
      warnings.push({ file: config.file, line: p.line, message: `plugin "${p.name}" is ignored: the site is built without it` });
    }
  }
  return warnings;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8', svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', ico: 'image/x-icon', txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8', pdf: 'application/pdf', woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf',
  mp4: 'video/mp4', webm: 'video/webm', xml: 'application/xml', yaml: 'text/yaml; charset=utf-8', yml: 'text/yaml; charset=utf-8',
  csv: 'text/csv; charset=utf-8', zip: 'application/zip',
};

export function contentTypeFor(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

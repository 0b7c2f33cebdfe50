import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { DocsBuildError } from './errors.js';
import { normalizeRelative } from './paths.js';

/** A nav entry as written in mkdocs.yml, with the line it is on. */
export type RawNavEntry =
  | { kind: 'page'; title?: string; target: string; line: number }
  | { kind: 'section'; title: string; children: RawNavEntry[]; line: number };

export interface MkDocsConfig {
  file: string;
  siteName: string;
  siteDescription?: string;
  docsDir: string;
  repoUrl?: string;
  editUri?: string;
  nav?: RawNavEntry[];
  markdownExtensions: Array<{ name: string; line: number }>;
  plugins: Array<{ name: string; line: number }>;
  useDirectoryUrls: boolean;
}

interface CheckedSettings {
  site_name: string;
  site_description?: string;
  docs_dir?: string;
  repo_url?: string;
  edit_uri?: string;
  use_directory_urls?: boolean;
}

// The settings the builder reads, checked by hand: a schema library for six fields cost the CLI's
// `docs build` the loading of ~90 modules (ADR 0010). Returns the first problem, with its key.
function checkSettings(c: Record<string, unknown>): CheckedSettings | { key: string; message: string } {
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (typeof c.site_name !== 'string') return { key: 'site_name', message: 'site_name is required: the title of the site' };
  if (!c.site_name) return { key: 'site_name', message: 'site_name must not be empty' };
  for (const key of ['site_description', 'docs_dir', 'repo_url', 'edit_uri'] as const) {
    if (c[key] !== undefined && typeof c[key] !== 'string') return { key, message: `expected a string, got ${typeOf(c[key])}` };
  }
  if (c.repo_url !== undefined && !URL.canParse(c.repo_url as string)) return { key: 'repo_url', message: 'repo_url must be an absolute URL' };
  if (c.use_directory_urls !== undefined && typeof c.use_directory_urls !== 'boolean') return { key: 'use_directory_urls', message: `expected true or false, got ${typeOf(c.use_directory_urls)}` };
  return c as unknown as CheckedSettings;
}

/** The config file names MkDocs looks for; Backstage looks the `.yaml` spelling up first. */
export const CONFIG_FILE_NAMES = ['mkdocs.yaml', 'mkdocs.yml'];

/**
 * Reads mkdocs.yml. Unknown tags (`!ENV`, `!!python/name:...`) only make the yaml library warn and
 * keep the plain value, which is what we want: they configure things a native builder does not run.
 */
export function parseMkDocsConfig(text: string, file: string): MkDocsConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const firstError = doc.errors[0];
  if (firstError) throw new DocsBuildError(`invalid YAML: ${firstError.message.split('\n')[0]}`, file, lineCounter.linePos(firstError.pos[0]).line);
  const root = doc.contents;
  if (!isMap(root)) throw new DocsBuildError('expected a mapping of settings such as site_name and nav', file, 1);
  const checked = checkSettings(doc.toJS() as Record<string, unknown>);
  if ('message' in checked) {
    const node = root.get(checked.key, true);
    const line = node ? lineOf(node as Node) : 1;
    throw new DocsBuildError(`${checked.key}: ${checked.message}`, file, line);
  }
  const c = checked;
  const docsDir = c.docs_dir ?? 'docs';
  const safeDocsDir = normalizeRelative(docsDir);
  if (safeDocsDir === undefined || docsDir.startsWith('/')) {
    throw new DocsBuildError(`docs_dir "${docsDir}" must be a folder inside the source, not an absolute path or one going up with ..`, file, lineOf(root.get('docs_dir', true) as Node));
  }
  const namesOf = (key: string) => {
    const node = root.get(key, true);
    if (!isSeq(node)) return [];
    return node.items.map((item) => {
      const name = isScalar(item) ? String(item.value) : isMap(item) ? String((item.items[0]?.key as { value?: unknown } | undefined)?.value ?? '') : '';
      return { name, line: lineOf(item as Node) };
    }).filter((e) => e.name);
  };
  const navNode = root.get('nav', true);
  return {
    file,
    siteName: c.site_name,
    siteDescription: c.site_description,
    docsDir: safeDocsDir,
    repoUrl: c.repo_url,
    editUri: c.edit_uri,
    nav: navNode === undefined ? undefined : parseNav(navNode as Node, file, lineOf),
    markdownExtensions: namesOf('markdown_extensions'),
    plugins: namesOf('plugins'),
    useDirectoryUrls: c.use_directory_urls ?? true,
  };
}

function parseNav(node: Node, file: string, lineOf: (n: Node) => number): RawNavEntry[] {
  if (!isSeq(node)) throw new DocsBuildError('nav must be a list of pages and sections', file, lineOf(node));
  return node.items.map((item) => {
    const line = lineOf(item as Node);
    if (isScalar(item)) return { kind: 'page', target: String(item.value), line };
    if (isMap(item) && item.items.length === 1) {
      const pair = item.items[0]!;
      const title = String((pair.key as { value?: unknown }).value);
      const value = pair.value as Node | null;
      if (isScalar(value)) return { kind: 'page', title, target: String(value.value), line };
      if (isSeq(value)) return { kind: 'section', title, children: parseNav(value, file, lineOf), line };
    }
    throw new DocsBuildError('each nav entry must be "page.md", "Title: page.md" or "Section: [entries]"', file, line);
  });
}

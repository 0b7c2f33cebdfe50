import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
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

const configSchema = z.object({
  site_name: z.string({ error: 'site_name is required: the title of the site' }).min(1, 'site_name must not be empty'),
  site_description: z.string().optional(),
  docs_dir: z.string().optional(),
  repo_url: z.url({ error: 'repo_url must be an absolute URL' }).optional(),
  edit_uri: z.string().optional(),
  use_directory_urls: z.boolean().optional(),
}).loose();

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
  const parsed = configSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const node = key ? root.get(key, true) : undefined;
    const line = node ? lineOf(node as Node) : 1;
    throw new DocsBuildError(`${key ? `${key}: ` : ''}${issue.message}`, file, line);
  }
  const c = parsed.data;
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

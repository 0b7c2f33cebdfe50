import { normalizeRelative } from './paths.js';

/**
 * pymdownx.snippets: `--8<-- "file.md"` (or a block of file names between two `--8<--` lines) is
 * replaced by that file's lines, indented like the marker, before the page is parsed, inside code
 * fences too. `file.md:3:7` takes lines 3 to 7, `file.md:name` the lines between
 * `--8<-- [start:name]` and `--8<-- [end:name]`; `;--8<--` is a literal marker. Paths are relative to
 * the folder of mkdocs.yml (the extension's default base path) and may not leave it; URLs are not
 * fetched. Snippets may include snippets, up to a few levels.
 */
const SINGLE = /^([ \t]*)(;?)--8<--[ \t]+(["'])(.+?)\3[ \t]*$/;
const BLOCK = /^([ \t]*)(;?)--8<--[ \t]*$/;
const SECTION_MARK = /--8<--[ \t]*\[(?:start|end):[\w-]+\]/;
const MAX_DEPTH = 4;

export type ReadSource = (path: string) => Promise<string | undefined>;

export async function expandSnippets(text: string, read: ReadSource, warn: (message: string, line?: number) => void, depth = 0, seen: string[] = []): Promise<string> {
  if (!text.includes('--8<--')) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const single = SINGLE.exec(line);
    const block = single ? undefined : BLOCK.exec(line);
    if (!single && !block) {
      if (!SECTION_MARK.test(line)) out.push(line);
      continue;
    }
    const [, indent = '', escaped] = (single ?? block)!;
    if (escaped) { out.push(line.replace(';--8<--', '--8<--')); continue; }
    const specs: Array<{ spec: string; line: number }> = [];
    if (single) specs.push({ spec: single[4]!, line: i + 1 });
    else {
      const end = lines.findIndex((l, j) => j > i && BLOCK.test(l));
      if (end < 0) { out.push(line); continue; }
      for (let j = i + 1; j < end; j++) {
        const s = lines[j]!.trim();
        if (s && !s.startsWith(';')) specs.push({ spec: s, line: j + 1 });
      }
      i = end;
    }
    for (const { spec, line: at } of specs) {
      const included = await snippet(spec, read, (m) => warn(m, depth === 0 ? at : undefined), depth, seen);
      if (included !== undefined) out.push(...included.split('\n').map((l) => (l ? indent + l : l)));
    }
  }
  return out.join('\n');
}

async function snippet(spec: string, read: ReadSource, warn: (message: string) => void, depth: number, seen: string[]): Promise<string | undefined> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) { warn(`snippet "${spec}" is a URL: remote snippets are not fetched`); return undefined; }
  const m = /^(.*?)(?::(\d+)?(?::(\d+))?|:([\w-]+))?$/.exec(spec)!;
  const file = m[1]!;
  const path = normalizeRelative(file);
  if (!path || file.split(/[\\/]/).includes('..')) { warn(`snippet "${file}" is not allowed: snippet paths must stay inside the docs source`); return undefined; }
  if (seen.includes(path) || depth >= MAX_DEPTH) { warn(`snippet "${file}" includes itself (or nests more than ${MAX_DEPTH} deep): left out`); return undefined; }
  const text = await read(path);
  if (text === undefined) { warn(`snippet "${file}" not found: paths are relative to the folder of mkdocs.yml`); return undefined; }
  let lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  if (m[4]) {
    const start = lines.findIndex((l) => new RegExp(`--8<--[ \\t]*\\[start:${m[4]}\\]`).test(l));
    const end = lines.findIndex((l, j) => j > start && new RegExp(`--8<--[ \\t]*\\[end:${m[4]}\\]`).test(l));
    if (start < 0) { warn(`snippet "${spec}": no section "${m[4]}" in ${file}`); return undefined; }
    lines = lines.slice(start + 1, end < 0 ? undefined : end);
  } else if (m[2] || m[3]) {
    const from = Math.max(1, Number(m[2] ?? 1));
    lines = lines.slice(from - 1, m[3] ? Number(m[3]) : undefined);
  }
  return expandSnippets(lines.join('\n'), read, (message) => warn(message), depth + 1, [...seen, path]);
}

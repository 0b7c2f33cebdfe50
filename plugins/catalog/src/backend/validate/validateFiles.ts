import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { createLocalFileProvider, createUrlReaderFromProviders, type Logger } from '@atrium/backend';
import { createEntityValidator, relationsFromSpec, type EntityValidator } from '@atrium/model';
import { entitiesFromDescriptor } from '../ingestion/index.js';

/** One problem in a descriptor file, as `atrium validate` reports it. */
export interface ValidationProblem {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
}

export interface FileValidation {
  file: string;
  entities: number;
  problems: ValidationProblem[];
}

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };

/**
 * Lints descriptor files the way the catalog would read them: YAML syntax, entity shape, placeholders
 * (`$text` etc. relative to the file, within the file's folder tree), field formats, kind schemas and
 * spec references. For CI of the repositories that hold the descriptors.
 */
export async function validateDescriptorFiles(patterns: string[], options: { cwd?: string; validator?: EntityValidator } = {}): Promise<FileValidation[]> {
  const cwd = options.cwd ?? process.cwd();
  const validator = options.validator ?? createEntityValidator();
  const files = await expand(patterns, cwd);
  const results: FileValidation[] = [];
  for (const file of files) {
    const shown = relative(cwd, file) || file;
    const problems: ValidationProblem[] = [];
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      results.push({ file: shown, entities: 0, problems: [{ file: shown, message: `Cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] });
      continue;
    }
    const reader = createUrlReaderFromProviders([createLocalFileProvider({ roots: [dirname(file), cwd] })], silent);
    const url = pathToFileURL(file).href;
    const read = await entitiesFromDescriptor(text, { file: { type: 'file', target: file, url }, originLocation: `file:${file}`, reader });
    for (const e of read.errors) problems.push({ file: shown, line: e.line, column: e.column, field: e.field, message: e.message });
    for (const ingested of read.entities) {
      if (ingested.errors.length > 0) continue; // already reported above
      const result = validator.validateEntity(ingested.entity);
      // A missing field has no line of its own: point at the nearest parent that exists (e.g. `spec:`).
      const lineOf = (field: string) => {
        for (let path = pathOf(field); path.length > 0; path = path.slice(0, -1)) {
          const line = ingested.locate(path)?.line;
          if (line !== undefined) return line;
        }
        return ingested.position.line;
      };
      for (const e of result.errors) problems.push({ file: shown, line: lineOf(e.field), ...(e.field ? { field: e.field } : {}), message: e.message });
      if (result.entity) {
        for (const e of relationsFromSpec(result.entity).errors) problems.push({ file: shown, line: lineOf(e.field), ...(e.field ? { field: e.field } : {}), message: e.message });
      }
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    results.push({ file: shown, entities: read.entities.length, problems });
  }
  return results;
}

/** `spec.targets[1]` → ['spec', 'targets', 1] */
function pathOf(field: string): Array<string | number> {
  return field.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

async function expand(patterns: string[], cwd: string): Promise<string[]> {
  const out = new Set<string>();
  for (const pattern of patterns) {
    if (!/[*?[{]/.test(pattern)) {
      out.add(resolve(cwd, pattern));
      continue;
    }
    const absolute = resolve(cwd, pattern);
    const base = absolute.slice(0, absolute.search(/[*?[{]/)).replace(/[^/]*$/, '');
    const isMatch = picomatch(absolute, { dot: false });
    for (const file of await walk(base)) if (isMatch(file)) out.add(file);
    if (![...out].some((f) => isMatch(f))) throw new Error(`No files match ${pattern}`);
  }
  return [...out].sort();
}

async function walk(dir: string): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(p)));
    else if ((await stat(p)).isFile()) found.push(p);
  }
  return found;
}

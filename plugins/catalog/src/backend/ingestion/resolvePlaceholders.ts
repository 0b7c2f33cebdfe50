import { isAtriumError, type UrlReaderService } from '@atrium/backend';
import { parse as parseYaml } from 'yaml';
import { isAbsoluteUrl, locationUrl, resolveLocationTarget } from './locationRefs.js';
import { replaceNul } from './nulCharacters.js';
import {
  DEFAULT_MAX_DESCRIPTOR_BYTES,
  formatFieldPath,
  isPlainObject,
  type DescriptorError,
  type FieldPath,
  type LocateField,
} from './types.js';

/** Texts read by placeholders, keyed by resolved URL; share one per ingestion run so a file is read once. */
export type PlaceholderReadCache = Map<string, Promise<string>>;

export interface ResolvePlaceholdersOptions {
  /** The descriptor's own URL (or absolute path); relative placeholder targets resolve against its folder. */
  baseUrl: string;
  reader: UrlReaderService;
  /** Lets errors carry the line of the placeholder (from `parseDescriptor`). */
  locate?: LocateField;
  cache?: PlaceholderReadCache;
  /** Largest file a placeholder may embed, in bytes. Default 1 MiB. */
  maxBytes?: number;
}

export interface ResolvePlaceholdersResult {
  /** A copy of the input with every resolvable placeholder replaced; failed ones are left as written. */
  value: unknown;
  errors: DescriptorError[];
}

const PLACEHOLDERS = ['text', 'json', 'yaml'] as const;
type PlaceholderName = (typeof PLACEHOLDERS)[number];

/**
 * JSON Schema keywords that look like placeholders (Templates embed schemas); Backstage leaves
 * them alone, so they are not reported as unknown placeholders.
 */
const JSON_SCHEMA_KEYWORDS = new Set(['$ref', '$schema', '$id', '$comment', '$defs', '$anchor', '$dynamicRef', '$dynamicAnchor']);

/**
 * Backstage's placeholder substitution: an object with exactly one key starting with `$` is replaced
 * by what it points at — `$text` (the file as a string), `$json` / `$yaml` (the file parsed).
 * Targets are absolute URLs or paths relative to the descriptor. Reads go through the URL reader,
 * so allowed roots and hosts apply; a refusal becomes an error naming the field. Placeholders inside
 * embedded content are not resolved again.
 */
export async function resolvePlaceholders(value: unknown, options: ResolvePlaceholdersOptions): Promise<ResolvePlaceholdersResult> {
  const errors: DescriptorError[] = [];
  const cache = options.cache ?? new Map<string, Promise<string>>();
  const descriptorUrl = isAbsoluteUrl(options.baseUrl) ? options.baseUrl : locationUrl({ type: 'file', target: options.baseUrl });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DESCRIPTOR_BYTES;

  const fail = (path: FieldPath, message: string, code: DescriptorError['code'] = 'ATRIUM_ERR_INPUT') => {
    errors.push({ url: descriptorUrl, ...options.locate?.(path), field: formatFieldPath(path), message, ...(code && { code }) });
  };

  const read = (url: string): Promise<string> => {
    let pending = cache.get(url);
    if (!pending) {
      pending = options.reader.readUrl(url).then(async (response) => {
        const buffer = await response.buffer();
        if (buffer.length > maxBytes) throw new TooLargeError(`it is ${buffer.length} bytes, more than the ${maxBytes} allowed`);
        return buffer.toString('utf8');
      });
      cache.set(url, pending);
    }
    return pending;
  };

  async function substitute(name: PlaceholderName, target: string, path: FieldPath): Promise<{ ok: boolean; value?: unknown }> {
    let url: string;
    try {
      url = resolveLocationTarget(target, descriptorUrl);
    } catch {
      fail(path, `Placeholder $${name} has an invalid target "${target}"`);
      return { ok: false };
    }
    let text: string;
    try {
      text = await read(url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      fail(path, `Placeholder $${name} could not read ${redact(url)}: ${reason}`, isAtriumError(error) ? error.code : 'ATRIUM_ERR_INPUT');
      return { ok: false };
    }
    if (name === 'text') {
      // A binary file, most likely: it cannot be stored (nulCharacters.ts).
      if (!text.includes('\u0000')) return { ok: true, value: text };
      fail(path, `Placeholder $text read ${redact(url)}, which contains NUL characters (a binary file?); the catalog cannot store them`);
      return { ok: false };
    }
    try {
      const parsed: unknown = name === 'json' ? JSON.parse(text) : parseYaml(text);
      if (replaceNul(parsed).paths.length === 0) return { ok: true, value: parsed };
      fail(path, `Placeholder $${name} read ${redact(url)}, whose values contain NUL characters (U+0000); the catalog cannot store them`);
      return { ok: false };
    } catch (error) {
      const reason = ((error as Error).message ?? '').split('\n')[0];
      fail(path, `Placeholder $${name} could not parse ${name === 'json' ? 'JSON' : 'YAML'} from ${redact(url)}: ${reason}`);
      return { ok: false };
    }
  }

  async function walk(node: unknown, path: FieldPath): Promise<unknown> {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const [index, item] of node.entries()) out.push(await walk(item, [...path, index]));
      return out;
    }
    if (!isPlainObject(node)) return node;
    const keys = Object.keys(node);
    const only = keys.length === 1 ? keys[0]! : undefined;
    if (only?.startsWith('$') && !JSON_SCHEMA_KEYWORDS.has(only)) {
      const name = only.slice(1);
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        fail(path, `Unknown placeholder ${only}; supported placeholders are $text, $json and $yaml`);
        return node;
      }
      const target = node[only];
      if (typeof target !== 'string' || target.trim() === '') {
        fail(path, `Placeholder ${only} needs a URL or a path relative to the descriptor, got ${describe(target)}`);
        return node;
      }
      const result = await substitute(name as PlaceholderName, target.trim(), path);
      return result.ok ? result.value : node;
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = await walk(node[key], [...path, key]);
    return out;
  }

  return { value: await walk(value, []), errors };
}

class TooLargeError extends Error {}

function describe(value: unknown): string {
  if (typeof value === 'string') return 'an empty string';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function redact(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

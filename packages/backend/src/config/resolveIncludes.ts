import path from 'node:path';
import { ConfigError } from '../api/errors.js';
import type { JsonValue } from '../api/services.js';
import { parseIncludedText, readConfigText } from './parseConfigFile.js';
import { substituteEnv } from './substituteEnv.js';
import { formatPath, isJsonObject, type PathSegment } from './types.js';

export interface ResolveContext {
  env: NodeJS.ProcessEnv;
  /** Directory that relative `$file`/`$include` paths start from: the directory of the file being read. */
  dir: string;
  /** The file being read, as shown in messages. */
  file: string;
  /** Turns an absolute path into the name shown in messages. */
  display(absolutePath: string): string;
  /** Records a key dropped because an environment variable is unset. */
  onUnset(segments: PathSegment[], variable: string): void;
}

const INCLUDE_KEYS = new Set(['$env', '$file', '$include']);

/**
 * Applies `$env`/`$file`/`$include` and `${VAR}` substitution to one parsed file. Returns undefined
 * for a value that disappears (an unset variable), so the merge falls back to earlier files.
 */
export async function resolveIncludes(value: JsonValue, ctx: ResolveContext, at: PathSegment[] = []): Promise<JsonValue | undefined> {
  if (typeof value === 'string') {
    const result = substituteEnv(value, ctx.env);
    if ('missing' in result) {
      ctx.onUnset(at, result.missing);
      return undefined;
    }
    return result.value;
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const [index, item] of value.entries()) {
      const resolved = await resolveIncludes(item, ctx, [...at, index]);
      if (resolved !== undefined) out.push(resolved);
    }
    return out;
  }
  if (!isJsonObject(value)) return value;

  const keys = Object.keys(value);
  const includeKey = keys.find((key) => INCLUDE_KEYS.has(key));
  if (includeKey) {
    if (keys.length > 1) {
      throw new ConfigError(`${describe(at, ctx)}: ${includeKey} must be the only key of its object, found ${keys.join(', ')}`);
    }
    return resolveInclude(includeKey, value[includeKey], ctx, at);
  }
  const out: Record<string, JsonValue> = {};
  for (const key of keys) {
    const resolved = await resolveIncludes(value[key] as JsonValue, ctx, [...at, key]);
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}

async function resolveInclude(kind: string, arg: JsonValue | undefined, ctx: ResolveContext, at: PathSegment[]): Promise<JsonValue | undefined> {
  if (typeof arg !== 'string' || arg === '') {
    throw new ConfigError(`${describe(at, ctx)}: ${kind} needs a non-empty string`);
  }
  if (kind === '$env') {
    const fromEnv = ctx.env[arg];
    if (fromEnv === undefined) ctx.onUnset(at, arg);
    return fromEnv;
  }
  const [relative = '', pointer] = kind === '$include' ? splitPointer(arg) : [arg, undefined];
  const absolute = path.resolve(ctx.dir, relative);
  const shown = ctx.display(absolute);
  const text = await readConfigText(absolute, shown, `${describe(at, ctx)}: ${kind} file`);
  if (kind === '$file') return text;

  const parsed = parseIncludedText(text, shown);
  let selected: JsonValue | undefined = parsed;
  for (const segment of pointer ? pointer.split('.') : []) {
    selected = isJsonObject(selected) ? selected[segment] : undefined;
  }
  if (selected === undefined) {
    const what = pointer ? `has no value at "${pointer}"` : 'is empty';
    throw new ConfigError(`${describe(at, ctx)}: $include ${shown} ${what}`);
  }
  // Includes may themselves include and substitute, relative to their own location.
  return resolveIncludes(selected, { ...ctx, dir: path.dirname(absolute), file: shown }, at);
}

function splitPointer(arg: string): [string, string | undefined] {
  const hash = arg.indexOf('#');
  return hash === -1 ? [arg, undefined] : [arg.slice(0, hash), arg.slice(hash + 1) || undefined];
}

function describe(at: PathSegment[], ctx: ResolveContext): string {
  return `Config key ${formatPath(at) || '(root)'} in ${ctx.file}`;
}

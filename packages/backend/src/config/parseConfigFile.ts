import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../api/errors.js';
import type { JsonValue } from '../api/services.js';

/**
 * Parses YAML (or JSON, which is YAML) config text. A syntax error becomes one line —
 * `file:line:col: problem` — because start-up output is read by people scanning for what to fix,
 * and yaml's pretty errors span several lines of source excerpt.
 */
export function parseConfigText(text: string, displayName: string): JsonValue | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more problem(s))` : '';
    throw new ConfigError(`Invalid YAML in ${displayName}:${line}:${col}: ${first.message}${more}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  return value === null || value === undefined ? undefined : (value as JsonValue);
}

/** Reads a whole config file; the message names the file when it is missing or unreadable. */
export async function readConfigText(absolutePath: string, displayName: string, purpose = 'Config file'): Promise<string> {
  try {
    return await readFile(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError(`${purpose} ${displayName} ${reason}`, { cause: error });
  }
}

/** Parses a `$include`d file by its extension: `.json`, `.yaml` or `.yml`. */
export function parseIncludedText(text: string, displayName: string): JsonValue | undefined {
  if (/\.json$/i.test(displayName)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch (error) {
      throw new ConfigError(`Invalid JSON in ${displayName}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (/\.ya?ml$/i.test(displayName)) return parseConfigText(text, displayName);
  throw new ConfigError(`Cannot $include ${displayName}: only .json, .yaml and .yml files can be included`);
}

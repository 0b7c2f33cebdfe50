import type { z } from 'zod';
import { ConfigError } from '../api/errors.js';
import type { JsonObject, JsonValue } from '../api/services.js';
import { formatPath, isJsonObject, originOf, unsetVariableHint, type ConfigSchemaEntry, type ConfigSources, type PathSegment } from './types.js';

/**
 * Checks the merged config against every schema (each parsed against the whole config, describing
 * only the keys its owner reads) and reports all problems at once, because fixing config one error per
 * restart is tedious. Each line reads `<key.path>: <problem> (in <file>) [schema of <owner>]`.
 *
 * Returns the config with what the schemas add — defaults, and numbers/booleans parsed from
 * strings — overlaid on the input. Keys a schema does not know are kept even if it strips them.
 */
export function validateConfig(
  data: JsonObject,
  schemas: readonly ConfigSchemaEntry[],
  options: { sources?: ConfigSources } = {},
): JsonObject {
  const problems: string[] = [];
  let result = data;
  for (const { owner, schema } of schemas) {
    let parsed: ReturnType<z.ZodType['safeParse']>;
    try {
      parsed = schema.safeParse(data);
    } catch (error) {
      problems.push(`(root): the schema threw ${(error as Error).message} [schema of ${owner}]`);
      continue;
    }
    if (parsed.success) {
      result = overlay(result, parsed.data) as JsonObject;
      continue;
    }
    for (const issue of parsed.error.issues) problems.push(describeIssue(issue, data, owner, options.sources));
  }
  if (problems.length > 0) {
    const noun = problems.length === 1 ? 'problem' : 'problems';
    throw new ConfigError(`Invalid configuration (${problems.length} ${noun}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return result;
}

function describeIssue(issue: z.core.$ZodIssue, data: JsonObject, owner: string, sources: ConfigSources | undefined): string {
  const segments = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
  const path = formatPath(segments) || '(root)';
  const value = valueAt(data, segments);
  let problem: string;
  let where = '';
  if (value === undefined && issue.code === 'invalid_type') {
    const hint = unsetVariableHint(sources, segments);
    problem = `missing required value${hint ? `; ${hint}` : ''} (expected ${issue.expected})`;
  } else {
    problem = issue.code === 'invalid_type' ? `expected ${issue.expected}, got ${preview(value)}` : issue.message;
    const origin = originOf(sources, segments);
    if (origin) where = ` (in ${origin})`;
  }
  if (issue.code === 'unrecognized_keys') problem += `: ${issue.keys.join(', ')}`;
  return `${path}: ${problem}${where} [schema of ${owner}]`;
}

function valueAt(data: JsonValue, segments: PathSegment[]): JsonValue | undefined {
  let value: JsonValue | undefined = data;
  for (const segment of segments) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isJsonObject(value) ? value[segment] : undefined;
  }
  return value;
}

function preview(value: JsonValue | undefined): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Lays a schema's output over the input: objects key by key, equal-length arrays item by item. */
function overlay(input: JsonValue, output: unknown): JsonValue {
  if (isJsonObject(input) && isPlainObject(output)) {
    const out: JsonObject = { ...input };
    for (const [key, value] of Object.entries(output)) {
      if (value === undefined) continue;
      const merged = key in input ? overlay(input[key] as JsonValue, value) : toJson(value);
      if (merged !== undefined) out[key] = merged;
    }
    return out;
  }
  if (Array.isArray(input) && Array.isArray(output) && input.length === output.length) {
    return input.map((item, index) => overlay(item, output[index]));
  }
  return toJson(output) ?? input;
}

/** Only JSON survives into the config; a schema that transforms into a Date or class is ignored there. */
function toJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(toJson);
    return items.every((item) => item !== undefined) ? (items as JsonValue[]) : undefined;
  }
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const json = toJson(child);
      if (json !== undefined) out[key] = json;
    }
    return out;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

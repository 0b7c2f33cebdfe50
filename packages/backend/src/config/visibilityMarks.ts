import { z } from 'zod';
import { ConfigError } from '../api/errors.js';
import type { JsonValue } from '../api/services.js';
import type { ConfigVisibility } from './schemaHelpers.js';
import { formatPath, isJsonObject, type ConfigSchemaEntry, type PathSegment } from './types.js';

type JsonSchemaNode = { [key: string]: unknown };

/** When two schemas mark one key differently, the more private mark wins. */
const RANK: Record<ConfigVisibility, number> = { frontend: 0, backend: 1, secret: 2 };

const jsonSchemaCache = new WeakMap<z.ZodType, JsonSchemaNode>();

/**
 * Finds the explicit visibility marks that apply to the keys present in `data`, keyed by formatted
 * path (`integrations.git[0].token`). The zod schemas are converted to JSON Schema because that is a
 * stable, documented shape that carries `.meta()` through optional/default/union/array wrappers;
 * walking it alongside the data resolves array items and union branches to concrete paths.
 */
export function collectVisibilityMarks(data: JsonValue, schemas: readonly ConfigSchemaEntry[]): Map<string, ConfigVisibility> {
  const marks = new Map<string, ConfigVisibility>();
  for (const { owner, schema } of schemas) {
    const root = toJsonSchema(schema, owner);
    walk(root, data, [], { root, marks, visitedRefs: new Set() });
  }
  return marks;
}

function toJsonSchema(schema: z.ZodType, owner: string): JsonSchemaNode {
  let cached = jsonSchemaCache.get(schema);
  if (!cached) {
    try {
      cached = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchemaNode;
    } catch (error) {
      throw new ConfigError(`The config schema of ${owner} cannot be inspected for visibility: ${(error as Error).message}`, { cause: error });
    }
    jsonSchemaCache.set(schema, cached);
  }
  return cached;
}

interface WalkState {
  root: JsonSchemaNode;
  marks: Map<string, ConfigVisibility>;
  visitedRefs: Set<string>;
}

function walk(node: unknown, value: JsonValue, at: PathSegment[], state: WalkState): void {
  if (!isJsonObject(node as JsonValue) || !matches(node as JsonSchemaNode, value)) return;
  const schema = node as JsonSchemaNode;
  const mark = schema['visibility'];
  if (mark === 'frontend' || mark === 'backend' || mark === 'secret') addMark(state.marks, formatPath(at), mark);

  if (typeof schema['$ref'] === 'string') {
    const key = `${schema['$ref']}@${formatPath(at)}`;
    if (!state.visitedRefs.has(key)) {
      state.visitedRefs.add(key);
      walk(resolveRef(state.root, schema['$ref']), value, at, state);
    }
  }
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[combinator];
    if (Array.isArray(branches)) for (const branch of branches) walk(branch, value, at, state);
  }

  if (isJsonObject(value)) {
    const properties = (schema['properties'] ?? {}) as JsonSchemaNode;
    const patterns = (schema['patternProperties'] ?? {}) as JsonSchemaNode;
    for (const [key, child] of Object.entries(value)) {
      const pattern = Object.keys(patterns).find((p) => new RegExp(p, 'u').test(key));
      const childSchema = properties[key] ?? (pattern ? patterns[pattern] : schema['additionalProperties']);
      walk(childSchema, child, [...at, key], state);
    }
  } else if (Array.isArray(value)) {
    const prefixItems = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : [];
    value.forEach((item, index) => walk(prefixItems[index] ?? schema['items'], item, [...at, index], state));
  }
}

/** A union branch only applies when the data has its type (a `string | {password}` connection, say). */
function matches(schema: JsonSchemaNode, value: JsonValue): boolean {
  const type = schema['type'];
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => hasType(value, t))) return false;
  }
  if ('const' in schema && schema['const'] !== value) return false;
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) return false;
  return true;
}

function hasType(value: JsonValue, type: unknown): boolean {
  switch (type) {
    case 'object': return isJsonObject(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    default: return true;
  }
}

function resolveRef(root: JsonSchemaNode, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isJsonObject(node as JsonValue) ? (node as JsonSchemaNode)[key] : undefined;
  }
  return node;
}

function addMark(marks: Map<string, ConfigVisibility>, path: string, mark: ConfigVisibility): void {
  const existing = marks.get(path);
  if (!existing || RANK[mark] > RANK[existing]) marks.set(path, mark);
}

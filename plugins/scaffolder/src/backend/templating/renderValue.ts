import type { JsonValue } from '@atrium/plugin-scaffolder/common';
import { TemplateError, type SecureTemplater } from './SecureTemplater.js';

/** `${{ expr }}` and nothing else around it: rendered so its type survives (numbers, objects...). */
const SINGLE_EXPRESSION = /^\s*\$\{\{((?:(?!\}\})[\s\S])*)\}\}\s*$/;

export function hasExpression(value: string): boolean {
  return value.includes('${{') || value.includes('{%');
}

/** Where each templated string sits, so one sandbox call renders a whole input object. */
interface Leaf { path: string; source: string; typed: boolean }

function collect(value: unknown, path: string, leaves: Leaf[]) {
  if (typeof value === 'string') {
    if (!hasExpression(value)) return;
    const single = SINGLE_EXPRESSION.exec(value);
    leaves.push({ path, source: single ? `\${{ (${single[1]}) | dump }}` : value, typed: !!single });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, `${path}[${i}]`, leaves));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, path ? `${path}.${k}` : k, leaves);
  }
}

function rebuild(value: unknown, path: string, rendered: Map<string, unknown>): unknown {
  if (typeof value === 'string') return rendered.has(path) ? rendered.get(path) : value;
  if (Array.isArray(value)) return value.map((v, i) => rebuild(v, `${path}[${i}]`, rendered)).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = rebuild(v, path ? `${path}.${k}` : k, rendered);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return value;
}

/**
 * Renders every string leaf of a step's input, `if`, `each` or the template output as Backstage
 * does: a lone `${{ expr }}` keeps its JSON type, other strings render as text, and an empty result
 * drops the key. Errors name the path of the failing leaf (`where` is its prefix, e.g. `spec.steps[1].input`).
 */
export async function renderValue(templater: SecureTemplater, value: unknown, context: unknown, where: string): Promise<JsonValue | undefined> {
  const leaves: Leaf[] = [];
  collect(value, '', leaves);
  if (leaves.length === 0) return value as JsonValue;
  const results = await templater.renderAll(leaves.map((l) => l.source), context);
  const rendered = new Map<string, unknown>();
  leaves.forEach((leaf, i) => {
    const result = results[i]!;
    const at = leaf.path ? (leaf.path.startsWith('[') ? `${where}${leaf.path}` : `${where}.${leaf.path}`) : where;
    if ('error' in result) throw new TemplateError(`${at}: ${result.error}`);
    if (result.ok === '') rendered.set(leaf.path, undefined);
    else if (leaf.typed) {
      try {
        rendered.set(leaf.path, JSON.parse(result.ok));
      } catch {
        rendered.set(leaf.path, result.ok);
      }
    } else rendered.set(leaf.path, result.ok);
  });
  return rebuild(value, '', rendered) as JsonValue | undefined;
}

/** Every templated string in a value with its path, for checking syntax before a run. */
export function templatedStrings(value: unknown, where: string): Array<{ path: string; source: string }> {
  const leaves: Leaf[] = [];
  collect(value, '', leaves);
  return leaves.map((l) => ({ path: l.path ? (l.path.startsWith('[') ? `${where}${l.path}` : `${where}.${l.path}`) : where, source: l.source }));
}

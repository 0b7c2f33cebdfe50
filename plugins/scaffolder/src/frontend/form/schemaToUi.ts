import type { JsonObject, JsonValue } from '@atrium/plugin-scaffolder/common';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Splits a template page (JSON Schema with inline `ui:*` keys, Backstage's format) into the schema RJSF
 * validates and the uiSchema it renders with. Keys under `dependencies`, `oneOf`, `allOf`, `anyOf`,
 * `if/then/else` describe properties of the same object, so their `ui:*` land at the same level.
 */
export function splitSchema(page: JsonObject): { schema: JsonObject; uiSchema: Obj } {
  const uiSchema: Obj = {};
  return { schema: walk(page, uiSchema) as JsonObject, uiSchema };
}

function walk(node: unknown, ui: Obj): unknown {
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('ui:')) {
      ui[key] = value;
    } else if (key === 'properties' && isObj(value)) {
      const props: Obj = {};
      for (const [name, prop] of Object.entries(value)) {
        const child = (isObj(ui[name]) ? ui[name] : {}) as Obj;
        props[name] = walk(prop, child);
        if (Object.keys(child).length) ui[name] = child;
      }
      out.properties = props;
    } else if (key === 'items' && isObj(value)) {
      const child = (isObj(ui.items) ? ui.items : {}) as Obj;
      out.items = walk(value, child);
      if (Object.keys(child).length) ui.items = child;
    } else if (key === 'dependencies' && isObj(value)) {
      out.dependencies = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v : walk(v, ui)]));
    } else if (['oneOf', 'anyOf', 'allOf'].includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => walk(v, ui));
    } else if (['if', 'then', 'else', 'not'].includes(key)) {
      out[key] = walk(value, ui);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Top-level fields whose values are secrets (`ui:field: Secret`): sent as `secrets`, never in `values`. */
export function secretFields(pages: JsonObject[]): Set<string> {
  const names = new Set<string>();
  for (const page of pages) {
    const { uiSchema } = splitSchema(page);
    for (const [name, ui] of Object.entries(uiSchema)) if (isObj(ui) && ui['ui:field'] === 'Secret') names.add(name);
  }
  return names;
}

export interface ReviewRow { key: string; label: string; value: string; masked: boolean }

function display(value: JsonValue | undefined): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ');
  return JSON.stringify(value);
}

/** Every property a page can show, conditional ones (dependencies, if/then, oneOf) included, in order. */
function allProperties(node: unknown, out: Map<string, Obj> = new Map()): Map<string, Obj> {
  if (!isObj(node)) return out;
  if (isObj(node.properties)) for (const [k, v] of Object.entries(node.properties)) if (isObj(v) && !out.has(k)) out.set(k, v);
  if (isObj(node.dependencies)) for (const d of Object.values(node.dependencies)) allProperties(d, out);
  for (const key of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(node[key])) for (const d of node[key] as unknown[]) allProperties(d, out);
  for (const key of ['then', 'else']) allProperties(node[key], out);
  return out;
}

/** The fields a page owns, so a value cleared on it is dropped from the shared form data. */
export function pageFieldNames(page: JsonObject): string[] {
  return [...allProperties(page).keys()];
}

/** What the review step shows for each answered field, honouring `ui:backstage.review` and secrets. */
export function reviewRows(pages: JsonObject[], values: JsonObject): ReviewRow[] {
  const rows: ReviewRow[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    const { schema, uiSchema } = splitSchema(page);
    const props = Object.fromEntries(allProperties(schema)) as Obj;
    const names = new Set([...Object.keys(props), ...Object.keys(uiSchema).filter((k) => !k.startsWith('ui:'))]);
    for (const name of names) {
      if (seen.has(name) || !(name in values)) continue;
      seen.add(name);
      const ui = (isObj(uiSchema[name]) ? uiSchema[name] : {}) as Obj;
      const review = isObj(ui['ui:backstage']) && isObj((ui['ui:backstage'] as Obj).review) ? ((ui['ui:backstage'] as Obj).review as Obj) : {};
      if (review.show === false) continue;
      const masked = ui['ui:field'] === 'Secret' || ui['ui:widget'] === 'password' || typeof review.mask === 'string';
      const title = isObj(props[name]) && typeof (props[name] as Obj).title === 'string' ? ((props[name] as Obj).title as string) : name;
      rows.push({ key: name, label: title, value: masked ? (typeof review.mask === 'string' ? review.mask : '••••••') : display(values[name]), masked });
    }
  }
  return rows;
}

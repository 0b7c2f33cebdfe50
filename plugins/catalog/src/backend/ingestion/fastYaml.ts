import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';
import type { FieldPath } from './types.js';

/** A document of a file read by the fast path: its value, where its content starts, and its fields. */
export interface FastDocument {
  value: unknown;
  /** Offset of the root node, or -1 for an empty document. */
  start: number;
  /** Offset of a field's key (of an item, for a number segment), or undefined. */
  offsetOf(path: FieldPath): number | undefined;
  /** Every field at most four segments deep, as `spec.owner` / `spec.tags[0]`, with its offset. */
  fields: Array<[string, number]>;
}

/** How many segments deep the catalog records field lines (errors about deeper fields name the entity's line). */
export const FIELD_LINE_DEPTH = 4;

/**
 * Reads a multi-document YAML file with js-yaml's event parser: about four times faster than building
 * `yaml`'s document trees, which was most of ingesting a large catalog (1.6 s of CPU per 10,000
 * entities). Returns undefined when the file needs the full parser — any syntax error (whose message
 * and position that parser reports), and anything whose meaning could differ between the two or that
 * needs its safeguards: tags, anchors and aliases, directives, and keys that are not plain scalars.
 * The common descriptor has none of these.
 */
export function readFast(text: string): FastDocument[] | undefined {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, {});
    if (!events.every(isPlain)) return undefined;
    values = constructFromEvents(events, { source: text, maxAliases: 0 });
  } catch {
    return undefined;
  }
  const documents: FastDocument[] = [];
  let i = 0;
  while (i < events.length) {
    // DOCUMENT, its root node's events, POP.
    const first = i + 1;
    const end = skipNode(events, first);
    const root = events[first]!;
    const start = root.type === EVENT_ID.SCALAR ? root.valueStart : root.type === EVENT_ID.MAPPING || root.type === EVENT_ID.SEQUENCE ? root.start : -1;
    // Every entity's field lines are recorded, so this is needed anyway; it also finds complex keys,
    // which the two parsers turn into different strings.
    const walked = fieldOffsets(text, events, first, end);
    if (!walked) return undefined;
    const { offsets, fields } = walked;
    documents.push({ value: values[documents.length], start, fields, offsetOf: (path) => (path.length === 0 ? start : offsets.get(pathKey(path))) });
    i = end + 1; // past the document's POP
  }
  return documents.length === values.length ? documents : undefined;
}

function isPlain(e: Event): boolean {
  if (e.type === EVENT_ID.DOCUMENT) return e.directives.length === 0;
  if (e.type === EVENT_ID.ALIAS) return false;
  if (e.type === EVENT_ID.POP) return true;
  return e.anchorStart === -1 && e.tagStart === -1;
}

/** The index just past the node starting at `i` (a scalar, or a collection through its POP). */
function skipNode(events: Event[], i: number): number {
  let depth = 0;
  do {
    const t = events[i]!.type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP) depth--;
    i++;
  } while (depth > 0 && i < events.length);
  return i;
}

const pathKey = (path: FieldPath) => path.map((s) => (typeof s === 'number' ? `#${s}` : `.${s}`)).join('\u0000');

interface Frame {
  map: boolean;
  path: string;
  /** The path as people write it (`spec.tags[0]`), and how many segments it has. */
  display: string;
  depth: number;
  key: string | undefined;
  index: number;
}

/** Every field's offset in one document (keys for mapping entries, nodes for sequence items). */
function fieldOffsets(text: string, events: Event[], from: number, to: number): { offsets: Map<string, number>; fields: Array<[string, number]> } | null {
  const offsets = new Map<string, number>();
  const fields: Array<[string, number]> = [];
  const stack: Frame[] = [];
  const join = (path: string, segment: string) => (path ? `${path}\u0000${segment}` : segment);
  const record = (top: Frame, path: string, display: string, offset: number) => {
    offsets.set(path, offset);
    if (top.depth < FIELD_LINE_DEPTH) fields.push([display, offset]);
  };
  for (let i = from; i < to; i++) {
    const e = events[i]!;
    if (e.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    let path = '';
    let display = '';
    if (top?.map && top.key === undefined) {
      if (e.type !== EVENT_ID.SCALAR) return null; // a complex key: no field paths to give
      top.key = getScalarValue(text, e);
      record(top, join(top.path, `.${top.key}`), top.display ? `${top.display}.${top.key}` : top.key, e.valueStart);
      continue;
    }
    if (top?.map) {
      path = join(top.path, `.${top.key}`);
      display = top.display ? `${top.display}.${top.key}` : top.key!;
      top.key = undefined;
    } else if (top) {
      display = `${top.display}[${top.index}]`;
      path = join(top.path, `#${top.index++}`);
      record(top, path, display, e.type === EVENT_ID.SCALAR ? e.valueStart : e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE ? e.start : -1);
    }
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      stack.push({ map: e.type === EVENT_ID.MAPPING, path, display, depth: top ? top.depth + 1 : 0, key: undefined, index: 0 });
    }
  }
  return { offsets, fields };
}

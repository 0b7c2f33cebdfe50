/**
 * The plain block YAML most mkdocs.yml files are: mappings and lists by indentation, plain scalars,
 * true/false/null. The yaml library took ~10 ms of a fresh `atrium docs build` to parse 120 such lines
 * (its code runs cold); this reads them in well under one (ADR 0010, 2026-12-04). Anything else —
 * comments after a value, quotes, anchors, tags, block scalars, flow collections, numbers, empty
 * values, a list at its key's indent, duplicate keys — returns undefined, and the caller parses the
 * file with the yaml library as before, so this never decides what a file means differently from it:
 * `mkdocsConfig.test.ts` checks both give the same config.
 */
export type SimpleNode =
  | { kind: 'map'; line: number; entries: Array<[key: string, value: SimpleNode]> }
  | { kind: 'seq'; line: number; items: SimpleNode[] }
  | { kind: 'scalar'; line: number; value: string | boolean | null };

interface Line {
  indent: number;
  text: string;
  line: number;
}

class NotSimple extends Error {}

// A scalar starting with one of these is quoted, an anchor, alias, tag, block scalar, flow collection,
// directive or reserved in YAML; one holding ": " or " #" is a key or comments.
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const BOOLEAN_OR_NULL: Record<string, boolean | null> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false, null: null, Null: null, NULL: null, '~': null };

export function parseSimpleYaml(text: string): SimpleNode | undefined {
  if (hasControlCharacter(text)) return undefined;
  const lines: Line[] = [];
  text.split('\n').forEach((raw, i) => {
    const content = raw.trimEnd();
    const body = content.trimStart();
    if (body && !body.startsWith('#')) lines.push({ indent: content.length - body.length, text: body, line: i + 1 });
  });
  if (!lines.length || lines[0]!.indent !== 0) return undefined;
  try {
    const at = { i: 0 };
    const root = block(lines, at, 0);
    return at.i === lines.length ? root : undefined;
  } catch (e) {
    if (e instanceof NotSimple) return undefined;
    throw e;
  }
}

/** JavaScript values, as the yaml library's `toJS()` gives them. */
export function simpleToJS(node: SimpleNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(simpleToJS);
  return Object.fromEntries(node.entries.map(([k, v]) => [k, simpleToJS(v)]));
}

function block(lines: Line[], at: { i: number }, indent: number): SimpleNode {
  const first = lines[at.i]!;
  return isItem(first.text) ? seq(lines, at, indent) : map(lines, at, indent, first.text);
}

function seq(lines: Line[], at: { i: number }, indent: number): SimpleNode {
  const node: SimpleNode = { kind: 'seq', line: lines[at.i]!.line, items: [] };
  while (at.i < lines.length) {
    const l = lines[at.i]!;
    if (l.indent < indent) break;
    if (l.indent > indent || !isItem(l.text)) throw new NotSimple();
    const rest = l.text.slice(2);
    if (!rest || rest.startsWith(' ')) throw new NotSimple();
    // `- key: value` starts a mapping whose keys are two columns in.
    node.items.push(keyOf(rest) !== undefined ? map(lines, at, indent + 2, rest) : (at.i++, scalar(rest, l.line)));
  }
  return node;
}

// `text` is the first entry's text (after a "- " when the mapping is a list item).
function map(lines: Line[], at: { i: number }, indent: number, text: string): SimpleNode {
  const node: SimpleNode = { kind: 'map', line: lines[at.i]!.line, entries: [] };
  const seen = new Set<string>();
  for (let entry: string | undefined = text; entry !== undefined;) {
    const l = lines[at.i]!;
    const key = keyOf(entry);
    if (key === undefined || seen.has(key)) throw new NotSimple();
    seen.add(key);
    const value = entry.slice(key.length + 1).trim();
    at.i++;
    if (value) node.entries.push([key, scalar(value, l.line)]);
    else {
      const next = lines[at.i];
      if (!next || next.indent <= indent) throw new NotSimple(); // an empty value, or a list at its key's indent
      node.entries.push([key, block(lines, at, next.indent)]);
    }
    const following = lines[at.i];
    if (!following || following.indent < indent) break;
    if (following.indent > indent || isItem(following.text)) throw new NotSimple();
    entry = following.text;
  }
  return node;
}

// Tabs, carriage returns, a byte order mark or other control characters: the yaml library's business.
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f || c === 0xfeff) return true;
  }
  return false;
}

const isItem = (text: string) => text === '-' || text.startsWith('- ');

/** The key of a `key: value` or `key:` line when it is a plain string, else undefined. */
function keyOf(text: string): string | undefined {
  const colon = text.search(/:(?: |$)/);
  if (colon <= 0) return undefined;
  const key = text.slice(0, colon);
  if (key !== key.trim() || !plainString(key) || key === '__proto__') return undefined;
  return key;
}

function scalar(text: string, line: number): SimpleNode {
  if (Object.hasOwn(BOOLEAN_OR_NULL, text)) return { kind: 'scalar', line, value: BOOLEAN_OR_NULL[text]! };
  if (!plainString(text) || text.endsWith(':')) throw new NotSimple();
  return { kind: 'scalar', line, value: text };
}

function plainString(s: string): boolean {
  return !INDICATOR_START.test(s) && !s.includes(': ') && !s.includes(' #') && !NUMBER.test(s) && !Object.hasOwn(BOOLEAN_OR_NULL, s);
}

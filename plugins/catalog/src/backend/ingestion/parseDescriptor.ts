import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { readFast } from './fastYaml.js';
import {
  DEFAULT_MAX_DESCRIPTOR_BYTES,
  type DescriptorError,
  type FieldPath,
  type LocateField,
  type SourcePosition,
} from './types.js';

/** One non-empty YAML document of a descriptor file. */
export interface ParsedDocument {
  /** The document as plain data (always an object: other roots are reported as errors). */
  value: Record<string, unknown>;
  /** Where the document's content starts (after `---` and leading comments). */
  position: SourcePosition;
  /** Line/column of a field, for errors found later (validation, placeholders). */
  locate: LocateField;
  /**
   * The line of every field at most four segments deep (`spec.owner`, `spec.tags[0]`), when the
   * parser has them at hand; otherwise they are found with `locate`.
   */
  fieldLines?: () => Record<string, number>;
}

export interface ParseDescriptorResult {
  documents: ParsedDocument[];
  errors: DescriptorError[];
}

export interface ParseDescriptorOptions {
  /** Files larger than this (in UTF-8 bytes) are refused whole. Default 1 MiB. */
  maxBytes?: number;
}

/**
 * Splits a (possibly multi-document) YAML descriptor into documents, like Backstage's default
 * entity parser: empty documents are skipped, each other document must be an object. A syntax
 * error drops only the document it is in.
 */
export function parseDescriptor(text: string, sourceUrl: string, options: ParseDescriptorOptions = {}): ParseDescriptorResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DESCRIPTOR_BYTES;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) {
    return { documents: [], errors: [sizeError(sourceUrl, size, maxBytes)] };
  }
  return parseFast(text, sourceUrl) ?? parseFull(text, sourceUrl);
}

/** The fast path (see fastYaml.ts): the same documents and positions, for files without anything unusual. */
export function parseFast(text: string, sourceUrl: string): ParseDescriptorResult | undefined {
  const fast = readFast(text);
  if (!fast) return undefined;
  const position = linePositions(text);
  const documents: ParsedDocument[] = [];
  const errors: DescriptorError[] = [];
  for (const doc of fast) {
    if (doc.value === null || doc.value === undefined) continue;
    const start = position(Math.max(0, doc.start));
    if (typeof doc.value !== 'object' || Array.isArray(doc.value)) {
      errors.push({ url: sourceUrl, ...start, message: rootTypeMessage(doc.value), code: 'ATRIUM_ERR_INPUT' });
      continue;
    }
    documents.push({
      value: doc.value as Record<string, unknown>,
      position: { url: sourceUrl, ...start },
      locate: (path) => {
        const offset = doc.offsetOf(path);
        return offset === undefined || offset < 0 ? undefined : position(offset);
      },
      fieldLines: () => {
        const lines: Record<string, number> = {};
        for (const [field, offset] of doc.fields) if (offset >= 0) lines[field] = position(offset).line;
        return lines;
      },
    });
  }
  return { documents, errors };
}

/** A fast-path document as plain data, with its field lines worked out: what a parsing thread sends back. */
export interface PlainDocument {
  value: Record<string, unknown>;
  position: SourcePosition;
  lines: Record<string, number>;
}

export interface PlainParseResult {
  documents: PlainDocument[];
  errors: DescriptorError[];
}

/** parseFast's result without closures (see parseThread.ts), or undefined when the file needs the full parser. */
export function parseFastPlain(text: string, sourceUrl: string): PlainParseResult | undefined {
  const parsed = parseFast(text, sourceUrl);
  if (!parsed) return undefined;
  return { documents: parsed.documents.map((d) => ({ value: d.value, position: d.position, lines: d.fieldLines!() })), errors: parsed.errors };
}

/**
 * Documents from parseFastPlain, made whole again: field lines as computed, and `locate` (needed only
 * to place an error) by parsing the text once more on this thread, the first time it is asked.
 */
export function fromPlain(text: string, sourceUrl: string, plain: PlainParseResult): ParseDescriptorResult {
  let again: ParsedDocument[] | undefined;
  const documents = plain.documents.map((d, i): ParsedDocument => ({
    value: d.value,
    position: d.position,
    // The same text through the same parser gives the same documents in the same order.
    locate: (path) => (again ??= parseFast(text, sourceUrl)?.documents ?? [])[i]?.locate(path),
    fieldLines: () => d.lines,
  }));
  return { documents, errors: plain.errors };
}

/** 1-based line and column of an offset, like yaml's LineCounter. */
function linePositions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function rootTypeMessage(value: unknown): string {
  const got = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return `Expected an object at the root of the document, got ${got}`;
}

/** The full parser: exact error messages and positions, aliases with their limits, tags, directives. */
export function parseFull(text: string, sourceUrl: string): ParseDescriptorResult {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const documents: ParsedDocument[] = [];
  const errors: DescriptorError[] = [];

  for (const doc of parseAllDocuments(text, { lineCounter })) {
    const contents = doc.contents as Node | null;
    const start = position(contents?.range?.[0] ?? doc.range[0]);
    const firstError = doc.errors[0];
    if (firstError) {
      // Later errors in the same document are usually consequences of the first.
      const at = firstError.linePos?.[0];
      const where = at ? { line: at.line, column: at.col } : start;
      errors.push({ url: sourceUrl, ...where, message: `Invalid YAML: ${firstLine(firstError.message)}`, code: 'ATRIUM_ERR_INPUT' });
      continue;
    }
    if (contents === null || (isScalar(contents) && contents.value === null)) continue;

    let value: unknown;
    try {
      value = doc.toJS();
    } catch (error) {
      // e.g. too many alias expansions (a "billion laughs" document).
      errors.push({ url: sourceUrl, ...start, message: `Invalid YAML: ${(error as Error).message}`, code: 'ATRIUM_ERR_INPUT' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ url: sourceUrl, ...start, message: rootTypeMessage(value), code: 'ATRIUM_ERR_INPUT' });
      continue;
    }
    documents.push({
      value: value as Record<string, unknown>,
      position: { url: sourceUrl, ...start },
      locate: (path) => locateInDocument(doc, path, position),
    });
  }
  return { documents, errors };
}

/** The line/column of `path` in `doc`; a convenience over `doc.locate(path)`. */
export function positionOf(doc: Pick<ParsedDocument, 'locate'>, path: FieldPath): { line: number; column: number } | undefined {
  return doc.locate(path);
}

/** The error for a file over the size limit (shared with the readers, which check before decoding). */
export function sizeError(url: string, size: number, maxBytes: number): DescriptorError {
  return {
    url,
    message: `The file is ${size} bytes, more than the ${maxBytes} bytes allowed for a descriptor`,
    code: 'ATRIUM_ERR_INPUT',
  };
}

function locateInDocument(
  doc: Document,
  path: FieldPath,
  position: (offset: number) => { line: number; column: number },
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const segment of path) {
    if (typeof segment === 'string' && isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : item.key) === segment);
      if (!pair) return undefined;
      // A field's position is its key's: block values start on the next line.
      offset = (pair.key as Node | null)?.range?.[0];
      node = pair.value;
    } else if (typeof segment === 'number' && isSeq(node)) {
      node = node.items[segment];
      offset = (node as Node | undefined)?.range?.[0];
    } else {
      return undefined;
    }
    if (offset === undefined) return undefined;
  }
  return offset === undefined ? undefined : position(offset);
}

function firstLine(message: string): string {
  // yaml appends " at line N, column M:" and a code frame; line/column are reported separately.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

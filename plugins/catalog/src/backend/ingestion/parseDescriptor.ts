import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
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
      const got = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      errors.push({ url: sourceUrl, ...start, message: `Expected an object at the root of the document, got ${got}`, code: 'ATRIUM_ERR_INPUT' });
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

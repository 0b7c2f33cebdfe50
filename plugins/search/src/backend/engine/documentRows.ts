import type { SearchDocument } from '@atrium/plugin-search/common';
import type { TextWeight } from '../extensionPoint.js';

/** A document as stored: its weighted text parts and facet columns, plus the document itself. */
export interface DocumentRow {
  type: string;
  generation: string;
  location: string;
  title: string;
  name_key: string | null;
  label: string;
  keywords: string;
  summary: string;
  body: string;
  entity_ref: string | null;
  kind: string | null;
  doc_type: string | null;
  owner: string | null;
  lifecycle: string | null;
  namespace: string | null;
  tags: string[];
  document: string;
}

/** Text beyond this is not indexed: it would only slow ranking, and tsvector has a 1 MB limit. */
const MAX_INDEXED_TEXT = 200_000;
/** The document returned with a result carries this much of `text`; the highlight shows the matching part. */
const MAX_RETURNED_TEXT = 1_000;
/** How much of a row's text the query reads for `returnedText` (in code points: one more than it keeps, so it knows to cut). */
export const RETURNED_TEXT_CHARS = MAX_RETURNED_TEXT + 1;

/**
 * The `text` a result's document carries, from the row's text (its body or summary, which start with the
 * document's text): at most MAX_RETURNED_TEXT UTF-16 units, then `…`. `start` is at least the text's first
 * RETURNED_TEXT_CHARS code points, so it is cut where the whole text would be.
 */
export function returnedText(start: string): string {
  return start.length > MAX_RETURNED_TEXT ? `${start.slice(0, MAX_RETURNED_TEXT)}…` : start;
}

/** A stored document's JSON text (an object) with `text` added. */
export function withText(document: string, text: string): string {
  const rest = document.slice(1).trimStart();
  return `{"text":${JSON.stringify(text)}${rest.startsWith('}') ? '' : ','}${rest}`;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** `Playback Service` / `playback_service` → `playback-service`: how names are compared with a typed term. */
export function nameKeyOf(value: string): string {
  return (value.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join('-');
}

export function toDocumentRow(type: string, generation: string, doc: SearchDocument, textWeight: TextWeight): DocumentRow {
  const name = str(doc.name);
  const entityTitle = str(doc.entityTitle);
  const tags = Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()) : [];
  const text = (doc.text ?? '').slice(0, MAX_INDEXED_TEXT);
  // Names, refs, tags and types rank just below titles.
  const keywords = [name, str(doc.entityRef), entityTitle, str(doc.path), ...tags, str(doc.type), str(doc.kind)].filter(Boolean).join(' ');
  // Without its text, which the query takes from the row's own (see returnedText): a docs page's document
  // then stays small enough to be kept in the row, instead of being fetched from TOAST for every result.
  const { text: _text, ...stored } = doc;
  return {
    type,
    generation,
    location: doc.location,
    title: doc.title.slice(0, 1_000),
    // Only a document that is itself the named thing gets the exact-name boost (not every docs page of it).
    name_key: name && !entityTitle ? nameKeyOf(name) : null,
    label: [doc.title, name].filter(Boolean).join(' ').slice(0, 1_000),
    keywords,
    summary: textWeight === 'summary' ? text : '',
    body: textWeight === 'body' ? text : '',
    entity_ref: str(doc.entityRef)?.toLowerCase() ?? null,
    kind: str(doc.kind),
    doc_type: str(doc.type),
    owner: str(doc.owner)?.toLowerCase() ?? null,
    lifecycle: str(doc.lifecycle),
    namespace: str(doc.namespace),
    tags,
    document: JSON.stringify(stored),
  };
}

import { createRequire } from 'node:module';
import type sanitizeHtml from 'sanitize-html';

// sanitize-html (with postcss) is loaded when first used: a build whose pages all come from the page
// cache, and `atrium docs build --help`, never need it.
let library: typeof sanitizeHtml | undefined;
const sanitize = (html: string, options: sanitizeHtml.IOptions): string =>
  (library ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml)(html, options);

/**
 * The HTML a docs page may contain once rendered. Raw HTML in Markdown is allowed (MkDocs allows it)
 * but only these tags and attributes survive: no scripts, event handlers, iframes, forms or styles.
 * Highlighted code is not part of this: it is generated, and put back after sanitising.
 */
const allowedTags = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn', 'time',
  'a', 'img', 'figure', 'figcaption', 'picture', 'source', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  'div', 'span', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'details', 'summary',
  'input', 'label', 'center', 'video', 'audio', 'track', 'wbr',
];
const allowedAttributes: Record<string, string[]> = {
  '*': ['id', 'class', 'title', 'lang', 'dir', 'align', 'aria-label', 'aria-hidden', 'role', 'data-code-block', 'data-lang'],
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'srcset', 'alt', 'width', 'height', 'loading'],
  source: ['src', 'srcset', 'type', 'media'],
  video: ['src', 'controls', 'width', 'height', 'poster', 'muted', 'loop'],
  audio: ['src', 'controls'],
  track: ['src', 'kind', 'srclang', 'label'],
  input: ['type', 'checked', 'disabled', 'name'],
  label: ['for'],
  details: ['open'],
  th: ['colspan', 'rowspan', 'scope', 'style'],
  td: ['colspan', 'rowspan', 'style'],
  ol: ['start', 'type', 'reversed'],
  li: ['value'],
  time: ['datetime'],
  abbr: ['title'],
};
/** The tags and attributes a page may have (rawHtml.ts accepts raw HTML that keeps within them). */
export const PAGE_ALLOWED_TAGS: ReadonlySet<string> = new Set(allowedTags);
export const PAGE_ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = allowedAttributes;

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes,
  // Table alignment from Markdown is the only inline style kept.
  allowedStyles: { '*': { 'text-align': [/^(?:left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: true,
  exclusiveFilter: (frame) => frame.tag === 'input' && !['checkbox', 'radio'].includes(String(frame.attribs.type)),
};

export function sanitizePageHtml(html: string): string {
  return sanitize(html, options);
}

const DANGEROUS = /<\s*(script|iframe|object|embed|form|style|link|meta|base)\b|\son[a-z]+\s*=|javascript:/i;

/** Whether generated HTML has anything the sanitiser would have to remove (false positives only cost time). */
export function looksUnsafe(html: string): boolean {
  return DANGEROUS.test(html);
}

/** Why a raw HTML snippet will be changed by sanitising, to report it with its line; undefined if it is fine. */
export function describeUnsafeHtml(html: string): string | undefined {
  const m = DANGEROUS.exec(html);
  if (!m) return undefined;
  if (m[1]) return `raw HTML <${m[1].toLowerCase()}> removed (not allowed in docs)`;
  if (/javascript:/i.test(m[0])) return 'raw HTML javascript: URL removed (not allowed in docs)';
  return 'raw HTML event handler attribute removed (not allowed in docs)';
}

// Highlighted code is classed (colours come from the reader's stylesheet); only line numbers' start is a style.
const publishedOptions: sanitizeHtml.IOptions = {
  ...options,
  allowedAttributes: { ...options.allowedAttributes as Record<string, string[]>, pre: ['tabindex'], div: ['style'] },
  allowedStyles: { ...options.allowedStyles, div: { 'counter-reset': [/^line \d+$/] } },
};

/**
 * For pages built elsewhere (`atrium docs publish`): the whole article is sanitised, highlighted code
 * included, so no style but a line-number start survives. Whoever holds a token cannot publish a script.
 */
export function sanitizePublishedHtml(html: string): string {
  return sanitize(html, publishedOptions);
}

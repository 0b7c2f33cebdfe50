import type { Token } from 'markdown-it';
import { PAGE_ALLOWED_ATTRIBUTES, PAGE_ALLOWED_TAGS } from './sanitize.js';

/**
 * Whether a page's raw HTML is so plain that the sanitiser would remove nothing from the page but its
 * comments: a parse and reserialisation of the whole page by sanitize-html was a fifth of a warm build
 * of Fastify's docs, whose raw HTML is almost all `<a id="…"></a>` anchors, a centred `<h1>`,
 * `<code>`, `<sup>` and comments. When it is, the comments are taken out of the tokens here and the
 * page skips the sanitiser; anything else (a tag, attribute or URL outside the lists, an entity in an
 * attribute, text that is not a tag after `<`, a tag left open or closed out of turn, a block tag in
 * a paragraph) sends the page to the sanitiser as before. `sanitizeSkip.test.ts` checks, on real docs,
 * that the sanitiser leaves every page accepted here unchanged.
 */
export function acceptRawHtml(tokens: Token[]): boolean {
  // Open elements, generated (a token type) or raw (a tag name), in document order: a raw closing tag
  // must close the innermost element and that must be its own raw opening tag.
  const open: string[] = [];
  const edits: Array<[Token, string]> = [];
  for (const t of tokens) {
    if (t.type === 'html_block') {
      const content = scan(t.content, open, false);
      if (content === undefined) return false;
      if (content !== t.content) edits.push([t, content]);
    } else if (t.nesting === 1) {
      open.push(t.type);
    } else if (t.nesting === -1) {
      if (open.pop() !== t.type.replace(/_close$/, '_open')) return false;
    } else if (t.type === 'inline' && t.children) {
      const depth = open.length;
      for (const c of t.children) {
        if (c.type === 'html_inline') {
          const content = scan(c.content, open, true);
          if (content === undefined) return false;
          if (content !== c.content) edits.push([c, content]);
        } else if (c.nesting === 1) open.push(c.type);
        else if (c.nesting === -1 && open.pop() !== c.type.replace(/_close$/, '_open')) return false;
      }
      // Raw inline tags open and close within their paragraph (or heading, or cell).
      if (open.length !== depth) return false;
    }
  }
  if (open.length) return false;
  for (const [t, content] of edits) t.content = content;
  return true;
}

const VOID = new Set(['br', 'hr', 'img', 'wbr', 'source', 'track', 'col']);
// Elements a paragraph may hold: a block element there would close the paragraph in the browser.
const PHRASING = new Set(['a', 'abbr', 'b', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster']);
// Attributes the sanitiser rewrites rather than keeps or drops whole (styles, source sets), and
// elements it filters by attribute (inputs): left to it.
const REWRITTEN = new Set(['style', 'srcset']);
const BOOLEAN = new Set(['open', 'checked', 'disabled', 'controls', 'muted', 'loop', 'reversed']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][-a-zA-Z0-9]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([a-zA-Z][-a-zA-Z0-9]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const COMMENT = /<!--(?!-?>)((?:(?!--|<!--)[\s\S])*)-->/y;

/** The raw HTML without its comments, or undefined when it has anything the sanitiser would change. */
function scan(html: string, open: string[], inline: boolean): string | undefined {
  let out = '';
  let from = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', from)) {
    out += html.slice(from, i);
    COMMENT.lastIndex = i;
    if (COMMENT.test(html)) { from = COMMENT.lastIndex; continue; }
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) return undefined;
    const [whole, closing, rawName, attributes, selfClosing] = m;
    const name = rawName!.toLowerCase();
    if (!PAGE_ALLOWED_TAGS.has(name) || name === 'input' || (inline && !PHRASING.has(name))) return undefined;
    if (closing) {
      if (attributes || selfClosing || open.pop() !== name) return undefined;
    } else {
      if (!attributesAllowed(name, attributes!)) return undefined;
      if (!VOID.has(name)) {
        if (selfClosing) return undefined; // `<a/>` opens an element in HTML
        open.push(name);
      }
    }
    out += whole;
    from = i + whole!.length;
  }
  return from ? out + html.slice(from) : html;
}

function attributesAllowed(tag: string, attributes: string): boolean {
  const allowed = PAGE_ALLOWED_ATTRIBUTES;
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (REWRITTEN.has(name) || (!allowed['*']!.includes(name) && !allowed[tag]?.includes(name))) return false;
    const value = m[2] ?? m[3] ?? m[4];
    // The sanitiser drops an empty or valueless attribute unless it is a boolean one.
    if (!value && !BOOLEAN.has(name)) return false;
    if (value === undefined) continue;
    // Entities could spell anything; URLs must be relative or of the allowed schemes.
    if (value.includes('&')) return false;
    if (URL_ATTRIBUTES.has(name) && !plainUrl(value)) return false;
  }
  return true;
}

/** A URL the sanitiser keeps as it is: http(s), mailto and tel, or relative without a scheme-like start. */
function plainUrl(url: string): boolean {
  // Whitespace, control characters and backslashes are what browsers skip or read as slashes.
  for (let i = 0; i < url.length; i++) if (url.charCodeAt(i) <= 0x20 || url[i] === '\\') return false;
  if (/\s/.test(url)) return false;
  if (/^(?:https?:\/\/|mailto:|tel:)/.test(url)) return true;
  const colon = url.indexOf(':');
  return colon === -1 || /[/?#]/.test(url.slice(0, colon));
}

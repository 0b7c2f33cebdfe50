import type { SearchIndex } from '@atrium/plugin-techdocs/common';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', para: '¶' };

const HEADERLINK = /<a class="headerlink"[^>]*>.*?<\/a>/g;
const SCRIPT_OR_STYLE = /<(script|style)[^>]*>[\s\S]*?<\/\1>/gi;
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi;
// A run of whitespace that is not already a single space.
const SPACES = /(?! (?!\s))\s+/g;
const TAGS_AND_SPACES = /(?:\s|<[^>]+>)+/g;

/** Text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  // Each step only when it has something to do: this runs on every section of every page.
  let s = html.includes('headerlink') ? html.replace(HEADERLINK, '') : html;
  if (/<(?:script|style)/i.test(s)) s = s.replace(SCRIPT_OR_STYLE, ' ');
  // Without entities, dropping tags and collapsing spaces is one pass: a run of spaces and tags is what
  // the two steps below turn into one space.
  if (!s.includes('&')) return s.replace(TAGS_AND_SPACES, ' ').trim();
  if (s.includes('<')) s = s.replace(/<[^>]+>/g, ' ');
  s = s.replace(ENTITY, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
  return s.replace(SPACES, ' ').trim();
}

/** Stands for a code block in the HTML a page's search entries are made from: `CODE_TEXT` + index + `CODE_TEXT`. */
export const CODE_TEXT = '\ue000'; // a private-use character, which docs do not contain
const CODE_MARKER = /\ue000(\d+)\ue000/g;

const HEADING = /<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g;

/**
 * MkDocs' search index entries for one page: one for the page (its title and the text before its first
 * section) and one per h2–h6 section (`page/#id`, that section's own text). The page's h1 is the page
 * entry itself, so its text is not repeated in a second entry.
 */
export function pageSearchEntries(url: string, title: string, html: string, codeTexts: readonly string[] = []): SearchIndex['docs'] {
  const entries: SearchIndex['docs'] = [];
  let current = { location: url, title, start: 0, level: 1 };
  const sections: Array<typeof current & { end: number }> = [];
  for (const m of html.matchAll(HEADING)) {
    const level = Number(m[1]);
    const index = m.index;
    if (level === 1 && current.location === url && sections.length === 0) {
      current.start = index + m[0].length; // skip the page title itself
      continue;
    }
    sections.push({ ...current, end: index });
    current = { location: `${url}#${m[2]}`, title: htmlToText(m[3]!), start: index + m[0].length, level };
  }
  sections.push({ ...current, end: html.length });
  for (const s of sections) {
    let text = htmlToText(html.slice(s.start, s.end));
    if (codeTexts.length && text.includes(CODE_TEXT)) {
      let empty = false;
      text = text.replace(CODE_MARKER, (_m, i: string) => {
        const code = (codeTexts[Number(i)] ?? '').replace(SPACES, ' ').trim();
        empty ||= !code;
        return code;
      });
      if (empty) text = text.replace(/ {2,}/g, ' ').trim();
    }
    entries.push({ location: s.location, title: s.title, text });
  }
  return entries;
}

export function searchIndex(docs: SearchIndex['docs']): SearchIndex {
  return { config: { lang: ['en'], separator: '[\\s\\-]+', pipeline: ['stopWordFilter'] }, docs };
}

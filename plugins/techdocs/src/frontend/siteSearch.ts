import type { SearchIndex } from '@atrium/plugin-techdocs/common';

export interface SiteHit {
  location: string;
  title: string;
  /** The text around the first match. */
  snippet: string;
  score: number;
}

const STOP = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'that', 'the', 'this', 'to', 'with']);

const tokens = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}_]+/u).filter((t) => t && !STOP.has(t));

interface Prepared { doc: SearchIndex['docs'][number]; title: string[]; text: string[]; lower: string }

/**
 * In-site search over the site's MkDocs search index: every query word must match a word of the
 * section (as a prefix, so results come while typing); title matches weigh more than text ones.
 */
export function createSiteSearch(index: SearchIndex) {
  const prepared: Prepared[] = index.docs.map((doc) => ({ doc, title: tokens(doc.title), text: tokens(doc.text), lower: doc.text.toLowerCase() }));
  return (query: string, limit = 20): SiteHit[] => {
    const words = tokens(query);
    if (!words.length) return [];
    const hits: SiteHit[] = [];
    for (const p of prepared) {
      let score = 0;
      let all = true;
      for (const w of words) {
        const inTitle = p.title.some((t) => t.startsWith(w));
        const inText = p.text.filter((t) => t.startsWith(w)).length;
        if (!inTitle && !inText) { all = false; break; }
        score += (inTitle ? 10 : 0) + Math.min(inText, 5) + (p.title.includes(w) ? 5 : 0);
      }
      if (!all) continue;
      hits.push({ location: p.doc.location, title: p.doc.title, snippet: snippet(p.doc.text, p.lower, words[0]!), score });
    }
    return hits.sort((a, b) => b.score - a.score || a.location.localeCompare(b.location)).slice(0, limit);
  };
}

function snippet(text: string, lower: string, word: string): string {
  const at = Math.max(0, lower.indexOf(word));
  const start = Math.max(0, at - 60);
  const out = text.slice(start, start + 160).trim();
  return `${start > 0 ? '…' : ''}${out}${start + 160 < text.length ? '…' : ''}`;
}

/**
 * Turns what a user typed into a tsquery the engine builds itself, so no text ever reaches PostgreSQL's
 * query parser as syntax: words are runs of letters and digits (any script), everything else
 * (quotes, `&|!:*()<>`, SQL) only separates words. The last word is a prefix (search as you type),
 * `"quoted words"` must appear together, and `-word` excludes a word.
 */
export type Clause =
  | { kind: 'word'; word: string; prefix: boolean }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'not'; words: string[] };

export interface ParsedTerm {
  clauses: Clause[];
  /** Lowercase words that must match, in order (no exclusions). */
  words: string[];
  /** The words joined by dashes, as entity names are written: `Playback Service` → `playback-service`. */
  nameKey?: string;
  /** The words joined by spaces. */
  plain: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** More words than this add nothing to relevance and only cost query time. */
const MAX_WORDS = 12;
/** Words longer than this are not words anyone types; they only bloat the query. */
const MAX_WORD_LENGTH = 60;

const wordsOf = (s: string) => (s.match(WORD) ?? []).map((w) => w.slice(0, MAX_WORD_LENGTH));

export function parseTerm(term: string): ParsedTerm {
  const clauses: Clause[] = [];
  const segments = term.normalize('NFKC').toLowerCase().split('"');
  segments.forEach((segment, i) => {
    // Odd segments are inside quotes, unless the last quote was never closed.
    if (i % 2 === 1 && i < segments.length - 1) {
      const phrase = wordsOf(segment);
      if (phrase.length === 1) clauses.push({ kind: 'word', word: phrase[0]!, prefix: false });
      else if (phrase.length) clauses.push({ kind: 'phrase', words: phrase });
      return;
    }
    for (const token of segment.split(/\s+/)) {
      const found = wordsOf(token);
      if (!found.length) continue;
      if (token.startsWith('-') && token.length > 1 && clauses.some((c) => c.kind !== 'not')) clauses.push({ kind: 'not', words: found });
      else for (const word of found) clauses.push({ kind: 'word', word, prefix: false });
    }
  });
  const kept = clauses.slice(0, MAX_WORDS);
  // The user is probably still typing the last word, unless it ends in a space or a closing quote.
  const last = kept[kept.length - 1];
  if (last?.kind === 'word' && /[\p{L}\p{N}]$/u.test(term)) last.prefix = true;
  const words = kept.flatMap((c) => (c.kind === 'word' ? [c.word] : c.kind === 'phrase' ? c.words : []));
  return { clauses: kept, words, nameKey: words.length ? words.join('-') : undefined, plain: words.join(' ') };
}

/** Words hold only letters and digits, so single quotes make each a literal lexeme. */
const quote = (word: string) => `'${word}'`;

/**
 * The tsquery text (for `to_tsquery('english', …)`), with typo corrections OR-ed into their word:
 * `plaback` → `('plaback':* | 'playback')`. Undefined when nothing must match. `typedAsPrefix` false:
 * the word being typed as a whole word (for when no longer lexeme starts with it, see termCte).
 */
export function toTsquery(term: ParsedTerm, corrections: ReadonlyMap<string, string[]> = new Map(), { typedAsPrefix = true } = {}): string | undefined {
  const positive: string[] = [];
  const negative: string[] = [];
  for (const c of term.clauses) {
    if (c.kind === 'word') {
      const alternatives = [c.prefix && typedAsPrefix ? `${quote(c.word)}:*` : quote(c.word), ...(corrections.get(c.word) ?? []).map(quote)];
      positive.push(alternatives.length > 1 ? `(${alternatives.join(' | ')})` : alternatives[0]!);
    } else if (c.kind === 'phrase') positive.push(`(${c.words.map(quote).join(' <-> ')})`);
    else negative.push(`!(${c.words.map(quote).join(' <-> ')})`);
  }
  return positive.length ? [...positive, ...negative].join(' & ') : undefined;
}

/** Words worth correcting: long enough that a trigram comparison means something. */
export function correctableWords(term: ParsedTerm): string[] {
  return [...new Set(term.clauses.flatMap((c) => (c.kind === 'word' && c.word.length >= 3 && !/^\d+$/.test(c.word) ? [c.word] : [])))];
}

/** The word being typed (matched as a prefix), if the term ends in one. */
export function typedWord(term: ParsedTerm): string | undefined {
  const last = term.clauses[term.clauses.length - 1];
  return last?.kind === 'word' && last.prefix ? last.word : undefined;
}

/**
 * Highlights computed in the engine instead of by `ts_headline`: parsing and stemming the text again for
 * every result was most of a docs query's cost in PostgreSQL (25 pages × 700 characters, about 3 ms of
 * 11; see ADR 9). Words are marked by the lexemes of the query as PostgreSQL stemmed them: a word
 * matches a lexeme being typed (`runbook:*`) when it starts with it, and a whole-word lexeme when it
 * starts with it and the rest is an inflection the stemmer removes (`payment` → payments, deployed, …),
 * or when it is one of the typed words itself. A phrase's words are marked where they stand together (or
 * alone, in a text where they never do).
 */
export interface HighlightTerms {
  /** Lexemes (and typed words) that must be the whole word, up to an inflection. */
  words: string[];
  /** Lexemes of words being typed: any word starting with one matches. */
  prefixes: string[];
  /** Phrases, as typed (lowercase words). */
  phrases?: string[][];
}

export interface HighlightTags {
  preTag: string;
  postTag: string;
}

/** What the English stemmer strips from a word (or adds back as `i` for `y`), roughly: enough to recognise the forms of a lexeme. */
const INFLECTION = /^(?:s|es|ed|d|e|ing|ings|er|ers|ly|ment|ments|ness|ation|ations|ion|ions|al|y|ies|ied|ity|ive)?$/;
/** A letter or digit of any script, as a word's characters (the query's words are runs of them too). */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

const ASCII_WORD_CHARS = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0));

function isWordChar(c: number): boolean {
  return c < 128 ? ASCII_WORD_CHARS[c] === 1 : WORD_CHAR.test(String.fromCodePoint(c));
}
/** As ts_headline's MaxWords and MaxFragments were. */
const FRAGMENT_WORDS = 35;
const FRAGMENTS = 2;
/** Words shown before the first match of a fragment. */
const LEAD_WORDS = 6;
const FRAGMENT_DELIMITER = ' … ';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const INFLECTIONS = INFLECTION.source.slice(1, -1);

/** One regular expression for every term (a page of results tests some thousands of words against them). */
function matcher(terms: HighlightTerms): RegExp | undefined {
  const alternatives = [
    ...terms.prefixes.map((p) => `${escape(p.toLowerCase())}.*`),
    ...terms.words.map((l) => `${escape(l.toLowerCase())}${INFLECTIONS}`),
    // A stem ending in `i` stands for a word ending in `y` (happi → happy, happiness).
    ...terms.words.filter((l) => l.endsWith('i')).map((l) => `${escape(l.slice(0, -1).toLowerCase())}${INFLECTIONS}`),
  ];
  return alternatives.length ? new RegExp(`^(?:${alternatives.join('|')})$`, 'iu') : undefined;
}

const compiled = new WeakMap<HighlightTerms, RegExp | undefined>();

/** The terms' expression, compiled once for all the results of a page. */
function matcherOf(terms: HighlightTerms): RegExp | undefined {
  if (!compiled.has(terms)) compiled.set(terms, matcher(terms));
  return compiled.get(terms);
}

export function matchesTerms(word: string, terms: HighlightTerms): boolean {
  return matcherOf(terms)?.test(word) ?? false;
}

/** Whether two forms differ only by an inflection (`breaker` / `breakers`). */
const sameWord = (a: string, b: string) => (a.startsWith(b) && INFLECTION.test(a.slice(b.length))) || (b.startsWith(a) && INFLECTION.test(b.slice(a.length)));

interface Word {
  start: number;
  end: number;
  match: boolean;
}

/**
 * Which ASCII characters (lowercase) start a term: a word starting with any other ASCII character cannot
 * match, so the expression is not tried on it (most words of a window). Undefined when a term starts
 * with a character outside ASCII, whose case-insensitive forms may include ASCII ones (`ſ` for `s`).
 */
function firstLettersOf(terms: HighlightTerms): Uint8Array | undefined {
  const firsts = new Uint8Array(128);
  for (const t of [...terms.prefixes, ...terms.words]) {
    const c = t.toLowerCase().charCodeAt(0);
    if (!(c < 128)) return undefined;
    firsts[c] = 1;
  }
  return firsts;
}

const firstLetters = new WeakMap<HighlightTerms, Uint8Array | undefined>();

/** The words of `text`, each marked when it matches a word of the query or stands in one of its phrases. */
function wordsOf(text: string, terms: HighlightTerms): Word[] {
  const match = matcherOf(terms);
  if (!firstLetters.has(terms)) firstLetters.set(terms, firstLettersOf(terms));
  const firsts = firstLetters.get(terms);
  const words: Word[] = [];
  // The words (runs of letters and digits, WORD_CHAR) read character by character: a regular expression's
  // exec in a loop made a match object and a string for every word, most of a page's highlighting time.
  let start = -1;
  for (let i = 0; i <= text.length;) {
    let c = i < text.length ? text.charCodeAt(i) : 32;
    let size = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      c = text.codePointAt(i)!;
      size = c > 0xffff ? 2 : 1;
    }
    if (c < 128 ? ASCII_WORD_CHARS[c] === 1 : isWordChar(c)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const f = text.charCodeAt(start);
      // An ASCII letter, lowercased (digits and other ASCII stay as they are).
      const first = f >= 65 && f <= 90 ? f + 32 : f;
      const possible = !firsts || first >= 128 || firsts[first] === 1;
      words.push({ start, end: i, match: possible && (match?.test(text.slice(start, i)) ?? false) });
      start = -1;
    }
    i += size;
  }
  const lower = (i: number) => text.slice(words[i]!.start, words[i]!.end).toLowerCase();
  for (const phrase of terms.phrases ?? []) {
    let together = false;
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (!phrase.every((p, j) => sameWord(lower(i + j), p))) continue;
      together = true;
      for (let j = 0; j < phrase.length; j++) words[i + j]!.match = true;
    }
    // Not together in this part of the text (the phrase stands further on): its words where they are.
    if (!together) words.forEach((w, i) => { if (phrase.some((p) => sameWord(lower(i), p))) w.match = true; });
  }
  return words;
}

/** `text` from word `from` to word `to`, matches between the tags. */
function marked(text: string, words: Word[], from: number, to: number, tags: HighlightTags): string {
  let out = '';
  let at = words[from]!.start;
  for (let i = from; i <= to; i++) {
    const w = words[i]!;
    if (!w.match) continue;
    out += `${text.slice(at, w.start)}${tags.preTag}${text.slice(w.start, w.end)}${tags.postTag}`;
    at = w.end;
  }
  return out + text.slice(at, words[to]!.end);
}

/** Every matching word of `text` between the tags (a title: short, shown whole). */
export function highlightAll(text: string, terms: HighlightTerms, tags: HighlightTags): string {
  const words = wordsOf(text, terms);
  if (!words.length) return text;
  return `${text.slice(0, words[0]!.start)}${marked(text, words, 0, words.length - 1, tags)}${text.slice(words[words.length - 1]!.end)}`;
}

/**
 * Up to two fragments of FRAGMENT_WORDS words of `text` around its matches, matches between the tags;
 * the first words when nothing matches (the match may be a form the stemmer knows and this does not).
 */
export function highlightFragments(text: string, terms: HighlightTerms, tags: HighlightTags): string {
  const words = wordsOf(text, terms);
  if (!words.length) return '';
  const fragments: Array<[number, number]> = [];
  let next = words.findIndex((w) => w.match);
  if (next < 0) fragments.push([0, Math.min(words.length, FRAGMENT_WORDS) - 1]);
  while (next >= 0 && fragments.length < FRAGMENTS) {
    const from = Math.max(fragments.length ? fragments[fragments.length - 1]![1] + 1 : 0, next - LEAD_WORDS);
    const to = Math.min(words.length, from + FRAGMENT_WORDS) - 1;
    fragments.push([from, to]);
    next = words.findIndex((w, i) => i > to && w.match);
  }
  return fragments.map(([from, to]) => marked(text, words, from, to, tags)).join(FRAGMENT_DELIMITER);
}

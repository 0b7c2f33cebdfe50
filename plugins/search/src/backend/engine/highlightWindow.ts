import { sql, type RawBuilder } from 'kysely';

/**
 * The part of a document's text highlights come from (see highlightText.ts): HEADLINE_WINDOW_CHARS
 * characters from HEADLINE_LEAD_CHARS before the first place a word starts with one of the locator's
 * stems (the first letters of the words that must match and of their corrections), less a word cut at
 * the window's start; from the text's start when no stem is found (the match may be a form the stems
 * miss). So a page of results sends a few hundred characters of each text, not whole pages.
 *
 * Computed here for a text of at most WINDOW_IN_ENGINE_BYTES (PostgreSQL sends the text itself): in
 * PostgreSQL it was 22 µs of a docs page's CPU, the largest per-row cost of a docs query, and the
 * engine's JavaScript finds it in a few. A longer text (up to 200,000 characters are indexed) is cut
 * there by the same rule (`headlineWindowSql`), so such a page does not send all of itself.
 *
 * The two agree character for character (a test runs both on both databases): positions count code
 * points as PostgreSQL's `substr` does; a word starts where the character before is not a letter, a
 * decimal or letter-like digit, or `_` (PostgreSQL's `\m` under C.UTF-8, and PGlite's: `²` and combining
 * marks are not word characters); spaces are PostgreSQL's `\s` (PGlite alone also counts U+0085).
 */
export const HEADLINE_WINDOW_CHARS = 700;
export const HEADLINE_LEAD_CHARS = 200;
/** Texts up to this size (in UTF-8, as PostgreSQL measures it cheaply) are windowed by the engine. */
export const WINDOW_IN_ENGINE_BYTES = 16_384;

/** A window cut mid-word drops that word's tail: PostgreSQL's pattern, and the same spaces in JavaScript (not the no-break ones). */
const PARTIAL_FIRST_WORD_SQL = '^\\S*\\s';
const SPACES = '\\t\\n\\v\\f\\r \\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000';
const PARTIAL_FIRST_WORD = new RegExp(`^[^${SPACES}]*[${SPACES}]`);
const SURROGATE = /[\ud800-\udfff]/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stems as PostgreSQL's locator (`\m(a|b)`), undefined when there are none. */
export function locatorSql(stems: string[]): string | undefined {
  return stems.length ? `\\m(${stems.join('|')})` : undefined;
}

/** The stems as the engine's locator, compiled once per query. */
export function locatorOf(stems: string[]): RegExp | undefined {
  return stems.length ? new RegExp(`(?<![\\p{L}\\p{Nd}\\p{Nl}_])(?:${stems.map(escape).join('|')})`, 'iu') : undefined;
}

/** The window of `text` (see above). */
export function highlightWindow(text: string, locator: RegExp | undefined): string {
  const at = locator ? text.search(locator) : -1;
  const astral = SURROGATE.test(text);
  // PostgreSQL's `at`, 1-based in code points.
  const point = at < 0 ? 0 : (astral ? codePointsIn(text, 0, at) : at) + 1;
  if (point <= HEADLINE_LEAD_CHARS) return slicePoints(text, 0, HEADLINE_WINDOW_CHARS, astral);
  return slicePoints(text, point - HEADLINE_LEAD_CHARS - 1, HEADLINE_WINDOW_CHARS, astral).replace(PARTIAL_FIRST_WORD, '');
}

/** How many code points `text` has from UTF-16 index `from` to `to`. */
function codePointsIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += pairAt(text, i) ? 2 : 1) n++;
  return n;
}

/** Whether a surrogate pair (one code point) starts at `i`. */
const pairAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
};

/** `count` code points of `text` from code point `start` (as PostgreSQL's substr). */
function slicePoints(text: string, start: number, count: number, astral: boolean): string {
  if (!astral) return text.slice(start, start + count);
  let i = 0;
  for (let n = 0; n < start && i < text.length; n++) i += pairAt(text, i) ? 2 : 1;
  const from = i;
  for (let n = 0; n < count && i < text.length; n++) i += pairAt(text, i) ? 2 : 1;
  return text.slice(from, i);
}

/**
 * The same window in SQL, for texts longer than WINDOW_IN_ENGINE_BYTES. Where the first match starts:
 * regexp_instr collects every match of the text before it answers (12 µs a 2 KB page), so the first
 * match's text is found with substring and its place with strpos; that is the match itself when it starts
 * a word (an earlier occurrence starting a word would have been the first match), else regexp_instr
 * decides. Each step is computed once (`offset 0`): folded into the next, its expression was evaluated at
 * every mention.
 */
export function headlineWindowSql(text: RawBuilder<string>, locator: string | undefined): RawBuilder<string> {
  if (!locator) return sql<string>`left(${text}, ${HEADLINE_WINDOW_CHARS})`;
  return sql<string>`(select case when at > ${HEADLINE_LEAD_CHARS}
      then regexp_replace(substr(${text}, at - ${HEADLINE_LEAD_CHARS}, ${HEADLINE_WINDOW_CHARS}), ${PARTIAL_FIRST_WORD_SQL}, '')
      else left(${text}, ${HEADLINE_WINDOW_CHARS}) end
    from (select case when m.first is null then 0
        when m.at = 1 or substr(${text}, m.at - 1, 1) !~ '\\w' then m.at
        else regexp_instr(${text}, ${locator}, 1, 1, 0, 'i') end as at
      from (select f.first, strpos(${text}, f.first) as at
        from (select substring(${text} from ${`(?i)${locator}`}) as first offset 0) f offset 0) m offset 0) p)`;
}

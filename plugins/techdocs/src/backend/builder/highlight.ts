import type { HighlighterCore, LanguageRegistration, ThemeRegistrationResolved } from 'shiki/core';
import { bundledLanguages, bundledLanguagesAlias } from 'shiki/langs';

/**
 * Syntax highlighting with shiki's TextMate grammars, loading only the grammars a site uses (loading all
 * of them makes the first render take ~16 s, stack.md gotcha 23). One highlighter per process, grown as
 * sites need more. shiki itself is imported on the first build that has code, so a build without code
 * (or whose pages all come from the page cache) never loads it.
 *
 * Two things make it about twice as fast as shiki's own two-theme `codeToTokens` (bench/techdocs.bench.mjs):
 * - shiki's JavaScript regex engine, its Oniguruma patterns translated once per pattern (the table can be
 *   saved and loaded again, see `regexTable`), instead of the Oniguruma WebAssembly engine;
 * - one tokenisation for both colour schemes instead of one per theme: github-light and github-dark
 *   have the same rules (same selectors, same font styles, only the colours differ), so a theme made of
 *   those rules whose colours stand for (light, dark) pairs gives, in one pass, the tokens and colours
 *   of both. The HTML is the one shiki writes for `themes: { light, dark }` (a test compares them).
 */
export const THEMES = { light: 'github-light', dark: 'github-dark' } as const;
const PAIR_THEME = 'atrium-light-dark';

// Names MkDocs users write that shiki spells differently.
const ALIASES: Record<string, string> = { console: 'shellsession', sh: 'bash', shell: 'bash', text: 'text', plain: 'text', none: 'text', conf: 'ini', proto: 'protobuf', yml: 'yaml' };

/** The shiki language for an info-string language, or undefined when shiki has no grammar for it. */
export function resolveLanguage(lang: string): string | undefined {
  const l = ALIASES[lang.toLowerCase()] ?? lang.toLowerCase();
  if (l === 'text') return 'text';
  return l in bundledLanguages || l in bundledLanguagesAlias ? l : undefined;
}

/** An Oniguruma pattern translated to a JavaScript RegExp by oniguruma-to-es (its `toRegExpDetails`). */
export interface RegexDetails {
  pattern: string;
  flags: string;
  options?: Record<string, unknown>;
}

/**
 * The translated patterns, by Oniguruma source: what the JavaScript engine spends most of its first
 * build on. `atrium docs build` saves it with its page cache so the next process starts with it.
 */
const regexes = new Map<string, RegexDetails>();
let regexesAdded = 0;
const recent: Array<[string, RegexDetails]> = [];
export const regexTable = {
  /** Patterns translated since the last `entries()` (0 when nothing new needs saving). */
  get added(): number { return regexesAdded; },
  get size(): number { return regexes.size; },
  /** Every translation, leaving the count of those to save alone. */
  snapshot(): Array<[string, RegexDetails]> { return [...regexes]; },
  entries(): Array<[string, RegexDetails]> { regexesAdded = 0; return [...regexes]; },
  load(entries: Iterable<[string, RegexDetails]>): void { for (const [k, v] of entries) if (!regexes.has(k)) regexes.set(k, v); },
  /** Like `load`, for translations made elsewhere in this build (a render worker): new ones count as added. */
  merge(entries: Iterable<[string, RegexDetails]>): void { for (const [k, v] of entries) if (!regexes.has(k)) { regexes.set(k, v); regexesAdded++; } },
  /** Translations made on this thread since the last call (a render worker sends only these to its parent; at most one per pattern). */
  takeRecent(): Array<[string, RegexDetails]> { return recent.splice(0); },
};

export interface CodeOptions {
  lang?: string;
  highlightLines?: Set<number>;
}

export interface CodeHighlighter {
  /** Highlighted HTML for a code block; plain escaped text for languages without a loaded grammar. */
  highlight(code: string, options: CodeOptions): string;
}

interface State {
  shiki: HighlighterCore;
  /** (light, dark) colours of each placeholder colour of the pair theme, by upper-case placeholder. */
  pairs: Map<string, [string, string]> | undefined;
  pre: string;
}
let state: Promise<State> | undefined;
const loaded = new Set<string>();

const REGEX_OPTIONS = {
  // What shiki's defaultJavaScriptRegexConstructor passes, with the target fixed (Node 20 has the v flag)
  // so saved translations stay valid.
  global: true, hasIndices: true, lazyCompileLength: 3000, target: 'ES2024' as const,
  rules: { allowOrphanBackrefs: true, asciiWordBoundaries: true, captureGroup: true, recursionLimit: 5, singleline: true },
};

async function createState(): Promise<State> {
  const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, onig, { bundledThemes }] = await Promise.all([
    import('shiki/core'), import('shiki/engine/javascript'), import('oniguruma-to-es'), import('shiki/themes'),
  ]);
  const [light, dark] = await Promise.all([bundledThemes[THEMES.light](), bundledThemes[THEMES.dark]()]);
  const engine = createJavaScriptRegexEngine({
    // A pattern oniguruma-to-es cannot translate is skipped (its rule never matches), as shiki's
    // own `forgiving` option does; none of the grammars the tests highlight has one.
    forgiving: true,
    regexConstructor(source) {
      let d = regexes.get(source);
      if (!d) {
        d = onig.toRegExpDetails(source, REGEX_OPTIONS) as RegexDetails;
        regexes.set(source, d);
        regexesAdded++;
        recent.push([source, d]);
      }
      return d.options ? new onig.EmulatedRegExp(d.pattern, d.flags, d.options) : new RegExp(d.pattern, d.flags);
    },
  });
  const shiki = await createHighlighterCore({ engine, themes: [light.default, dark.default], langs: [] });
  const l = shiki.getTheme(THEMES.light), k = shiki.getTheme(THEMES.dark);
  const pair = pairTheme(l, k);
  if (pair) await shiki.loadTheme(pair.theme);
  // The <pre> shiki writes for themes { light, dark } (defaultColor light).
  const pre = `<pre class="shiki shiki-themes ${l.name} ${k.name}" style="background-color:${l.bg};--shiki-dark-bg:${k.bg};color:${l.fg};--shiki-dark:${k.fg}" tabindex="0"><code>`;
  return { shiki, pairs: pair?.pairs, pre };
}

/**
 * A theme with the rules of `light` (and `dark`, which must have the same ones) whose colours are
 * placeholders, one per distinct (light, dark) pair; undefined when the two themes' rules differ.
 */
function pairTheme(light: ThemeRegistrationResolved, dark: ThemeRegistrationResolved): { theme: ThemeRegistrationResolved; pairs: Map<string, [string, string]> } | undefined {
  const a = light.settings, b = dark.settings;
  if (a.length !== b.length) return undefined;
  const pairs = new Map<string, [string, string]>();
  const byPair = new Map<string, string>();
  const placeholder = (x: string | undefined, y: string | undefined): string | undefined => {
    if (x === undefined && y === undefined) return undefined;
    if (x === undefined || y === undefined) throw new Error('unpaired');
    const key = `${x}|${y}`;
    let p = byPair.get(key);
    if (!p) {
      p = `#${(byPair.size + 1).toString(16).padStart(6, '0')}`;
      byPair.set(key, p);
      pairs.set(p.toUpperCase(), [x.toUpperCase(), y.toUpperCase()]);
    }
    return p;
  };
  try {
    const settings = a.map((s, i) => {
      const t = b[i]!;
      if (JSON.stringify(s.scope) !== JSON.stringify(t.scope) || (s.settings.fontStyle ?? '') !== (t.settings.fontStyle ?? '')) throw new Error('different rules');
      const foreground = placeholder(s.settings.foreground, t.settings.foreground);
      const background = placeholder(s.settings.background, t.settings.background);
      return { ...s, settings: { ...s.settings, foreground, background } };
    });
    const fg = placeholder(light.fg, dark.fg)!, bg = placeholder(light.bg, dark.bg)!;
    return { theme: { ...light, name: PAIR_THEME, settings, fg, bg, colorReplacements: {}, colors: {} }, pairs };
  } catch {
    return undefined;
  }
}

/**
 * Loads the grammars for these languages (unknown ones are skipped) and returns the highlighter.
 * `seen` holds the HTML of blocks highlighted earlier in the same build: a code block seen before is
 * not tokenised again (its HTML depends only on the code, the language and the marked lines). Docs
 * repeat install commands and config snippets from page to page; the caller drops it with the build.
 */
export async function prepareHighlighter(langs: Iterable<string>, seen = new Map<string, string>()): Promise<CodeHighlighter> {
  state ??= createState();
  const s = await state;
  const missing = [...new Set(langs)].map(resolveLanguage).filter((l): l is string => !!l && l !== 'text' && !loaded.has(l));
  if (missing.length) {
    const grammars = await Promise.all([...new Set(missing)].map(async (l) => {
      const load = (bundledLanguages as Record<string, () => Promise<{ default: LanguageRegistration[] }>>)[l]
        ?? (bundledLanguagesAlias as Record<string, () => Promise<{ default: LanguageRegistration[] }>>)[l]!;
      return (await load()).default;
    }));
    await s.shiki.loadLanguage(...grammars);
    for (const l of missing) loaded.add(l);
  }
  return {
    highlight(code, options) {
      // The grammar actually used is in the key: a language whose grammar this thread had not loaded
      // (a fence fenceLanguages does not see) is plain here and may be highlighted once loaded.
      const lang = usableLanguage(options.lang);
      const key = `${lang}\n${options.highlightLines?.size ? [...options.highlightLines].join(' ') : ''}\n${code}`;
      let html = seen.get(key);
      if (html === undefined) seen.set(key, html = highlightCode(s, code, lang, options.highlightLines));
      return html;
    },
  };
}

// shiki stops highlighting a line after 500 ms by default, and the first lines of a grammar include
// translating its patterns: on a busy machine that cut highlighting short at random. The limit is
// kept against pathological patterns, but far above what translation takes; very long lines are plain.
const LIMITS = { tokenizeTimeLimit: 10_000, tokenizeMaxLineLength: 20_000 };

/** The loaded shiki language for an info-string language, `text` when there is none. */
function usableLanguage(lang: string | undefined): string {
  const l = lang ? resolveLanguage(lang) : undefined;
  return l && (l === 'text' || loaded.has(l)) ? l : 'text';
}

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// shiki's CSS for a token's font style (getTokenStyleObject), as variables of each theme (only colours
// are written plainly for the default, light, theme).
function fontStyles(fontStyle: number, prefix: string): string {
  if (!fontStyle) return '';
  let out = '';
  if (fontStyle & 1) out += `;${prefix}font-style:italic`;
  if (fontStyle & 2) out += `;${prefix}font-weight:bold`;
  const decorations = [fontStyle & 4 && 'underline', fontStyle & 8 && 'line-through'].filter(Boolean);
  if (decorations.length) out += `;${prefix}text-decoration:${decorations.join(' ')}`;
  return out;
}

/**
 * The HTML is written straight from the tokens: shiki's codeToHtml builds and serialises a HAST tree
 * first, which was most of the build time of the 100-page benchmark. The markup is the same.
 * The pieces are joined once into a flat string: a string grown by `+=` is a tree of thousands of
 * pieces that every later use (putting the block into its page, once per page using it) walks again.
 */
function highlightCode(s: State, code: string, usable: string, marked: Set<number> | undefined): string {
  const out = [s.pre];
  const line = (i: number) => `${i > 0 ? '\n' : ''}<span class="line${marked?.has(i + 1) ? ' highlighted' : ''}">`;
  if (usable === 'text') {
    code.split(/\r?\n/).forEach((text, i) => { out.push(line(i), '<span>', escapeHtml(text), '</span></span>'); });
  } else if (s.pairs) {
    const pairs = s.pairs;
    s.shiki.codeToTokensBase(code, { lang: usable as never, theme: PAIR_THEME, ...LIMITS }).forEach((tokens, i) => {
      out.push(line(i));
      for (const t of tokens) {
        const [light, dark] = pairs.get(t.color!.toUpperCase()) ?? [t.color, t.color];
        const style = t.fontStyle
          ? `color:${light}${fontStyles(t.fontStyle, '--shiki-light-')};--shiki-dark:${dark}${fontStyles(t.fontStyle, '--shiki-dark-')}`
          : `color:${light};--shiki-dark:${dark}`;
        out.push('<span style="', style, '">', escapeHtml(t.content), '</span>');
      }
      out.push('</span>');
    });
  } else {
    s.shiki.codeToTokens(code, { lang: usable as never, themes: THEMES, ...LIMITS }).tokens.forEach((tokens, i) => {
      out.push(line(i));
      for (const t of tokens) {
        const st = t.htmlStyle;
        const style = !st ? '' : typeof st === 'string' ? st : Object.entries(st).map(([k, v]) => `${k}:${v}`).join(';');
        out.push(style ? `<span style="${style}">` : '<span>', escapeHtml(t.content), '</span>');
      }
      out.push('</span>');
    });
  }
  out.push('</code></pre>');
  return out.join('');
}

/** Languages named by fenced code blocks in Markdown source, to load before rendering. */
export function fenceLanguages(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/^[ \t]*(?:```|~~~)[ \t]*\{?[ \t]*\.?([\w+#-]+)/gm)) out.push(m[1]!);
  return out;
}

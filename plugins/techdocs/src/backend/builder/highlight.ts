import type Prism from 'prismjs';
import { prismFiles } from './prismFiles.js';

/**
 * Syntax highlighting with Prism's grammars (prismjs 1.30, ~300 languages): each code block becomes
 * lines of spans classed by token type (`token keyword`, `token string`, …), and the colours come from
 * the stylesheet (the reader's techdocs.css and the standalone site's, light and dark from the same
 * HTML). Prism and a grammar are loaded when a build first needs them; one instance per thread.
 *
 * It replaced shiki (TextMate grammars on a JavaScript regex engine) on 2026-12-02: on Fastify's docs
 * shiki took ~2 ms a code block and was 80% of a warm build; Prism takes ~45 µs (ADR 0010).
 */
type Grammar = Prism.Grammar;
interface PrismLike {
  languages: Record<string, Grammar | undefined>;
  tokenize(text: string, grammar: Grammar): Array<string | Prism.Token>;
  hooks: { run(name: string, env: Record<string, unknown>): void };
}
interface Components {
  languages: Record<string, { alias?: string | string[] } | string>;
}

// Names MkDocs users write that Prism spells differently or lacks (nearest grammar).
const ALIASES: Record<string, string> = {
  console: 'shell-session', shellscript: 'bash', zsh: 'bash', terminal: 'shell-session', conf: 'ini', cfg: 'ini',
  proto: 'protobuf', jsonc: 'json', terraform: 'hcl', tf: 'hcl', vue: 'markup', svelte: 'markup', mdx: 'markdown',
  make: 'makefile', mk: 'makefile', golang: 'go', ps1: 'powershell', py3: 'python', dotenv: 'bash', env: 'bash',
  text: 'text', txt: 'text', plain: 'text', plaintext: 'text', none: 'text', output: 'text',
};
// Prism components that only extend other grammars: not languages a fence can name.
const NOT_LANGUAGES = new Set(['meta', 'markup-templating', 'javadoclike', 'js-templates', 'js-extras', 'php-extras', 't4-templating', 'xml-doc']);

let byName: Map<string, string> | undefined;
/** Prism's language ids by every name and alias it knows, plus ours. */
function languageNames(): Map<string, string> {
  if (byName) return byName;
  const components = prismFiles.components() as Components;
  const names = new Map<string, string>();
  for (const [id, c] of Object.entries(components.languages)) {
    if (NOT_LANGUAGES.has(id) || typeof c === 'string') continue;
    names.set(id, id);
    for (const a of [c.alias ?? []].flat()) names.set(a, id);
  }
  for (const [a, id] of Object.entries(ALIASES)) names.set(a, id);
  return byName = names;
}

/** The Prism language for an info-string language (`text` for plain), or undefined when there is no grammar for it. */
export function resolveLanguage(lang: string): string | undefined {
  return languageNames().get(lang.toLowerCase());
}

export interface CodeOptions {
  lang?: string;
  highlightLines?: Set<number>;
}

export interface CodeHighlighter {
  /** Highlighted HTML for a code block; plain escaped text for languages without a loaded grammar. */
  highlight(code: string, options: CodeOptions): string;
}

let prism: PrismLike | undefined;
let loadLanguages: ((ids: string[]) => void) | undefined;
const loaded = new Set<string>();

function loadPrism(): PrismLike {
  if (prism) return prism;
  // prismjs sets a global `Prism` that its language files extend (per thread: workers have their own).
  prism = prismFiles.core() as PrismLike;
  const load = prismFiles.loadLanguages() as ((ids: string[]) => void) & { silent: boolean };
  load.silent = true;
  loadLanguages = load;
  withoutParameterLists(prism);
  return prism;
}

/**
 * Loads the grammars for these languages (unknown ones are skipped) and returns the highlighter.
 * `seen` holds the HTML of blocks highlighted earlier in the same build: a code block seen before is
 * not tokenised again (its HTML depends only on the code, the language and the marked lines). Docs
 * repeat install commands and config snippets from page to page; the caller drops it with the build.
 */
export async function prepareHighlighter(langs: Iterable<string>, seen = new Map<string, string>()): Promise<CodeHighlighter> {
  const missing = [...new Set([...langs].map(resolveLanguage))].filter((l): l is string => !!l && l !== 'text' && !loaded.has(l));
  const p = loadPrism();
  if (missing.length) {
    // Prism's loader orders dependencies and reloads grammars that others extend (markup after javascript).
    loadLanguages!(missing);
    for (const l of missing) loaded.add(l);
    withoutParameterLists(p);
  }
  return {
    highlight(code, options) {
      // The grammar actually used is in the key: a language whose grammar this thread had not loaded
      // (a fence fenceLanguages does not see) is plain here and may be highlighted once loaded.
      const lang = usableLanguage(options.lang);
      const key = `${lang}\n${options.highlightLines?.size ? [...options.highlightLines].join(' ') : ''}\n${code}`;
      let html = seen.get(key);
      if (html === undefined) seen.set(key, html = highlightCode(p, code, lang, options.highlightLines));
      return html;
    },
  };
}

/**
 * JavaScript's grammar tokenises every parameter list a second time, with the whole grammar inside a
 * `parameter` token that the stylesheet does not colour: a third of the highlighting of Fastify's
 * JavaScript. Prism's own TypeScript, TSX and Flow grammars drop it; so do these (after every load:
 * loading a grammar that JavaScript optionally uses builds JavaScript again).
 */
function withoutParameterLists(p: PrismLike): void {
  for (const id of ['javascript', 'jsx']) delete (p.languages[id] as Record<string, unknown> | undefined)?.parameter;
}

/** The loaded Prism language for an info-string language, `text` when there is none. */
function usableLanguage(lang: string | undefined): string {
  const l = lang ? resolveLanguage(lang) : undefined;
  return l && loaded.has(l) ? l : 'text';
}

// Far past any code block worth reading; tokenising it would only cost time.
const MAX_HIGHLIGHTED = 200_000;

const escapeHtml = (t: string) => !/[&<>]/.test(t) ? t : t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One `<span class="line">` per line (line numbers and marked lines are drawn on them by CSS), each
 * token a `<span class="token TYPE ALIAS…">`. Prism's tokens nest and may span lines (a template
 * string, a block comment): at a line break the open spans are closed, and opened again on the next
 * line only when text follows (no empty spans). The pieces are joined once into a flat string: a
 * string grown by `+=` is a tree of thousands of pieces that every later use walks again.
 */
function highlightCode(p: PrismLike, code: string, lang: string, marked: Set<number> | undefined): string {
  const out = ['<pre class="highlight" tabindex="0"><code>'];
  let line = 1;
  out.push(marked?.has(1) ? '<span class="line highlighted">' : '<span class="line">');
  // The tokens enclosing the current text, and how many of them are open in the output.
  const open: string[] = [];
  let shown = 0;
  const write = (s: string) => {
    while (shown < open.length) out.push(open[shown++]!);
    out.push(escapeHtml(s));
  };
  const text = (s: string) => {
    let from = 0;
    for (let nl = s.indexOf('\n'); nl !== -1; nl = s.indexOf('\n', from)) {
      if (nl > from) write(s.slice(from, nl));
      for (; shown > 0; shown--) out.push('</span>');
      line++;
      out.push(marked?.has(line) ? '</span>\n<span class="line highlighted">' : '</span>\n<span class="line">');
      from = nl + 1;
    }
    if (from < s.length) write(from ? s.slice(from) : s);
  };
  const walk = (stream: Prism.TokenStream) => {
    if (typeof stream === 'string') return text(stream);
    if (!Array.isArray(stream)) stream = [stream];
    for (const t of stream) {
      if (typeof t === 'string') { text(t); continue; }
      // Punctuation outside any token has the block's own colour: a span per bracket and comma would
      // be a quarter of the page's bytes for nothing.
      if (t.type === 'punctuation' && !t.alias && open.length === 0 && typeof t.content === 'string') { text(t.content); continue; }
      const alias = t.alias ? ` ${typeof t.alias === 'string' ? t.alias : t.alias.join(' ')}` : '';
      open.push(`<span class="token ${t.type}${alias}">`);
      walk(t.content);
      if (shown === open.length) { out.push('</span>'); shown--; }
      open.pop();
    }
  };
  const grammar = lang === 'text' || code.length > MAX_HIGHLIGHTED ? undefined : p.languages[lang];
  if (grammar) {
    // What Prism.highlight does before stringifying: some grammars (PHP in HTML, templates) work in hooks.
    const env: Record<string, unknown> = { code, grammar, language: lang };
    p.hooks.run('before-tokenize', env);
    env.tokens = p.tokenize(env.code as string, env.grammar as Grammar);
    p.hooks.run('after-tokenize', env);
    walk(env.tokens as Prism.TokenStream);
  } else {
    text(code);
  }
  out.push('</span></code></pre>');
  return out.join('');
}

/** Languages named by fenced code blocks in Markdown source, to load before rendering. */
export function fenceLanguages(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/^[ \t]*(?:```|~~~)[ \t]*\{?[ \t]*\.?([\w+#-]+)/gm)) out.push(m[1]!);
  return out;
}

import { bundledLanguages, bundledLanguagesAlias, createHighlighter, type Highlighter } from 'shiki';

/**
 * Syntax highlighting with shiki, loading only the grammars a site uses (loading all of them makes the
 * first render take ~16 s, stack.md gotcha 23). One highlighter per process, grown as sites need more.
 */
let highlighter: Promise<Highlighter> | undefined;
const loaded = new Set<string>();
const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

// Names MkDocs users write that shiki spells differently.
const ALIASES: Record<string, string> = { console: 'shellsession', sh: 'bash', shell: 'bash', text: 'text', plain: 'text', none: 'text', conf: 'ini', proto: 'protobuf', yml: 'yaml' };

/** The shiki language for an info-string language, or undefined when shiki has no grammar for it. */
export function resolveLanguage(lang: string): string | undefined {
  const l = ALIASES[lang.toLowerCase()] ?? lang.toLowerCase();
  if (l === 'text') return 'text';
  return l in bundledLanguages || l in bundledLanguagesAlias ? l : undefined;
}

/** Loads the grammars for these languages (unknown ones are skipped) and returns the highlighter. */
export async function prepareHighlighter(langs: Iterable<string>): Promise<Highlighter> {
  // Oniguruma (WebAssembly), not shiki's JavaScript regex engine: that one made the 100-page
  // benchmark (bench/techdocs.bench.mjs) about twice as slow.
  highlighter ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [] });
  const h = await highlighter;
  const missing = [...new Set(langs)].map(resolveLanguage).filter((l): l is string => !!l && l !== 'text' && !loaded.has(l));
  if (missing.length) {
    await h.loadLanguage(...(missing as Parameters<Highlighter['loadLanguage']>));
    for (const l of missing) loaded.add(l);
  }
  return h;
}

export interface CodeOptions {
  lang?: string;
  highlightLines?: Set<number>;
}

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const styleOf = (style: Record<string, string> | string | undefined) =>
  !style ? '' : typeof style === 'string' ? style : Object.entries(style).map(([k, v]) => `${k}:${v}`).join(';');

/**
 * Highlighted HTML for a code block; plain escaped text for languages without a loaded grammar. The
 * HTML is written straight from shiki's tokens: its codeToHtml builds and serialises a HAST tree
 * first, which was most of the build time of the 100-page benchmark. The markup is the same.
 */
export function highlightCode(h: Highlighter, code: string, options: CodeOptions): string {
  const lang = options.lang ? resolveLanguage(options.lang) : undefined;
  const usable = lang && (lang === 'text' || loaded.has(lang)) ? lang : 'text';
  const marked = options.highlightLines;
  const { tokens, fg, bg, themeName } = h.codeToTokens(code, { lang: usable as never, themes: THEMES });
  let out = `<pre class="shiki ${themeName ?? ''}" style="background-color:${bg ?? ''};color:${fg ?? ''}" tabindex="0"><code>`;
  tokens.forEach((line, i) => {
    if (i > 0) out += '\n';
    out += `<span class="line${marked?.has(i + 1) ? ' highlighted' : ''}">`;
    for (const t of line) {
      const style = styleOf(t.htmlStyle as Record<string, string> | undefined) || (t.color ? `color:${t.color}` : '');
      out += style ? `<span style="${style}">${escapeHtml(t.content)}</span>` : `<span>${escapeHtml(t.content)}</span>`;
    }
    out += '</span>';
  });
  return `${out}</code></pre>`;
}

/** Languages named by fenced code blocks in Markdown source, to load before rendering. */
export function fenceLanguages(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/^[ \t]*(?:```|~~~)[ \t]*\{?[ \t]*\.?([\w+#-]+)/gm)) out.push(m[1]!);
  return out;
}

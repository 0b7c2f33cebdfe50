import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateCore, Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { blocksPlugin } from './blocks.js';
import { fencesPlugin } from './fences.js';
import type { CodeHighlighter } from './highlight.js';
import { headingsPlugin } from './headings.js';
import { linksPlugin } from './links.js';
import { acceptRawHtml } from './rawHtml.js';
import { CODE_TEXT } from './searchIndex.js';
import type { PageEnv } from './pageEnv.js';
import { describeUnsafeHtml, looksUnsafe, sanitizePageHtml } from './sanitize.js';
import { abbr, attrs, deflist, emoji, footnote, taskLists } from './untypedPlugins.js';

/**
 * One markdown-it configured for what MkDocs sites use with Backstage's techdocs-core: CommonMark +
 * tables, strikethrough, task lists, footnotes, definition lists, abbreviations, `{#id .class}`
 * attributes, admonitions, collapsibles, content tabs, highlighted code, Mermaid, emoji shortcodes
 * (pymdownx.emoji's, as Unicode) and MkDocs' links and ids.
 */
export function createMarkdown(highlighter: () => CodeHighlighter): MarkdownItInstance {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.use(blocksPlugin)
    .use(footnote)
    .use(deflist)
    .use(abbr)
    .use(attrs, { allowedAttributes: ['id', 'class', 'title', 'width', 'height', 'alt', 'target', 'rel', 'lang'] })
    .use(taskLists, { enabled: false, label: true })
    .use(headingsPlugin)
    .use(linksPlugin)
    .use(fencesPlugin, highlighter);
  onlyWhenNeeded(md, 'curly_attributes');
  md.core.ruler.after('linkify', 'emoji', emojiWhenNeeded(md));
  // Right after parsing, before plugins add generated HTML tokens (task lists, heading anchors): what
  // is HTML here came from the page's source.
  md.core.ruler.after('inline', 'detect_raw_html', detectRawHtml);
  md.core.ruler.push('report_unsafe_html', reportUnsafeHtml);
  // MkDocs wraps tables so wide ones scroll instead of widening the page.
  md.renderer.rules.table_open = () => '<div class="table-wrapper"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  return md;
}

/**
 * markdown-it-attrs tries each of its patterns on every token, a tenth of a page's render, yet every
 * pattern needs its `{` in the text of an inline token (not in its code spans: real docs hold many
 * `{ … }` in inline code) or in a fence's info; markdown-it-emoji tries its regular expression of
 * 1,900 names on every text token, and each needs a `:name:`. Pages without one skip the rule.
 */
const inText = (t: Token, test: (text: string) => boolean) => (t.type === 'text' || t.type === 'text_special') && test(t.content);
const hasBrace = (text: string) => text.includes('{');
const EMOJI_LIKE = /:[\w+-]+:/;
const hasShortcode = (text: string) => text.includes(':') && EMOJI_LIKE.test(text);
const RULE_NEEDS: Record<string, (t: Token) => boolean> = {
  curly_attributes: (t) => (t.type === 'inline' && hasBrace(t.content) && !!t.children?.some((c) => inText(c, hasBrace))) || (t.type === 'fence' && hasBrace(t.info)),
  emoji: (t) => t.type === 'inline' && hasShortcode(t.content) && !!t.children?.some((c) => inText(c, hasShortcode)),
};

function onlyWhenNeeded(md: MarkdownItInstance, name: keyof typeof RULE_NEEDS): void {
  const rule = (md.core.ruler as unknown as { __rules__: Array<{ name: string; fn: (state: StateCore) => void }> }).__rules__.find((r) => r.name === name);
  if (!rule) return;
  const original = rule.fn;
  const needs = RULE_NEEDS[name]!;
  md.core.ruler.at(name, (state) => {
    if (state.tokens.some(needs)) original(state);
  });
}

/**
 * markdown-it-emoji, set up on the first page with a `:name:`: setting it up makes one regular
 * expression of its 1,900 names and three of Unicode's classes, ~7 ms of a fresh build of a site
 * without any shortcode (ADR 0010, 2026-12-04). Its rule comes from a markdown-it of its own, the same
 * rule `md.use(emoji)` would add here, at the same place (after linkify); shortcodes only, as
 * pymdownx.emoji does not turn :) or :/ into emoji.
 */
function emojiWhenNeeded(md: MarkdownItInstance): (state: StateCore) => void {
  let rule: ((state: StateCore) => void) | undefined;
  return (state) => {
    if (!state.tokens.some(RULE_NEEDS.emoji!)) return;
    if (!rule) {
      const own = new MarkdownIt().use(emoji, { shortcuts: {} });
      rule = (own.core.ruler as unknown as { __rules__: Array<{ name: string; fn: (state: StateCore) => void }> }).__rules__.find((r) => r.name === 'emoji')!.fn;
      md.renderer.rules.emoji = own.renderer.rules.emoji!;
    }
    rule(state);
  };
}

function detectRawHtml(state: StateCore): void {
  const env = state.env as unknown as PageEnv;
  // Raw HTML tokens come only from a `<` in the source (no rule before this one makes them).
  if (!state.src.includes('<')) {
    env.rawHtml = false;
    env.sourceHtml = false;
    return;
  }
  const raw = state.tokens.some((t) => t.type === 'html_block' || t.children?.some((c) => c.type === 'html_inline'));
  // Plain raw HTML (anchors, allowed tags and attributes, balanced) needs no sanitiser: rawHtml.ts.
  env.rawHtml = raw && !acceptRawHtml(state.tokens);
  env.sourceHtml = raw;
}

function reportUnsafeHtml(state: StateCore): void {
  const env = state.env as unknown as PageEnv;
  // HTML tokens added after detectRawHtml are our plugins' own: a page without raw HTML has none to check.
  if (!env.sourceHtml) return;
  const check = (html: string, line: number | undefined) => {
    const problem = describeUnsafeHtml(html);
    if (problem) env.warn(problem, line);
  };
  for (const t of state.tokens) {
    const line = t.map ? t.map[0] + 1 + env.lineOffset : undefined;
    if (t.type === 'html_block') check(t.content, line);
    for (const c of t.children ?? []) if (c.type === 'html_inline' && !c.meta?.trusted) check(c.content, line);
  }
}

/** Splits YAML front matter (MkDocs' `meta`) from the Markdown, keeping how many lines it took. */
export function splitFrontMatter(text: string): { meta: Record<string, unknown>; body: string; lines: number; error?: string } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { meta: {}, body: text, lines: 0 };
  const lines = m[0].split('\n').length - (m[0].endsWith('\n') ? 1 : 0);
  try {
    const meta = parseYaml(m[1]!) as unknown;
    return { meta: meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {}, body: text.slice(m[0].length), lines };
  } catch (e) {
    return { meta: {}, body: text.slice(m[0].length), lines, error: (e as Error).message.split('\n')[0] };
  }
}

const CODE_BLOCK = /<div data-code-block="(\d+)"><\/div>/g;

export interface RenderedPage {
  html: string;
  /** The same HTML with each code block as a marker of `codeTexts`, to index. */
  searchHtml: string;
  codeTexts: string[];
  /** Title from front matter or the first h1; undefined when the page has neither. */
  title?: string;
  headings: Array<{ level: number; id: string; title: string }>;
  toc: PageEnv['toc'] & object;
}

export function renderMarkdown(md: MarkdownItInstance, text: string, env: Omit<PageEnv, 'codeBlocks' | 'codeTexts' | 'lineOffset'>): RenderedPage {
  const front = splitFrontMatter(text.replace(/^\uFEFF/, ''));
  const pageEnv: PageEnv = { ...env, codeBlocks: [], codeTexts: [], lineOffset: front.lines };
  if (front.error) env.warn(`invalid front matter: ${front.error}`, 1);
  const raw = md.render(front.body, pageEnv as unknown as Record<string, unknown>);
  // markdown-it escapes text and attributes, refuses javascript: links and keeps only allowed
  // attributes ({: } lists), so a page without raw HTML, or with only plain raw HTML (rawHtml.ts),
  // has nothing to sanitise (a test checks the sanitiser leaves such pages unchanged); a
  // dangerous-looking pattern sanitises it anyway.
  const safe = pageEnv.rawHtml || looksUnsafe(raw) ? sanitizePageHtml(raw) : raw;
  const html = safe.replace(CODE_BLOCK, (_m, i: string) => pageEnv.codeBlocks[Number(i)] ?? '');
  // Code goes into the search text as it is (searchIndex.ts puts it where its marker is): escaping it
  // into the HTML only for the index to strip and unescape it again was most of the index's work.
  const searchHtml = pageEnv.codeTexts.length ? safe.replace(CODE_BLOCK, (_m, i: string) => ` ${CODE_TEXT}${i}${CODE_TEXT} `) : html;
  const headings = pageEnv.headings ?? [];
  const metaTitle = typeof front.meta.title === 'string' ? front.meta.title : undefined;
  return { html, searchHtml, codeTexts: pageEnv.codeTexts, title: metaTitle ?? headings.find((h) => h.level === 1)?.title, headings, toc: pageEnv.toc ?? [] };
}

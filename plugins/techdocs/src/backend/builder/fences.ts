import type { MarkdownIt } from 'markdown-it';
import type { PageEnv } from './pageEnv.js';
import type { CodeHighlighter } from './highlight.js';

/** The parts of a fence info string: ```` ```py title="app.py" linenums="1" hl_lines="2 3" ```` or `{ .py title="x" }`. */
export function parseFenceInfo(info: string): { lang?: string; title?: string; linenums?: number; hlLines: Set<number> } {
  const s = info.trim().replace(/^\{\s*(.*?)\s*\}$/, '$1');
  const attrs = new Map<string, string>();
  for (const m of s.matchAll(/([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) attrs.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? '');
  const first = /^\.?([^\s=]+)(?=\s|$)/.exec(s)?.[1];
  const hlLines = new Set<number>();
  for (const part of (attrs.get('hl_lines') ?? '').split(/\s+/).filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || Number.isNaN(a)) continue;
    for (let n = a; n <= (b ?? a); n++) hlLines.add(n);
  }
  const linenums = attrs.has('linenums') ? Number(attrs.get('linenums')) || 1 : undefined;
  return { lang: first, title: attrs.get('title'), linenums, hlLines };
}

/**
 * Code blocks: highlighted (highlight.ts), with an optional title bar and line numbers (pymdownx.highlight's
 * options), and `mermaid` blocks left as source for the reader to draw (pymdownx.superfences' custom fence).
 * The highlighted HTML is stashed and a placeholder rendered, so the sanitizer never sees (or strips) it.
 */
export function fencesPlugin(md: MarkdownIt, highlighter: () => CodeHighlighter): void {
  md.renderer.rules.fence = (tokens, idx, _options, envArg) => {
    const env = envArg as unknown as PageEnv;
    const token = tokens[idx]!;
    const info = parseFenceInfo(token.info);
    if (info.lang === 'mermaid') {
      return `<pre class="mermaid"><code>${md.utils.escapeHtml(token.content)}</code></pre>\n`;
    }
    let html = highlighter().highlight(token.content.replace(/\n$/, ''), { lang: info.lang, highlightLines: info.hlLines });
    if (info.linenums !== undefined) {
      html = `<div class="linenums" style="counter-reset: line ${info.linenums - 1}">${html}</div>`;
    }
    const title = info.title ? `<div class="code-title">${md.utils.escapeHtml(info.title)}</div>` : '';
    const lang = info.lang ? ` data-lang="${md.utils.escapeHtml(info.lang)}"` : '';
    env.codeBlocks.push(`<div class="code-block"${lang}>${title}${html}</div>`);
    env.codeTexts.push(info.title ? `${info.title} ${token.content}` : token.content);
    return `<div data-code-block="${env.codeBlocks.length - 1}"></div>\n`;
  };
}

import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { TocItem } from '@atrium/plugin-techdocs/common';
import { slugify, uniqueId } from './slug.js';
import type { PageEnv } from './pageEnv.js';

/** Plain text of an inline token, the way Python-Markdown's toc sees a heading (markup stripped). */
export function inlineText(token: Token): string {
  let text = '';
  for (const c of token.children ?? []) {
    if (c.type === 'text' || c.type === 'code_inline') text += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') text += ' ';
    else if (c.type === 'image') text += c.content;
  }
  return text;
}

/** Gives every heading its MkDocs id and a permalink, and records the page's table of contents. */
function headingRule(state: StateCore): void {
  const env = state.env as unknown as PageEnv;
  const used = new Set<string>();
  const headings: Array<{ level: number; id: string; title: string; open: Token }> = [];
  const tokens = state.tokens;
  // Ids set by hand (`{#id}`) are reserved first, as Python-Markdown does.
  for (const t of tokens) {
    const id = t.attrGet('id');
    if (id !== null) used.add(String(id));
  }
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== 'heading_open') continue;
    const inline = tokens[i + 1]!;
    const title = inlineText(inline).trim();
    let id = open.attrGet('id') === null ? null : String(open.attrGet('id'));
    if (!id) {
      id = uniqueId(slugify(title), used);
      open.attrSet('id', id);
    }
    headings.push({ level: Number(open.tag.slice(1)), id, title, open });
    const link = new state.Token('html_inline', '', 0);
    link.content = `<a class="headerlink" href="#${state.md.utils.escapeHtml(id)}" title="Permanent link" aria-label="Link to this section">¶</a>`;
    link.meta = { trusted: true };
    inline.children = [...(inline.children ?? []), link];
  }
  env.headings = headings.map(({ level, id, title }) => ({ level, id, title }));
  env.toc = nestToc(env.headings);
}

/** Nests headings by level: each heading goes under the nearest earlier one with a lower level. */
export function nestToc(flat: Array<{ level: number; id: string; title: string }>): TocItem[] {
  const root: TocItem[] = [];
  const stack: TocItem[] = [];
  for (const h of flat) {
    const item: TocItem = { ...h, children: [] };
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.children : root).push(item);
    stack.push(item);
  }
  return root;
}

export function headingsPlugin(md: MarkdownIt): void {
  // After attrs (so `{#id}` is applied) and the tab grouping.
  md.core.ruler.push('mkdocs_headings', headingRule);
}

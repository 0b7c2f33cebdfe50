import type { MarkdownIt, StateBlock, StateCore, Token } from 'markdown-it';

/**
 * The indented block syntaxes of MkDocs sites, in one rule since they share their shape (a marker line,
 * then content indented by four spaces):
 *   `!!! note "Title"`   admonition (Python-Markdown `admonition`)
 *   `??? note "Title"`   collapsible, `???+` open (pymdownx.details)
 *   `=== "Label"`        content tab; consecutive tabs form one set, `===!` starts a new set (pymdownx.tabbed)
 * markdown-it-admon keeps the quotes in titles and has neither details nor tabs (stack.md gotcha 24).
 */
const MARKER = /^(!!!|\?\?\?\+?|===[!+]{0,2})(?:[ \t]+(.*))?$/;

function parseHeader(rest: string): { type: string; title?: string } {
  const m = /^([\w-]+)?(?:[ \t]+[\w-]+)*?(?:[ \t]*"(.*)")?[ \t]*$/.exec(rest.trim());
  if (!m) return { type: 'note' };
  const type = (m[1] ?? 'note').toLowerCase();
  return { type, title: m[2] };
}

function blockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const ch = state.src.charCodeAt(start);
  if (ch !== 0x21 /* ! */ && ch !== 0x3f /* ? */ && ch !== 0x3d /* = */) return false;
  const line = state.src.slice(start, state.eMarks[startLine]);
  const m = MARKER.exec(line);
  if (!m) return false;
  const marker = m[1]!;
  if (marker.startsWith('===') && !/^\s*".*"\s*$/.test(m[2] ?? '')) return false;
  if (silent) return true;

  // Content: following lines indented by at least 4 more columns, blank lines included.
  let next = startLine + 1;
  let lastContent = startLine;
  for (; next < endLine; next++) {
    const blank = state.bMarks[next]! + state.tShift[next]! >= state.eMarks[next]!;
    if (blank) continue;
    if (state.sCount[next]! < state.blkIndent + 4) break;
    lastContent = next;
  }
  const contentEnd = lastContent + 1;

  const kind = marker.startsWith('!!!') ? 'admonition' : marker.startsWith('???') ? 'details' : 'tab';
  const header = kind === 'tab' ? { type: 'tab', title: /"(.*)"/.exec(m[2] ?? '')![1] } : parseHeader(m[2] ?? '');
  const open = state.push(`${kind}_open`, kind === 'details' ? 'details' : 'div', 1);
  open.block = true;
  open.map = [startLine, contentEnd];
  open.info = header.type;
  open.meta = { title: header.title, open: marker === '???+', newSet: marker.includes('!'), selected: marker.includes('+') };

  const title = kind === 'tab' ? header.title! : header.title ?? capitalize(header.type);
  if (title) {
    const t = state.push(`${kind}_title_open`, kind === 'details' ? 'summary' : kind === 'tab' ? 'span' : 'p', 1);
    t.attrSet('class', kind === 'tab' ? 'tabbed-label' : 'admonition-title');
    const inline = state.push('inline', '', 0);
    inline.content = title;
    inline.map = [startLine, startLine + 1];
    inline.children = [];
    state.push(`${kind}_title_close`, kind === 'details' ? 'summary' : kind === 'tab' ? 'span' : 'p', -1);
  }

  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  const oldIndent = state.blkIndent;
  state.parentType = 'blockquote' as typeof state.parentType;
  state.lineMax = contentEnd;
  state.blkIndent += 4;
  state.md.block.tokenize(state, startLine + 1, contentEnd);
  state.blkIndent = oldIndent;
  state.lineMax = oldLineMax;
  state.parentType = oldParent;

  const close = state.push(`${kind}_close`, kind === 'details' ? 'details' : 'div', -1);
  close.block = true;
  state.line = contentEnd;
  return true;
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Groups adjacent tabs into sets and numbers them, so radio inputs make the tabs work without script. */
function groupTabs(state: StateCore): void {
  const out: Token[] = [];
  const tokens = state.tokens;
  const env = state.env as { tabSetCounter?: number };
  const depthOpen: Array<{ set: number; tab: number } | undefined> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'tab_open') {
      const prev = out[out.length - 1];
      const continues = prev?.type === 'tabset_continue' && prev.level === t.level && !t.meta?.newSet;
      if (continues) out.pop();
      else {
        env.tabSetCounter = (env.tabSetCounter ?? 0) + 1;
        const setOpen = new state.Token('tabset_open', 'div', 1);
        setOpen.block = true;
        setOpen.meta = { set: env.tabSetCounter };
        out.push(setOpen);
        depthOpen[t.level] = { set: env.tabSetCounter, tab: 0 };
      }
      const info = depthOpen[t.level]!;
      info.tab += 1;
      t.meta = { ...t.meta, set: info.set, tab: info.tab };
      out.push(t);
      continue;
    }
    out.push(t);
    if (t.type === 'tab_close') {
      const marker = new state.Token('tabset_continue', '', 0);
      marker.level = t.level;
      out.push(marker);
      const nextTok = tokens[i + 1];
      if (nextTok?.type !== 'tab_open' || nextTok.meta?.newSet) {
        out.pop();
        const setClose = new state.Token('tabset_close', 'div', -1);
        setClose.block = true;
        out.push(setClose);
      }
    }
  }
  state.tokens = out;
}

export function blocksPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'mkdocs_blocks', blockRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.push('mkdocs_tabs', groupTabs);
  const r = md.renderer.rules;
  r.admonition_open = (tokens, idx) => `<div class="admonition ${md.utils.escapeHtml(tokens[idx]!.info)}">\n`;
  r.admonition_close = () => '</div>\n';
  r.details_open = (tokens, idx) => `<details class="${md.utils.escapeHtml(tokens[idx]!.info)}"${tokens[idx]!.meta?.open ? ' open' : ''}>\n`;
  r.details_close = () => '</details>\n';
  r.details_title_open = () => '<summary>';
  r.details_title_close = () => '</summary>\n';
  r.tabset_open = () => '<div class="tabbed-set">\n';
  r.tabset_close = () => '</div>\n';
  r.tab_open = (tokens, idx) => {
    const { set, tab, selected } = tokens[idx]!.meta as { set: number; tab: number; selected: boolean };
    const id = `__tabbed_${set}_${tab}`;
    const checked = tab === 1 || selected ? ' checked' : '';
    return `<input type="radio" name="__tabbed_${set}" id="${id}" class="tabbed-input"${checked}>`;
  };
  r.tab_title_open = (tokens, idx) => {
    // The label belongs to the input just rendered: find the tab_open before this title.
    let j = idx - 1;
    while (j >= 0 && tokens[j]!.type !== 'tab_open') j--;
    const { set, tab } = tokens[j]!.meta as { set: number; tab: number };
    return `<label for="__tabbed_${set}_${tab}" class="tabbed-label">`;
  };
  r.tab_title_close = () => '</label><div class="tabbed-content">\n';
  r.tab_close = () => '</div>\n';
}

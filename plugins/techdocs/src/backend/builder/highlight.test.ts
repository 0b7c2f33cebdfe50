import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHighlighter } from 'shiki';
import { describe, expect, it } from 'vitest';
import { prepareHighlighter, regexTable, resolveLanguage, THEMES } from './highlight.js';

const root = join(import.meta.dirname, '../../../../..');

/** The code blocks (language, code) of every Markdown file under these folders. */
async function codeBlocks(...dirs: string[]): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const dir of dirs) {
    for (const f of await readdir(dir, { recursive: true })) {
      if (!f.endsWith('.md')) continue;
      const text = await readFile(join(dir, f), 'utf8');
      for (const m of text.matchAll(/^ *```[ \t]*\{?[ \t]*\.?([\w+#-]+)[^\n]*\n([\s\S]*?)\n *```/gm)) {
        if (m[1] !== 'mermaid') out.push([m[1]!, m[2]!]);
      }
    }
  }
  return out;
}

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('code highlighting', () => {
  it('writes exactly what shiki writes for two themes on its Oniguruma engine, for real docs in many languages', { timeout: 120_000 }, async () => {
    const blocks = await codeBlocks(join(root, 'node_modules/fastify/docs'), join(root, 'apps/portal/examples'));
    const langs = new Set(blocks.map(([l]) => resolveLanguage(l)).filter((l) => l && l !== 'text'));
    expect(blocks.length).toBeGreaterThan(500);
    expect(langs.size).toBeGreaterThan(8);
    // The reference: shiki's own two-pass tokens (one pass per theme, aligned), written as the builder
    // wrote them before it had its own single pass.
    const reference = await createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [...langs] as string[] });
    const ours = await prepareHighlighter(blocks.map(([l]) => l));
    const differing: string[] = [];
    for (const [lang, code] of blocks) {
      const l = resolveLanguage(lang);
      const { tokens, fg, bg, themeName } = reference.codeToTokens(code, { lang: (l ?? 'text') as never, themes: THEMES, tokenizeTimeLimit: 0 });
      const lines = tokens.map((line) => `<span class="line">${line.map((t) => {
        const style = Object.entries(t.htmlStyle ?? {}).map(([k, v]) => `${k}:${v}`).join(';');
        return style ? `<span style="${style}">${escapeHtml(t.content)}</span>` : `<span>${escapeHtml(t.content)}</span>`;
      }).join('')}</span>`);
      const expected = `<pre class="shiki ${themeName}" style="background-color:${bg};color:${fg}" tabindex="0"><code>${lines.join('\n')}</code></pre>`;
      if (ours.highlight(code, { lang }) !== expected) differing.push(`${lang}: ${code.slice(0, 60)}`);
    }
    expect(differing).toEqual([]);
    // Italic and bold exist in the corpus, so the font styles were compared too.
    expect(blocks.some(([l, c]) => /--shiki-light-font-(?:style|weight)/.test(ours.highlight(c, { lang: l })))).toBe(true);
  });

  it('marks lines, escapes text, and leaves unknown languages plain', async () => {
    const h = await prepareHighlighter(['ts']);
    const html = h.highlight('const a = "<b>";\nlet b = 2;', { lang: 'ts', highlightLines: new Set([2]) });
    expect(html).toContain('<span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">const</span>');
    expect(html).toContain('&lt;b&gt;');
    expect(html).toMatch(/\n<span class="line highlighted"><span style="color:#D73A49;--shiki-dark:#F97583">let<\/span>/);
    expect(h.highlight('x <y>\n\nz', { lang: 'no-such-language' })).toContain('<code><span class="line"><span>x &lt;y&gt;</span></span>\n<span class="line"><span></span></span>\n<span class="line"><span>z</span></span></code>');
  });

  it('gives a block repeated within a build the same HTML, told apart by language and marked lines', async () => {
    const seen = new Map<string, string>();
    const h = await prepareHighlighter(['ts', 'python'], seen);
    const code = 'def f(x):\n    return x  # "<same>"';
    const once = h.highlight(code, { lang: 'python' });
    expect(h.highlight(code, { lang: 'python' })).toBe(once);
    expect(seen.size).toBe(1);
    const marked = h.highlight(code, { lang: 'python', highlightLines: new Set([2]) });
    expect(marked).toBe(once.replace('\n<span class="line">', '\n<span class="line highlighted">'));
    expect(h.highlight(code, { lang: 'ts' })).not.toBe(once);
    // A new build's highlighter starts with nothing seen, and still writes the same HTML.
    expect((await prepareHighlighter(['python'])).highlight(code, { lang: 'python' })).toBe(once);
    // A block written plain because its grammar was not loaded yet is highlighted once it is.
    const rust = 'fn main() { let answer = 42; }';
    expect(h.highlight(rust, { lang: 'rust' })).toContain(`<span>${rust}</span>`);
    expect((await prepareHighlighter(['rust'], seen)).highlight(rust, { lang: 'rust' })).toContain('<span style="color:#D73A49;--shiki-dark:#F97583">fn</span>');
  });

  it('keeps the translated patterns so a later process can start with them', async () => {
    await prepareHighlighter(['go']);
    const h = await prepareHighlighter(['go']);
    h.highlight('package main\nfunc main() {}', { lang: 'go' });
    const entries = regexTable.entries();
    expect(entries.length).toBeGreaterThan(10);
    expect(regexTable.added).toBe(0);
    const [source, details] = entries.find(([, d]) => d.pattern.length > 5)!;
    expect(typeof source).toBe('string');
    expect(details.flags).toContain('d');
  });
});

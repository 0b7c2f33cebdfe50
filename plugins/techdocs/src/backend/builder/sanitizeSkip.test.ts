import { createRequire } from 'node:module';
import { join } from 'node:path';
import type sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { prepareHighlighter } from './highlight.js';
import { readLocalSource } from './localSource.js';
import { createMarkdown, renderMarkdown } from './markdown.js';
import type { PageEnv } from './pageEnv.js';
import { sanitizePageHtml } from './sanitize.js';

/**
 * Pages without raw HTML, or whose raw HTML is plain (rawHtml.ts), skip the sanitiser (markdown.ts).
 * That is only sound if the sanitiser would have removed nothing from them: checked here on every page
 * of real docs written by others (Fastify's, from its npm package) and of the example site, by comparing
 * the sanitised HTML with the same HTML passed through sanitize-html allowing everything (the same
 * serialiser, no filtering).
 */
const sanitizeAll = (html: string) => (createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml)(html, {
  allowedTags: false, allowedAttributes: false, allowVulnerableTags: true,
});

async function pagesOf(dir: string) {
  const files = await readLocalSource(dir);
  return Promise.all(files.filter((f) => f.path.endsWith('.md')).map(async (f) => ({ path: f.path, text: (await f.content()).toString('utf8') })));
}

const env = (source: string, warn: PageEnv['warn'] = () => {}) => ({ source, url: source.replace(/\.md$/, '/'), files: new Set<string>(), pageUrls: new Map<string, string>(), warn });

describe('skipping the sanitiser for pages without raw HTML or with plain raw HTML', () => {
  it('is what the sanitiser would have produced, on every such page of two real sites', async () => {
    const pages = [
      ...await pagesOf(join(process.cwd(), 'node_modules/fastify/docs')),
      ...await pagesOf(join(process.cwd(), 'apps/portal/examples/components/playback-service/docs')),
    ];
    const highlighter = await prepareHighlighter([]);
    const md = createMarkdown(() => highlighter);
    let checked = 0, withRawHtml = 0;
    for (const page of pages) {
      const pageEnv = { ...env(page.path), codeBlocks: [], codeTexts: [], lineOffset: 0 } as PageEnv;
      const raw = md.render(page.text, pageEnv as unknown as Record<string, unknown>);
      if (pageEnv.rawHtml) continue;
      checked++;
      if (/<a id=|<!--|<h1 align/.test(page.text)) withRawHtml++;
      expect(sanitizePageHtml(raw), page.path).toBe(sanitizeAll(raw));
      expect(raw, page.path).not.toContain('<!--');
    }
    // Fastify's pages often hold raw anchors and comments: most of them are covered too.
    expect(checked).toBeGreaterThanOrEqual(50);
    expect(withRawHtml).toBeGreaterThanOrEqual(30);
  });

  it('sends raw HTML to the sanitiser unless every tag is allowed, balanced and plain', async () => {
    const highlighter = await prepareHighlighter([]);
    const md = createMarkdown(() => highlighter);
    const needsSanitiser = (text: string) => {
      const pageEnv = { ...env('p.md'), codeBlocks: [], codeTexts: [], lineOffset: 0 } as PageEnv;
      const html = md.render(text, pageEnv as unknown as Record<string, unknown>);
      return { sanitised: !!pageEnv.rawHtml, html };
    };
    const plain = [
      '# T\n\n<a id="x"></a>\n\n## Install <a id="install"></a>\n',
      '<h1 align="center">Fastify</h1>\n\nText <code>x</code><sup>1</sup> and <br> <img src="a.png" alt="A">\n',
      '<!-- markdownlint-disable -->\n# T\n<!-- markdownlint-enable -->\n',
      '<div class="box">\n\n**Markdown** inside\n\n</div>\n',
      '<details open><summary>More</summary>\n\nHidden\n\n</details>\n',
      'A [link](https://x.y) and <a href="https://x.y/a?b=1#c" target="_blank">raw</a>, <a href="../x.md#a:b">rel</a>\n',
    ];
    for (const text of plain) expect(needsSanitiser(text).sanitised, text).toBe(false);
    expect(needsSanitiser(plain[2]!).html).not.toContain('markdownlint'); // comments go, as the sanitiser drops them
    const sanitised = [
      '</div>\n\ntext\n', // closes what it did not open: it would close the page's layout
      '<div>\n\nnever closed\n',
      'A <a id="x">anchor\n\nclosed in the next paragraph</a>\n',
      'A paragraph with <div>a block</div> inside\n',
      '**bold <sup>x** y</sup>\n',
      '<a href="javascript:alert(1)">x</a>\n',
      '<a href="&#106;avascript:alert(1)">x</a>\n',
      '<a href="JAVASCRIPT:alert(1)">x</a>\n',
      '<a href=" javascript:alert(1)">x</a>\n',
      '<img src="data:image/png;base64,AAAA">\n',
      '<img srcset="javascript:alert(1) 1x">\n',
      '<h1 style="color: red">T</h1>\n',
      '<span onclick="alert(1)">x</span>\n',
      '<script>alert(1)</script>\n',
      '<div/>\n',
      '<a id>x</a>\n',
      '<input type="text">\n',
      '<!-- a --!> <script>alert(1)</script> -->\n',
      '<!--> <img src=x onerror=alert(1)> -->\n',
      '<div>x < y</div>\n', // a bare < in raw HTML: left to the sanitiser
      '<table><tr><td style="text-align: left">x</td></tr></table>\n',
    ];
    for (const text of sanitised) expect(needsSanitiser(text).sanitised, text).toBe(true);
  });

  it('still removes scripts, handlers and javascript: links, from raw HTML and from Markdown', async () => {
    const highlighter = await prepareHighlighter([]);
    const md = createMarkdown(() => highlighter);
    const warnings: string[] = [];
    const cases = [
      '# T\n\n<script>alert(1)</script>\n',
      '# T\n\nText <img src="x.png" onerror="alert(1)"> inline\n',
      '# T\n\n[a link](javascript:alert(1)) and ![img](javascript:alert(1))\n',
      '# T {onclick="alert(1)"}\n\nA paragraph {onmouseover="alert(1)" .ok}\n',
      '# T\n\n<a href="javascript:alert(1)">raw</a>\n',
    ];
    for (const text of cases) {
      const { html } = renderMarkdown(md, text, env('p.md', (m) => warnings.push(m)));
      expect(html, text).not.toMatch(/<script|onerror|onclick|onmouseover|(?:href|src)="javascript:/);
    }
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });
});

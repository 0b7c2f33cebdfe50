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
 * Pages without raw HTML skip the sanitiser (markdown.ts). That is only sound if the sanitiser would
 * have removed nothing from them: checked here on every page of real docs written by others (Fastify's,
 * from its npm package) and of the example site, by comparing the sanitised HTML with the same HTML
 * passed through sanitize-html allowing everything (the same serialiser, no filtering).
 */
const sanitizeAll = (html: string) => (createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml)(html, {
  allowedTags: false, allowedAttributes: false, allowVulnerableTags: true,
});

async function pagesOf(dir: string) {
  const files = await readLocalSource(dir);
  return Promise.all(files.filter((f) => f.path.endsWith('.md')).map(async (f) => ({ path: f.path, text: (await f.content()).toString('utf8') })));
}

const env = (source: string, warn: PageEnv['warn'] = () => {}) => ({ source, url: source.replace(/\.md$/, '/'), files: new Set<string>(), pageUrls: new Map<string, string>(), warn });

describe('skipping the sanitiser for pages without raw HTML', () => {
  it('is what the sanitiser would have produced, on every such page of two real sites', async () => {
    const pages = [
      ...await pagesOf(join(process.cwd(), 'node_modules/fastify/docs')),
      ...await pagesOf(join(process.cwd(), 'apps/portal/examples/components/playback-service/docs')),
    ];
    const highlighter = await prepareHighlighter([]);
    const md = createMarkdown(() => highlighter);
    let checked = 0;
    for (const page of pages) {
      const pageEnv = { ...env(page.path), codeBlocks: [], codeTexts: [], lineOffset: 0 } as PageEnv;
      const raw = md.render(page.text, pageEnv as unknown as Record<string, unknown>);
      if (pageEnv.rawHtml) continue;
      checked++;
      expect(sanitizePageHtml(raw), page.path).toBe(sanitizeAll(raw));
    }
    // Fastify's pages often hold raw anchors; the comparison must still have covered many pages.
    expect(checked).toBeGreaterThanOrEqual(20);
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

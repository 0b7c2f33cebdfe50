import { describe, expect, it } from 'vitest';
import type { SearchIndex } from '@atrium/plugin-techdocs/common';
import { buildSite, type BuiltSite } from './buildSite.js';
import { DocsBuildError } from './errors.js';

const source = (files: Record<string, string>) =>
  Object.entries(files).map(([path, text]) => ({ path, content: async () => Buffer.from(text) }));
const build = (files: Record<string, string>) => buildSite(source(files), { etag: 'abc123', commit: 'abc123', now: () => 1_700_000_000_000 });
const page = (site: BuiltSite, path: string) => {
  const html = site.files.find((f) => f.path === path)?.content.toString('utf8') ?? '';
  return html.slice(html.indexOf('<article'), html.indexOf('</article>'));
};
const one = async (markdown: string) => page(await build({ 'mkdocs.yml': 'site_name: T\n', 'docs/index.md': markdown }), 'index.html');

describe('Markdown rendering', () => {
  it('renders admonitions with unquoted titles, collapsibles open and closed, and nested Markdown', async () => {
    const html = await one('!!! warning "Mind the *gap*"\n    Body with `code`.\n\n??? tip\n    Hidden\n\n???+ note "Open"\n    Shown\n\n!!! info ""\n    No title\n');
    expect(html).toContain('<div class="admonition warning">\n<p class="admonition-title">Mind the <em>gap</em></p>\n<p>Body with <code>code</code>.</p>');
    expect(html).toMatch(/<details class="tip">\s*<summary>Tip<\/summary>\s*<p>Hidden<\/p>/);
    expect(html).toMatch(/<details class="note" open(?:="")?>\s*<summary>Open<\/summary>/);
    expect(html).toMatch(/<div class="admonition info">\s*<p>No title<\/p>/);
  });

  it('groups consecutive content tabs into one set that works without script', async () => {
    const html = await one('=== "A"\n    one\n\n=== "B"\n    two\n\nbetween\n\n=== "C"\n    three\n');
    expect(html.match(/class="tabbed-set"/g)).toHaveLength(2);
    // Serialised by markdown-it, or by sanitize-html (` />`) when a page has raw HTML.
    expect(html).toMatch(/<input type="radio" name="__tabbed_1" id="__tabbed_1_1" class="tabbed-input" checked(?: \/)?><label for="__tabbed_1_1" class="tabbed-label">A<\/label>/);
    expect(html).toContain('id="__tabbed_1_2"');
    expect(html).toContain('id="__tabbed_2_1"');
  });

  it('highlights code with titles, line numbers and marked lines, and leaves Mermaid for the browser', async () => {
    const html = await one('```ts title="app.ts" linenums="3" hl_lines="2"\nconst a = 1;\nconst b = 2;\n```\n\n```mermaid\ngraph LR\n  A-->B\n```\n');
    expect(html).toContain('<div class="code-title">app.ts</div>');
    expect(html).toContain('<div class="linenums" style="counter-reset: line 2">');
    expect(html).toContain('<div class="linenums" style="counter-reset: line 2"><pre class="highlight" tabindex="0"><code><span class="line"><span class="token keyword">const</span> a');
    expect(html).toContain('\n<span class="line highlighted"><span class="token keyword">const</span> b');
    expect(html).toContain('<pre class="mermaid"><code>graph LR\n  A--&gt;B\n</code></pre>');
  });

  it('renders GitHub tables, task lists, footnotes, definition lists, abbreviations and attributes', async () => {
    const html = await one([
      '| a | b |', '|---|--:|', '| 1 | 2 |', '', '- [x] done', '- [ ] todo', '', 'Text[^1]', '', '[^1]: Note.', '',
      'Term', ':   Definition', '', 'The HTML spec', '', '*[HTML]: Hyper Text Markup Language', '', '## Custom {#my-id .wide}', '',
    ].join('\n'));
    expect(html).toContain('<td style="text-align:right">2</td>');
    expect(html).toMatch(/<input class="task-list-item-checkbox" checked(?:="")? disabled(?:="")? ?type="checkbox"(?: \/)?>/);
    expect(html).toContain('class="footnote-ref"');
    expect(html).toContain('<dt>Term</dt>');
    expect(html).toContain('<abbr title="Hyper Text Markup Language">HTML</abbr>');
    expect(html).toMatch(/<h2 id="my-id" class="wide">/);
  });

  it('gives headings MkDocs ids (ASCII-folded, repeats numbered _1) with permalinks, and a nested TOC', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: T\n', 'docs/index.md': '# Café & Co\n\n## Set-up\n\n### Step\n\n## Set-up\n' });
    expect(site.manifest.pages[0]!.toc).toEqual([{ id: 'cafe-co', title: 'Café & Co', level: 1, children: [
      { id: 'set-up', title: 'Set-up', level: 2, children: [{ id: 'step', title: 'Step', level: 3, children: [] }] },
      { id: 'set-up_1', title: 'Set-up', level: 2, children: [] },
    ] }]);
    expect(page(site, 'index.html')).toContain('<a class="headerlink" href="#set-up_1"');
  });
});

describe('links, images and unsafe input', () => {
  const files = {
    'mkdocs.yml': 'site_name: T\n',
    'docs/index.md': '# Home\n\n[guide](guide/install.md#run) [dir](guide/) ![logo](img/logo.png)\n',
    'docs/guide/index.md': '# Guide\n',
    'docs/guide/install.md': '# Install\n\n[home](../index.md) [logo](../img/logo.png) [missing](nope.md)\n\n[evil](../../etc/passwd) <a href="javascript:alert(1)">js</a>\n\n<script>alert(1)</script>\n<img src="x.png" onerror="alert(1)">\n',
    'docs/img/logo.png': 'PNG',
  };

  it('rewrites relative links between pages and to images for directory URLs', async () => {
    const site = await build(files);
    expect(page(site, 'index.html')).toContain('<a href="guide/install/#run">guide</a> <a href="guide/">dir</a> <img src="img/logo.png" alt="logo"');
    expect(page(site, 'guide/install/index.html')).toContain('<a href="../../">home</a> <a href="../../img/logo.png">logo</a>');
    expect(site.files.find((f) => f.path === 'img/logo.png')).toMatchObject({ contentType: 'image/png' });
  });

  it('reports broken links, unsafe paths and scripts with file and line, and removes the dangerous parts', async () => {
    const site = await build(files);
    const html = page(site, 'guide/install/index.html');
    expect(html).not.toMatch(/<script|onerror|javascript:|etc\/passwd"/);
    expect(html).toContain('<a>evil</a> <a>js</a>');
    expect(html).toContain('<img src="x.png" />');
    expect(site.warnings).toEqual(expect.arrayContaining([
      { file: 'docs/guide/install.md', line: 3, message: 'broken link: "nope.md" is not a file in the docs folder' },
      { file: 'docs/guide/install.md', line: 5, message: 'link to "../../etc/passwd" removed: it points outside the docs folder' },
      { file: 'docs/guide/install.md', line: 5, message: 'raw HTML javascript: URL removed (not allowed in docs)' },
      { file: 'docs/guide/install.md', line: 7, message: 'raw HTML <script> removed (not allowed in docs)' },
    ]));
  });

  it('keeps the index page where two pages would have the same URL, and says which one is left out', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: T\n', 'docs/README.md': '# Readme\n', 'docs/index.md': '# Home\n', 'docs/guide.md': '# Guide file\n', 'docs/guide/index.md': '# Guide folder\n', 'docs/other.md': '# Other\n' });
    expect(site.warnings).toEqual([
      { file: 'docs/guide.md', message: 'both guide/index.md and guide.md would be guide/; guide.md is left out' },
      { file: 'docs/README.md', message: 'both index.md and README.md would be the home page; README.md is left out' },
    ]);
    expect(site.manifest.pages.map((p) => [p.source, p.path, p.title]).sort()).toEqual([['guide/index.md', 'guide/', 'Guide folder'], ['index.md', '', 'Home'], ['other.md', 'other/', 'Other']]);
  });

  it('reports a nav entry pointing at a missing page with its mkdocs.yml line and builds the rest', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: T\nnav:\n  - Home: index.md\n  - Gone: gone.md\n', 'docs/index.md': '# Home\n' });
    expect(site.warnings).toContainEqual({ file: 'mkdocs.yml', line: 4, message: 'nav entry "gone.md" points at a page that does not exist in the docs folder' });
    expect(site.manifest.nav).toEqual([{ title: 'Home', path: '' }]);
  });

  it('says once which extensions and plugins it does not run', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: T\nmarkdown_extensions:\n  - admonition\n  - pymdownx.magiclink:\n      repo_url_shortener: true\nplugins:\n  - techdocs-core\n  - mkdocstrings\n', 'docs/index.md': '# Home\n' });
    expect(site.warnings).toEqual([
      { file: 'mkdocs.yml', line: 4, message: 'markdown extension "pymdownx.magiclink" is not supported: its syntax is shown as plain text' },
      { file: 'mkdocs.yml', line: 8, message: 'plugin "mkdocstrings" is ignored: the site is built without it' },
    ]);
  });

  it('renders emoji shortcodes as emoji and says once that icon shortcodes stay text', async () => {
    const site = await build({
      'mkdocs.yml': 'site_name: T\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
      'docs/index.md': '# Launch :rocket:\n\nHappy :smile:, at 10:30:00 :) and `:smile:` in code.\n\n:material-check: done\n',
      'docs/other.md': '# Other\n\n:octicons-mark-github-16:\n',
    });
    const html = page(site, 'index.html');
    expect(html).toContain('Launch 🚀');
    expect(html).toContain('<p>Happy 😄, at 10:30:00 :) and <code>:smile:</code> in code.</p>');
    expect(html).toContain(':material-check: done');
    expect(site.warnings).toEqual([{ file: 'docs/index.md', line: 5, message: expect.stringMatching(/^icon shortcodes such as ":material-check:" .* are not drawn: they are shown as text/) }]);
  });

  it('includes snippets (pymdownx.snippets): files, line ranges, sections, blocks, inside fences and lists', async () => {
    const site = await build({
      'mkdocs.yml': 'site_name: T\nmarkdown_extensions:\n  - pymdownx.snippets\n',
      'docs/index.md': '# Home\n\n--8<-- "includes/intro.md"\n\n```ts\n--8<-- "includes/code.ts:2:3"\n```\n\n- item\n\n    --8<-- "includes/intro.md:part"\n\n;--8<-- "literal"\n\n--8<--\nincludes/code.ts\n; a comment\n--8<--\n\n--8<-- "../etc/passwd"\n--8<-- "includes/missing.md"\n--8<-- "https://example.com/x.md"\n',
      'includes/intro.md': 'Intro **bold**.\n\n--8<-- [start:part]\nPart *only*.\n--8<-- [end:part]\n',
      'includes/code.ts': 'const a = 1;\nconst b = 2;\nconst c = 3;\n',
    });
    const html = page(site, 'index.html');
    expect(html).toContain('<p>Intro <strong>bold</strong>.</p>\n<p>Part <em>only</em>.</p>');
    expect(html).not.toContain('[start:part]');
    expect(html.replace(/<[^>]+>/g, '')).toContain('const b = 2;\nconst c = 3;');
    expect(html).toMatch(/<li>\s*<p>item<\/p>\s*<p>Part <em>only<\/em>.<\/p>\s*<\/li>/);
    expect(html).toMatch(/<p>--8&lt;-- (?:"|&quot;)literal(?:"|&quot;)<\/p>/);
    expect(html).toContain('<p>const a = 1;\nconst b = 2;\nconst c = 3;</p>');
    expect(site.warnings).toEqual([
      { file: 'docs/index.md', line: 20, message: 'snippet "../etc/passwd" is not allowed: snippet paths must stay inside the docs source' },
      { file: 'docs/index.md', line: 21, message: 'snippet "includes/missing.md" not found: paths are relative to the folder of mkdocs.yml' },
      { file: 'docs/index.md', line: 22, message: 'snippet "https://example.com/x.md" is a URL: remote snippets are not fetched' },
    ]);
    // Snippet files outside docs_dir are included, not published.
    expect(site.files.some((f) => f.path.startsWith('includes/'))).toBe(false);
  });
});

describe('bad sources', () => {
  it.each([
    [{ 'docs/index.md': '# x' }, /no mkdocs\.yml at the root/],
    [{ 'mkdocs.yml': 'nav: []\n', 'docs/index.md': '# x' }, /^mkdocs\.yml:1: site_name: site_name is required/],
    [{ 'mkdocs.yml': 'site_name: T\nnav: [\n', 'docs/index.md': '# x' }, /^mkdocs\.yml:\d: invalid YAML/],
    [{ 'mkdocs.yml': 'site_name: T\ndocs_dir: ../../etc\n', 'docs/index.md': '# x' }, /^mkdocs\.yml:2: docs_dir "\.\.\/\.\.\/etc" must be a folder inside the source/],
    [{ 'mkdocs.yml': 'site_name: T\n', 'README.md': '' }, /docs_dir "docs" has no files/],
    [{ 'mkdocs.yml': 'site_name: ""\n', 'docs/index.md': '# x' }, /^mkdocs\.yml:1: site_name: site_name must not be empty/],
    [{ 'mkdocs.yml': 'site_name: T\nrepo_url: github.com/acme\n', 'docs/index.md': '# x' }, /^mkdocs\.yml:2: repo_url: repo_url must be an absolute URL/],
    [{ 'mkdocs.yml': 'site_name: T\nsite_description: [a]\n', 'docs/index.md': '# x' }, /^mkdocs\.yml:2: site_description: expected a string, got array/],
    [{ 'mkdocs.yml': 'site_name: T\n\nuse_directory_urls: "no"\n', 'docs/index.md': '# x' }, /^mkdocs\.yml:3: use_directory_urls: expected true or false, got string/],
  ])('refuses %j with a clear error', async (files, message) => {
    const error = await build(files as Record<string, string>).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocsBuildError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('site output', () => {
  it('writes MkDocs search index sections, Backstage metadata and the README fallback for the home page', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: Shop\nsite_description: Docs\n', 'README.md': '# Shop\n\nIntro text.\n\n## Install\n\nRun `make`.\n', 'docs/usage.md': 'No heading here.' });
    const index = JSON.parse(site.files.find((f) => f.path === 'search/search_index.json')!.content.toString()) as SearchIndex;
    expect(index.config).toEqual({ lang: ['en'], separator: '[\\s\\-]+', pipeline: ['stopWordFilter'] });
    expect(index.docs).toEqual([
      { location: '', title: 'Shop', text: 'Intro text.' },
      { location: '#install', title: 'Install', text: 'Run make .' },
      { location: 'usage/', title: 'Usage', text: 'No heading here.' },
    ]);
    expect(site.metadata).toMatchObject({ site_name: 'Shop', site_description: 'Docs', etag: 'abc123', build_timestamp: 1_700_000_000_000 });
    expect(site.metadata.files).toEqual(expect.arrayContaining(['index.html', 'usage/index.html', 'search/search_index.json', 'techdocs_metadata.json']));
    expect(site.manifest.nav).toEqual([{ title: 'Shop', path: '' }, { title: 'Usage', path: 'usage/' }]);
  });

  it('links each page to its source for editing from repo_url and edit_uri', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: T\nrepo_url: https://github.com/acme/shop\nedit_uri: edit/main/docs/\n', 'docs/index.md': '# a', 'docs/a b/c.md': '# c' });
    expect(site.manifest.pages.map((p) => p.editUrl)).toEqual(['https://github.com/acme/shop/edit/main/docs/index.md', 'https://github.com/acme/shop/edit/main/docs/a%20b/c.md']);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMkDocsConfig, parseMkDocsConfigWithYaml } from './mkdocsConfig.js';
import { parseSimpleYaml } from './simpleYaml.js';

const examples = fileURLToPath(new URL('../../../../../apps/portal/examples', import.meta.url));
const exampleConfigs = (readdirSync(examples, { recursive: true }) as string[]).filter((f) => f.endsWith('mkdocs.yml')).map((f) => readFileSync(join(examples, f), 'utf8'));

// The bench site's settings, with nested extension options and booleans.
const BENCH = ['site_name: Generated docs', 'nav:', '  - Home: index.md', '  - guides:', '      - Page 5: guides/page-5.md', '      - Page 10: guides/page-10.md',
  'markdown_extensions:', '  - toc:', '      permalink: true', '  - admonition', '  - pymdownx.tabbed:', '      alternate_style: true', ''].join('\n');

// Read without the yaml library (simpleYaml.ts).
const simple = [
  BENCH,
  ...exampleConfigs,
  'site_name: T\n',
  '# a comment\nsite_name: T\n\n  # indented comment\nuse_directory_urls: false\ndocs_dir: documentation\n',
  "site_name: Café's docs, {{ draft }} — 2024/1 v1.2.3 a:b\nrepo_url: https://github.com/acme/shop\nedit_uri: edit/main/docs/\n",
  'site_name: T\nnav:\n  - index.md\n  - Section:\n      - a.md\n      - Deeper:\n          - B: b.md\nplugins:\n  - search\n  - techdocs-core\n',
  'site_name: T\nextra:\n  social:\n    - icon: x\n      link: y\n  flag: ~\n',
];

// Left to the yaml library: what simpleYaml.ts does not read, and every file with a problem.
const withYaml = [
  'site_name: "Quoted"\n', "site_name: 'Quoted'\n", 'site_name: T # comment\n', 'site_name: T\nnav:\n- index.md\n', 'site_name: 2024\n',
  'site_name: T\nsite_name: U\n', 'site_name: T\nnav:\n', 'site_name: T\nnav: []\n', 'site_name: >\n  folded\n', 'site_name: &a T\nsite_description: *a\n',
  'site_name: T\r\nnav:\r\n  - index.md\r\n', 'site_name:\tT\n', '\uFEFFsite_name: T\n', '---\nsite_name: T\n', 'site_name: T\n  continued\n',
  'site_name: T\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
  'site_name: T\nuse_directory_urls: "no"\n', 'site_name: T\ndocs_dir: ../../etc\n', 'site_name: T\nrepo_url: github.com/acme\n', 'site_name: [unclosed\n',
  'site_name: T\nnav:\n  - A: a.md\n    B: b.md\n', 'site_name: T\nnav: index.md\n', 'nav:\n  - index.md\n', 'site_name: true\n', 'site_name: null\n',
  'site_name: T\nsite_description: 1.5\n', 'site_name: T\nnav:\n  - A: [a.md]\n', 'site_name: T\nnav:\n  -  index.md\n', 'site_name: T\nnav:\n  - Section:\n    - a.md\n', '__proto__: x\nsite_name: T\n',
];

const outcome = (parse: typeof parseMkDocsConfig, text: string) => {
  try {
    return parse(text, 'mkdocs.yml');
  } catch (e) {
    return { error: (e as Error).message, line: (e as { line?: number }).line };
  }
};

describe('parseMkDocsConfig', () => {
  it('reads plain files without the yaml library, to the same config', () => {
    for (const text of simple) {
      expect(parseSimpleYaml(text), text).toBeDefined();
      expect(outcome(parseMkDocsConfig, text), text).toEqual(outcome(parseMkDocsConfigWithYaml, text));
    }
    expect(parseMkDocsConfig(BENCH, 'mkdocs.yml').nav?.[1]).toEqual({ kind: 'section', title: 'guides', line: 4, children: [
      { kind: 'page', title: 'Page 5', target: 'guides/page-5.md', line: 5 }, { kind: 'page', title: 'Page 10', target: 'guides/page-10.md', line: 6 }] });
    expect(parseMkDocsConfig(BENCH, 'mkdocs.yml').markdownExtensions).toEqual([{ name: 'toc', line: 8 }, { name: 'admonition', line: 10 }, { name: 'pymdownx.tabbed', line: 11 }]);
  });

  it('leaves other YAML, and files with problems, to the yaml library: same config or same error and line', () => {
    for (const text of withYaml) {
      expect(outcome(parseMkDocsConfig, text), JSON.stringify(text)).toEqual(outcome(parseMkDocsConfigWithYaml, text));
    }
    expect(outcome(parseMkDocsConfig, 'site_name: T\nnav:\n  - A: a.md\n    B: b.md\n')).toMatchObject({ line: 3 });
  });
});

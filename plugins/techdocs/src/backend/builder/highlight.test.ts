import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareHighlighter, resolveLanguage } from './highlight.js';
import { STANDALONE_CSS } from './template.js';

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

const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Each run of text in highlighted HTML with the classes of the token it is directly in (without "token"). */
function tokens(html: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
    if (m[1] !== undefined) stack.push(m[1].replace(/^token /, ''));
    else if (m[2] === undefined) stack.pop();
    else if (stack.at(-1)?.startsWith('line') === false) out.push([unescape(m[2]), stack.at(-1)!]);
  }
  return out;
}

/** The text of each line span, with the spans inside dropped; checks each line closes what it opens. */
function lines(html: string): string[] {
  const code = /^<pre class="highlight" tabindex="0"><code>([\s\S]*)<\/code><\/pre>$/.exec(html)?.[1];
  expect(code, html.slice(0, 80)).toBeDefined();
  return code!.split('\n').map((line) => {
    expect(line).toMatch(/^<span class="line(?: highlighted)?">[\s\S]*<\/span>$/);
    expect(line.match(/<span/g)!.length).toBe(line.match(/<\/span>/g)!.length);
    expect(line.slice(0, -7)).not.toMatch(/<span[^>]*><\/span>/); // no empty token spans
    return unescape(line.replace(/<[^>]+>/g, ''));
  });
}

describe('code highlighting', () => {
  it('colours the tokens of the languages docs use, by class', async () => {
    const cases: Array<[string, string, Array<[string, string]>]> = [
      ['js', 'const app = fastify({ logger: true })\napp.get(`/x/${id}`, 42) // hi', [['const', 'keyword'], ['fastify', 'function'], ['logger', 'literal-property property'], ['true', 'boolean'], ['get', 'function'], ['42', 'number'], ['// hi', 'comment'], ['${', 'interpolation-punctuation punctuation']]],
      ['ts', "import type { A } from 'a';\nlet n: string = 'x';\nclass Box<T> extends Base {}", [['import', 'keyword'], ["'a'", 'string'], ['string', 'builtin'], ['Box', 'class-name'], ['Base', 'class-name']]],
      ['jsx', 'const el = <div className="a">{x}</div>;', [['div', 'tag'], ['className', 'attr-name']]],
      ['tsx', 'const el: JSX.Element = <Card title="t" />;', [['Card', 'class-name'], ['title', 'attr-name']]],
      ['json', '{ "name": "atrium", "n": 1, "ok": false, "x": null }', [['"name"', 'property'], ['"atrium"', 'string'], ['1', 'number'], ['false', 'boolean'], ['null', 'null keyword']]],
      ['yaml', 'backend:\n  port: 7007 # c\n  name: "p"', [['backend', 'key atrule'], ['7007', 'number'], ['# c', 'comment'], ['"p"', 'string']]],
      ['bash', 'export A=1\nnpm ci && echo "$HOME" $X # done', [['export', 'builtin class-name'], ['A', 'assign-left variable'], ['npm', 'function'], ['&&', 'operator'], ['$HOME', 'environment constant'], ['$X', 'variable'], ['# done', 'comment']]],
      ['shell', 'curl -s http://x', [['curl', 'function']]],
      ['console', '$ npm test\nok', [['$', 'shell-symbol important'], ['npm', 'function'], ['ok', 'output']]],
      ['python', 'def f(x: int) -> str:\n    return "a"  # c', [['def', 'keyword'], ['f', 'function'], ['int', 'builtin'], ['"a"', 'string'], ['# c', 'comment']]],
      ['go', 'func main() {\n\tfmt.Println("hi", nil)\n}', [['func', 'keyword'], ['Println', 'function'], ['"hi"', 'string'], ['nil', 'boolean']]],
      ['java', 'public class A { String s = "x"; }', [['public', 'keyword'], ['A', 'class-name'], ['"x"', 'string']]],
      ['html', '<a href="/x">&amp;</a>', [['a', 'tag'], ['href', 'attr-name'], ['&amp;', 'entity named-entity']]],
      ['xml', '<?xml version="1.0"?><c k="v"/>', [['<?xml version="1.0"?>', 'prolog']]],
      ['css', '.a > p { color: red !important; }', [['.a > p', 'selector'], ['color', 'property'], ['!important', 'important']]],
      ['sql', "SELECT id FROM t WHERE a = 'x'", [['SELECT', 'keyword'], ["'x'", 'string']]],
      ['diff', '-old\n+new', [['-', 'prefix deleted'], ['+', 'prefix inserted']]],
      ['dockerfile', 'FROM node:20\nRUN npm ci', [['FROM', 'keyword'], ['RUN', 'keyword']]],
      ['md', '# Title\n\nSome **bold**', [['#', 'punctuation'], ['bold', 'content']]],
      ['toml', '[server]\nport = 1', [['port', 'key property'], ['1', 'number']]],
    ];
    const h = await prepareHighlighter(cases.map(([l]) => l));
    for (const [lang, code, expected] of cases) {
      const html = h.highlight(code, { lang });
      expect(lines(html).join('\n'), lang).toBe(code);
      const found = tokens(html);
      for (const [text, classes] of expected) expect(found, `${lang}: ${text}`).toContainEqual([text, classes]);
    }
    // Brackets and commas outside a token are plain text; inside one (an interpolation, a tag) they are classed.
    expect(h.highlight('f(a, b)', { lang: 'js' })).toBe('<pre class="highlight" tabindex="0"><code><span class="line"><span class="token function">f</span>(a, b)</span></code></pre>');
    // The heading's line is one token (title) around its "#".
    expect(h.highlight('# Title', { lang: 'markdown' })).toContain('<span class="token title important"><span class="token punctuation">#</span> Title</span>');
  });

  it('keeps every character and line of real docs, with balanced spans on every line, and highlights most of their code', { timeout: 60_000 }, async () => {
    const blocks = await codeBlocks(join(root, 'node_modules/fastify/docs'), join(root, 'apps/portal/examples'));
    expect(blocks.length).toBeGreaterThan(500);
    const unknown = new Set(blocks.map(([l]) => l).filter((l) => !resolveLanguage(l)));
    expect([...unknown]).toEqual(['dockerignore']);
    const h = await prepareHighlighter(blocks.map(([l]) => l));
    let chars = 0, inTokens = 0;
    for (const [lang, code] of blocks) {
      const html = h.highlight(code, { lang });
      expect(lines(html)).toEqual(code.split('\n'));
      if (/^(js|javascript|ts|typescript)$/.test(lang)) {
        chars += code.replace(/\s/g, '').length;
        inTokens += tokens(html).reduce((n, [t]) => n + t.replace(/\s/g, '').length, 0);
      }
    }
    // Identifiers and bare punctuation are plain text; keywords, strings, operators, calls and comments are tokens.
    expect(inTokens / chars).toBeGreaterThan(0.6);
  });

  it('escapes HTML in code, so a block with </script> stays text, in any language', async () => {
    const h = await prepareHighlighter(['html', 'js']);
    const code = 'const s = "</script><script>alert(1)</script>" & 1 < 2;';
    for (const lang of ['js', 'html', 'no-such-language', undefined]) {
      const html = h.highlight(code, { lang });
      expect(html).not.toMatch(/<\/?script/i);
      expect(lines(html)).toEqual([code]);
    }
    expect(h.highlight(code, {})).toContain('"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" &amp; 1 &lt; 2;');
    expect(h.highlight('<script>alert(1)</script>', { lang: 'html' })).not.toMatch(/<\/?script/i);
  });

  it('marks lines, and carries a token that spans lines onto each of them', async () => {
    const h = await prepareHighlighter(['js']);
    const html = h.highlight('/* one\ntwo\nthree */\nx()', { lang: 'js', highlightLines: new Set([2, 4]) });
    expect(html.split('\n')).toEqual([
      '<pre class="highlight" tabindex="0"><code><span class="line"><span class="token comment">/* one</span></span>',
      '<span class="line highlighted"><span class="token comment">two</span></span>',
      '<span class="line"><span class="token comment">three */</span></span>',
      '<span class="line highlighted"><span class="token function">x</span>()</span></code></pre>',
    ]);
  });

  it('leaves unknown languages and plain text readable, one line span per line', async () => {
    const h = await prepareHighlighter(['no-such-language', 'text']);
    const plain = '<pre class="highlight" tabindex="0"><code><span class="line">x &lt;y&gt;</span>\n<span class="line"></span>\n<span class="line">z</span></code></pre>';
    expect(h.highlight('x <y>\n\nz', { lang: 'no-such-language' })).toBe(plain);
    expect(h.highlight('x <y>\n\nz', { lang: 'text' })).toBe(plain);
    expect(h.highlight('x <y>\n\nz', {})).toBe(plain);
    expect(resolveLanguage('no-such-language')).toBeUndefined();
    expect(['sh', 'shell', 'yml', 'py', 'Dockerfile', 'console', 'conf', 'jsonc', 'MD'].map(resolveLanguage)).toEqual(['bash', 'bash', 'yaml', 'python', 'docker', 'shell-session', 'ini', 'json', 'markdown']);
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
    expect(h.highlight(rust, { lang: 'rust' })).toContain(`<span class="line">${rust}</span>`);
    expect((await prepareHighlighter(['rust'], seen)).highlight(rust, { lang: 'rust' })).toContain('<span class="token keyword">fn</span>');
  });

  it('colours code the same in the reader and in a standalone site, in light and dark', async () => {
    const reader = await readFile(join(import.meta.dirname, '../../frontend/techdocs.css'), 'utf8');
    const palette = (css: string) => Object.fromEntries([...css.matchAll(/(--hl-[\w-]+):\s*([^;}]+)/g)].map((m) => [m[1], m[2]!.trim()]));
    const block = (css: string, selector: RegExp) => selector.exec(css)?.[1] ?? '';
    const readerLight = palette(block(reader, /^\.techdocs-article \.highlight \{([^}]*--hl-[^}]*)\}/m));
    const readerDark = palette(block(reader, /^\[data-mantine-color-scheme='dark'\] \.techdocs-article \.highlight \{([^}]*)\}/m));
    const siteLight = palette(block(STANDALONE_CSS, /^\.highlight\{([^}]*--hl-[^}]*)\}/m));
    const siteDark = palette(block(STANDALONE_CSS, /@media \(prefers-color-scheme:dark\)\{\.highlight\{([^}]*)\}\}/));
    expect(Object.keys(readerLight).length).toBeGreaterThan(10);
    expect(siteLight).toEqual(readerLight);
    expect(siteDark).toEqual(readerDark);
    expect(Object.keys(readerDark).sort()).toEqual(Object.keys(readerLight).sort());
    expect(readerDark['--hl-bg']).not.toBe(readerLight['--hl-bg']);
    // The same token rules, in the same order (later rules win between a token's classes).
    const rules = (css: string) => [...css.matchAll(/^(?:\.techdocs-article )?(\.highlight \.token[^{]*)\{([^}]*)\}/gm)].map((m) => `${m[1]}{${m[2]!.trim().replace(/;$/, '')}}`.replace(/\s+/g, ''));
    expect(rules(reader).length).toBeGreaterThan(10);
    expect(rules(STANDALONE_CSS)).toEqual(rules(reader));
  });
});

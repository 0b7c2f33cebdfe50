import { describe, expect, it } from 'vitest';
import { htmlToText, pageSearchEntries } from './searchIndex.js';

describe('htmlToText', () => {
  // Fragments without an entity take a one-pass path; with one, tags, entities and spaces go in turn.
  const fragments = [
    '<p>One <strong>two</strong>\nthree</p>\n<p>four</p>',
    '  <ul>\n<li>a</li>\n\t<li> b </li></ul>  ',
    'tight<br>words<span class="x">joined</span>here',
    'a \n\n b\u00a0c \u2003 d',
    '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Body</p>\n</div>',
    '<table>\n<thead>\n<tr>\n<th>Key</th>\n<th>Value</th>\n</tr>\n</thead></table>',
    '',
    '<p></p>',
  ];

  it('drops tags and collapses whitespace the same whether or not the fragment has entities', () => {
    for (const f of fragments) {
      const plain = htmlToText(f);
      expect(htmlToText(`${f} &amp;`)).toBe(`${plain} &`.trim());
      expect(plain).not.toMatch(/<|\s{2}|^\s|\s$/);
    }
    expect(htmlToText(fragments[0]!)).toBe('One two three four');
    expect(htmlToText(fragments[2]!)).toBe('tight words joined here');
  });

  it('decodes entities after dropping tags, so escaped markup stays as text', () => {
    expect(htmlToText('<p>a &lt;b&gt; &amp;&#33;&#x41; &nbsp; c</p>')).toBe('a <b> &!A c');
  });
});

describe('pageSearchEntries', () => {
  it('makes one entry for the page and one per section, with the sections’ text', () => {
    const html = '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>\n<p>Intro\ntext</p>\n<h2 id="s">Sec &amp; more<a class="headerlink" href="#s">¶</a></h2>\n<p>Body <code>x</code></p>\n';
    expect(pageSearchEntries('p/', 'Title', html)).toEqual([
      { location: 'p/', title: 'Title', text: 'Intro text' },
      { location: 'p/#s', title: 'Sec & more', text: 'Body x' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { splitHighlight } from './highlight.js';

describe('splitting highlighted fields', () => {
  const pre = '<hl-1>';
  const post = '</hl-1>';
  it('marks the parts between the tags and keeps the rest as plain text', () => {
    expect(splitHighlight(`Streams <hl-1>audio</hl-1> to <hl-1>listeners</hl-1>.`, pre, post)).toEqual([
      { text: 'Streams ', match: false }, { text: 'audio', match: true }, { text: ' to ', match: false },
      { text: 'listeners', match: true }, { text: '.', match: false },
    ]);
  });

  it('leaves markup in the document as text and survives an unclosed tag', () => {
    expect(splitHighlight('<script>x</script> <hl-1>y', pre, post)).toEqual([{ text: '<script>x</script> <hl-1>y', match: false }]);
    expect(splitHighlight('', pre, post)).toEqual([]);
  });
});

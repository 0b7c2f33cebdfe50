import { describe, expect, it } from 'vitest';
import { parseEventStream } from './eventStream';

describe('parseEventStream', () => {
  it('returns complete messages, keeps the unfinished tail, joins multi-line data and skips what is not JSON', () => {
    const first = parseEventStream('event: x\ndata: {"a":1}\n\n: heartbeat\n\ndata: not json\n\ndata: {"b":\r\ndata: 2}\r\n\r\ndata: {"c"');
    expect(first.data).toEqual([{ a: 1 }, { b: 2 }]);
    expect(first.rest).toBe('data: {"c"');
    expect(parseEventStream(`${first.rest}:3}\n\n`)).toEqual({ data: [{ c: 3 }], rest: '' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseEventBlocks } from './liveUpdates';

describe('reading the catalog event stream', () => {
  it('takes complete messages, keeps a partial one for the next chunk, and skips comments and bad data', () => {
    const chunk = 'retry: 5000\n: connected\n\nevent: entities-changed\ndata: {"entityRefs":["component:default/a","api:default/b"]}\n\n: heartbeat\n\ndata: not json\n\nevent: entities-changed\ndata: {"entityRe';
    const first = parseEventBlocks(chunk);
    expect(first.messages).toEqual([['component:default/a', 'api:default/b']]);
    const second = parseEventBlocks(`${first.rest}fs":["group:default/c"]}\r\n\r\n`);
    expect(second.messages).toEqual([['group:default/c']]);
    expect(second.rest).toBe('');
  });
});

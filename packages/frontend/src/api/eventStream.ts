/**
 * Splits `text/event-stream` text into the JSON `data` of each complete message (blank-line separated;
 * multi-line data joined), keeping the unfinished tail for the next chunk. A message whose data is not
 * JSON is skipped: the next one still arrives. For streams read with `fetch`, so the token can travel
 * in a header instead of the URL (which EventSource would need).
 */
export function parseEventStream(buffer: string): { data: unknown[]; rest: string } {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  const data: unknown[] = [];
  for (const block of blocks) {
    const text = block.split(/\r?\n/).filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('\n');
    if (!text) continue;
    try {
      data.push(JSON.parse(text));
    } catch { /* skipped, see above */ }
  }
  return { data, rest };
}

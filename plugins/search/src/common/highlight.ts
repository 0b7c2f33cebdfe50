/** A run of text, marked when it matched the query. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * Splits a highlighted field at the engine's markers, so a UI renders matches as elements instead of
 * injecting HTML: the document text is never interpreted as markup.
 */
export function splitHighlight(value: string, preTag: string, postTag: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let rest = value;
  while (rest.length > 0) {
    const start = rest.indexOf(preTag);
    if (start < 0) break;
    const end = rest.indexOf(postTag, start + preTag.length);
    if (end < 0) break;
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const matched = rest.slice(start + preTag.length, end);
    if (matched) parts.push({ text: matched, match: true });
    rest = rest.slice(end + postTag.length);
  }
  if (rest) parts.push({ text: rest, match: false });
  return parts;
}

import { Mark } from '@mantine/core';
import { splitHighlight, type SearchHighlight } from '@atrium/plugin-search/common';

export interface HighlightedTextProps {
  /** The plain value, shown when there is no highlight for the field. */
  text: string;
  highlight?: SearchHighlight;
  field: string;
}

/** A field with its matches marked. Text is rendered as text, never as HTML, whatever a document contains. */
export function HighlightedText({ text, highlight, field }: HighlightedTextProps) {
  const value = highlight?.fields[field];
  if (!highlight || !value) return <>{text}</>;
  return (
    <>
      {splitHighlight(value, highlight.preTag, highlight.postTag).map((part, i) =>
        part.match ? <Mark key={i} color="yellow" px={1}>{part.text}</Mark> : <span key={i}>{part.text}</span>)}
    </>
  );
}

import type { SearchResultProps } from '@atrium/frontend';
import type { SearchDocument, SearchHighlight } from '@atrium/plugin-search/common';

/** What a result renderer gets, narrowed from the shell's generic props. */
export interface TypedResult {
  type: string;
  document: SearchDocument;
  highlight?: SearchHighlight;
  rank?: number;
}

export function typedResult(props: SearchResultProps): TypedResult {
  return props.result as unknown as TypedResult;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

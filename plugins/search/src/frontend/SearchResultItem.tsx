import { ExtensionRenderer, useExtensions } from '@atrium/frontend';
import type { SearchResult } from '@atrium/plugin-search/common';
import { GenericResult } from './results/GenericResult';

/** A result, rendered by the plugin that registered its type, or generically. */
export function SearchResultItem({ result }: { result: SearchResult }) {
  const renderer = useExtensions().searchResults.find((r) => r.type === result.type);
  const fallback = <GenericResult result={result} />;
  if (!renderer) return fallback;
  return (
    <ExtensionRenderer
      extension={renderer} what={`the ${result.type} search result`} fallback={fallback}
      props={{ result: result as unknown as { type: string; document: Record<string, unknown> } }}
    />
  );
}

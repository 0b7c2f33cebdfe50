import type { Logger } from '@atrium/backend';
import type { SearchCollator } from './extensionPoint.js';
import type { SearchIndex } from './engine/SearchIndex.js';

/**
 * One full reindex of a type: every document the collator yields goes into a new generation, which
 * replaces the live one only when the collator finished. A failing collator leaves the live index as it was.
 */
export async function reindexType(index: SearchIndex, collator: SearchCollator, logger: Logger, signal: AbortSignal): Promise<number> {
  const started = Date.now();
  const generation = await index.beginReindex(collator.type);
  let count = 0;
  try {
    for await (const batch of collator.collate(signal)) {
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('Reindex aborted');
      await index.writeReindexBatch(collator.type, generation, batch);
      count += batch.length;
    }
  } catch (error) {
    await index.abortReindex(collator.type, generation);
    throw error;
  }
  const swapped = await index.finishReindex(collator.type, generation);
  if (swapped) logger.info(`Indexed ${count} ${collator.type} documents in ${Date.now() - started} ms`);
  else logger.warn(`A newer reindex of ${collator.type} took over; dropped this one's ${count} documents`);
  return count;
}

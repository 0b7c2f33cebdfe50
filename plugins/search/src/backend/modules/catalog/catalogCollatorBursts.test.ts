import { describe, expect, it } from 'vitest';
import type { Entity } from '@atrium/model';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import type { SearchDocument } from '@atrium/plugin-search/common';
import { createCatalogCollator, BULK_QUIET_MS, BULK_REFS } from './catalogCollator.js';

// The collator's timing on its own: a catalog client that answers from memory and records what it
// was asked, so the test can see when reads happen (the real catalog is in catalogCollator.test.ts).
function setUp() {
  const reads: Array<{ at: number; refs: string[] }> = [];
  const catalog = {
    async getEntitiesByRefs(refs: string[]) {
      reads.push({ at: Date.now(), refs });
      return refs.map((ref): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: ref.split('/')[1]!, namespace: 'default' }, spec: {} }));
    },
  } as unknown as CatalogClient;
  let handler: ((refs: string[]) => Promise<void>) | undefined;
  const upserted: SearchDocument[] = [];
  const collator = createCatalogCollator({ catalog, logger: console as never, onEntitiesChanged: (h) => { handler = h; } });
  collator.subscribe!({ upsert: async (docs) => { upserted.push(...docs); }, remove: async () => {}, replaceEntity: async () => {} });
  return { reads, upserted, emit: (refs: string[]) => handler!(refs) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const refs = (from: number, n: number) => Array.from({ length: n }, (_, i) => `component:default/svc-${from + i}`);

describe('catalog collator timing', () => {
  it('indexes a single change within a fraction of a second', async () => {
    const t = setUp();
    const at = Date.now();
    await t.emit(['component:default/one']);
    while (t.upserted.length === 0 && Date.now() - at < 2000) await sleep(10);
    expect(t.upserted.map((d) => d.title)).toEqual(['one']);
    expect(t.reads[0]!.at - at).toBeLessThan(500);
  });

  it('holds a bulk ingestion\'s changes until its events pause, then indexes every one', async () => {
    const t = setUp();
    const perEvent = Math.ceil(BULK_REFS / 4);
    // Eight stitch batches' events, 100 ms apart: beyond the bulk threshold after the fourth.
    for (let i = 0; i < 8; i++) {
      await t.emit(refs(i * perEvent, perEvent));
      await sleep(100);
    }
    const lastEventAt = Date.now() - 100;
    // Only what was pending before the burst was recognised may have been read.
    const earlyReads = t.reads.flatMap((r) => r.refs).length;
    expect(earlyReads).toBeLessThan(BULK_REFS);
    while (t.upserted.length < 8 * perEvent && Date.now() - lastEventAt < BULK_QUIET_MS + 3000) await sleep(20);
    expect(new Set(t.upserted.map((d) => d.title)).size).toBe(8 * perEvent);
    const bulkReads = t.reads.filter((r) => r.at >= lastEventAt);
    expect(bulkReads.length).toBeGreaterThan(0);
    expect(bulkReads[0]!.at - lastEventAt).toBeGreaterThanOrEqual(BULK_QUIET_MS - 150);
  });
});

// Freshness: a descriptor file changes and the catalog is asked to refresh the entity (as a webhook or
// the UI's refresh button does); how long until search finds the new text. Measured from the file write
// and from the moment the catalog's API shows the change (what search itself adds: the change event,
// re-reading the entity, the index write).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePortal } from './palette.mjs';

const ROUNDS = 8;

export async function measureFreshness() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-fresh-'));
  const file = join(dir, 'catalog-info.yaml');
  const write = (word) => writeFileSync(file, `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: fresh-service\n  description: now with ${word}\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/playback-team\n`);
  write('nothing');
  const { portal, headers } = await examplePortal(7322, `    - type: file\n      target: ${file}\n`);
  try {
    const fromWrite = [];
    const fromCatalog = [];
    for (let i = 0; i < ROUNDS; i++) {
      const word = `zebra${i}x${Date.now().toString(36)}`;
      const t0 = performance.now();
      write(word);
      await fetch(`${portal.url}/api/catalog/refresh`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ entityRef: 'component:default/fresh-service' }) });
      let catalogAt;
      for (;;) {
        if (!catalogAt) {
          const e = await (await fetch(`${portal.url}/api/catalog/entities/by-name/component/default/fresh-service`, { headers })).json();
          if (e.metadata?.description?.includes(word)) catalogAt = performance.now();
        }
        const r = await (await fetch(`${portal.url}/api/search/query?term=${word}`, { headers })).json();
        if (r.results?.length) {
          const t = performance.now();
          fromWrite.push(t - t0);
          fromCatalog.push(t - (catalogAt ?? t));
          break;
        }
        if (performance.now() - t0 > 30_000) throw new Error(`not searchable after 30 s (the catalog ${catalogAt ? 'had' : 'had not'} the change)`);
        await new Promise((res) => setTimeout(res, 20));
      }
    }
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    console.log(`freshness, embedded PGlite, ${ROUNDS} changes:`);
    console.log(`  file write -> searchable       median ${med(fromWrite).toFixed(0)} ms   max ${Math.max(...fromWrite).toFixed(0)} ms   (target < 5 s)`);
    console.log(`  catalog shows it -> searchable median ${med(fromCatalog).toFixed(0)} ms   max ${Math.max(...fromCatalog).toFixed(0)} ms`);
  } finally {
    await portal.stop();
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_CLIENTS, type TestDatabase } from '@atrium/backend/testing';
import type { BuiltFile } from '../builder/index.js';
import { migrations, type TechDocsTables } from './migrations.js';
import { SiteStore } from './siteStore.js';

const file = (path: string, text: string): BuiltFile => ({ path, content: Buffer.from(text), contentType: 'text/html; charset=utf-8' });
const ref = 'component:default/shop';

describe.each(TEST_DATABASE_CLIENTS)('the site store on %s', (client) => {
  let db: TestDatabase;
  let store: SiteStore;
  beforeAll(async () => {
    db = await createTestDatabase(client);
    const plugin = db.root.forPlugin('techdocs');
    await plugin.migrate(migrations);
    store = new SiteStore(plugin.getClient<TechDocsTables>(), plugin.schema);
  });
  afterAll(() => db?.close());

  const save = (files: BuiltFile[], etag: string) => store.saveBuild({ entityRef: ref, files, etag, origin: 'portal', warnings: [], siteName: 'Shop' });

  it('stores identical files once, across builds and within one build', async () => {
    const first = await save([file('index.html', 'home'), file('a/index.html', 'same'), file('b/index.html', 'same')], 'e1');
    expect(first.newBlobs).toBe(2);
    const second = await save([file('index.html', 'home v2'), file('a/index.html', 'same'), file('b/index.html', 'same')], 'e2');
    expect(second.newBlobs).toBe(1);
    expect(await store.blobCount()).toBe(3);
    const files = await store.buildFiles(second.buildId);
    expect((await store.blob(files.get('index.html')!.hash))!.toString()).toBe('home v2');
    expect((await store.currentBuild(ref))!.buildId).toBe(second.buildId);
  });

  it('keeps the current build online after a failure and reports the failure', async () => {
    const before = await store.currentBuild(ref);
    await store.saveFailure(ref, 'mkdocs.yml:3: invalid YAML', 'portal', 'e3');
    expect(await store.currentBuild(ref)).toEqual(before);
    expect(await store.lastFailure(ref, before!.createdAt)).toMatchObject({ error: 'mkdocs.yml:3: invalid YAML' });
    expect((await store.getSite(ref))!.source_etag).toBe('e3');
  });

  it('cleans up old builds and the files only they used, never the current build', async () => {
    await save([file('index.html', 'home v3')], 'e4');
    const removed = await store.cleanup(0, 0);
    expect(removed.builds).toBe(2); // the two superseded successful builds; the fresh failure is kept
    const current = await store.currentBuild(ref);
    const files = await store.buildFiles(current!.buildId);
    expect((await store.blob(files.get('index.html')!.hash))!.toString()).toBe('home v3');
    expect(await store.blobCount()).toBe(1);
    expect(await store.lastFailure(ref)).toBeDefined();
  });
});

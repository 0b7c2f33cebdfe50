import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { component, seedEntity, startCatalogTestBackend, type CatalogTestBackend } from './catalogTestBackend.js';

describe.each(TEST_DATABASE_CLIENTS)('catalog API input errors on %s', (db) => {
  let t: CatalogTestBackend;
  let readonly: CatalogTestBackend;
  beforeAll(async () => {
    [t, readonly] = await Promise.all([startCatalogTestBackend({ client: db }), startCatalogTestBackend({ client: db, readonly: true })]);
    await seedEntity(t.catalog, component('svc', { type: 'service' }));
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await readonly?.stop();
  });

  const expect400 = async (path: string, parameter: RegExp, init?: RequestInit) => {
    const res = await t.fetch(`/api/catalog${path}`, init);
    expect(res.status, path).toBe(400);
    const body = (await res.json()) as { error: { name: string; message: string } };
    expect(body.error.name).toBe('InputError');
    expect(body.error.message).toMatch(parameter);
  };

  it('answers a NUL character (which the database cannot hold) anywhere in a request with a 400 naming where', async () => {
    const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
    await expect400('/entities/by-name/component/default/svc%00', /path parameter name contains a NUL character/);
    await expect400('/locations/by-entity/component/default/svc%00', /path parameter name/);
    await expect400('/entities?filter=metadata.name=svc%00', /query parameter filter\b/);
    await expect400('/entities/by-query?filter=kind=component&filter=kind=a%00', /query parameter filter\[1\]/);
    await expect400('/entities/by-query?fullTextFilterTerm=s%00', /query parameter fullTextFilterTerm/);
    await expect400('/entity-facets?facet=spec.type&filter=kind=a%00', /query parameter filter/);
    await expect400('/entities/by-refs', /body field entityRefs\[0\]/, post({ entityRefs: ['component:default/svc\u0000'] }));
    await expect400('/locations', /body field target/, post({ type: 'url', target: 'https://example.com/a\u0000.yaml' }));
    await expect400('/refresh', /body field entityRef/, post({ entityRef: 'component:default/svc\u0000' }));
    await expect400('/validate-entity', /body field entity\.metadata\.description/, post({
      location: 'url:https://example.com/catalog-info.yaml',
      entity: { ...component('x', { type: 'service' }), metadata: { name: 'x', description: 'a\u0000b' } },
    }));
    await expect400('/entities/by-query', /body field query\.kind\\0/, post({ query: { 'kind\u0000': 'component' } }));
    // The catalog is untouched and answers as before.
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/svc')).status).toBe(200);
  });

  it('answers malformed query parameters with a 400 naming the parameter', async () => {
    await expect400('/entities?filter==component', /filter/);
    await expect400('/entities?limit=many', /limit/);
    await expect400('/entities?offset=-1', /offset/);
    await expect400('/entities?order=sideways:metadata.name', /order/);
    await expect400('/entities?after=%%%', /after/);
    await expect400('/entities?fields=metadata..name', /fields/);
    await expect400('/entities/by-query?cursor=bm90LWEtY3Vyc29y', /cursor/);
    await expect400('/entities/by-query?orderField=metadata.name,upwards', /orderField/);
    await expect400('/entities/by-query?limit=1.5', /limit/);
    await expect400('/entity-facets', /facet/);
    await expect400('/entities/by-refs', /entityRefs/, { method: 'POST', body: JSON.stringify({ refs: [] }) });
    await expect400('/refresh', /entityRef/, { method: 'POST', body: JSON.stringify({ entityRef: 'no-kind' }) });
    await expect400('/validate-entity', /location/, { method: 'POST', body: JSON.stringify({ entity: {}, location: 'file:/x.yaml' }) });
  });

  it('refuses location types that are not allowed with a 400', async () => {
    await expect400('/locations', /type/, { method: 'POST', body: JSON.stringify({ type: 'github-org', target: 'https://github.com/acme' }) });
  });

  it('answers unknown ids and names with 404', async () => {
    expect((await t.fetch('/api/catalog/entities/by-uid/not-a-uuid')).status).toBe(404);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/nope')).status).toBe(404);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/nope/ancestry')).status).toBe(404);
    expect((await t.fetch('/api/catalog/locations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.fetch('/api/catalog/locations/by-entity/component/default/svc')).status).toBe(404);
  });

  it('refuses writes with 403 when the catalog is read-only, but allows dry runs and reads', async () => {
    const post = (dryRun: boolean) => readonly.fetch(`/api/catalog/locations${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: JSON.stringify({ type: 'url', target: 'https://example.com/catalog-info.yaml' }) });
    expect((await post(false)).status).toBe(403);
    expect((await post(true)).status).not.toBe(403);
    expect((await readonly.fetch('/api/catalog/locations/00000000-0000-4000-8000-000000000000', { method: 'DELETE' })).status).toBe(403);
    expect((await readonly.fetch('/api/catalog/entities/by-uid/00000000-0000-4000-8000-000000000000', { method: 'DELETE' })).status).toBe(403);
    expect((await readonly.fetch('/api/catalog/entities')).status).toBe(200);
  });

  it('requires sign-in', async () => {
    expect((await fetch(`${t.url}/api/catalog/entities`)).status).toBe(401);
  });
});

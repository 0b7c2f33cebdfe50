import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type GitServer, type TestBackend } from '@atrium/backend/testing';
import type { Entity } from '@atrium/model';
import type { EntityErrorsResponse } from '@atrium/plugin-catalog/common';
import { coreServices, createBackendPlugin } from '@atrium/backend';
import { CATALOG_ENTITY_CHANGED_TOPIC, catalogPlugin } from './plugin.js';

/**
 * The assembled catalog plugin on the portal's example organisation (real files, $text definitions,
 * deliberately broken descriptors) and a real git server for registered locations.
 */
const examples = join(process.cwd(), 'apps/portal/examples');

describe.each(TEST_DATABASE_CLIENTS)('the catalog plugin on %s', (client) => {
  let t: TestBackend;
  let git: GitServer;
  const get = async <T>(path: string) => (await (await t.fetch(`/api/catalog${path}`)).json()) as T;

  beforeAll(async () => {
    git = await startGitServer();
    t = await startTestBackend({
      features: [catalogPlugin],
      client,
      config: {
        integrations: { git: [{ host: new URL(git.url).host }] },
        catalog: {
          processingInterval: { hours: 1 },
          locations: [
            { type: 'file', target: join(examples, 'all.yaml') },
            { type: 'file', target: join(examples, 'broken/*.yaml') },
          ],
        },
      },
    });
    await waitFor(async () => (await get<{ totalItems: number }>('/entities/by-query?limit=1')).totalItems >= 89, { timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await t?.stop();
    await git?.close();
  });

  it('ingests the example organisation with relations in both directions and $text definitions', async () => {
    const service = await get<Entity>('/entities/by-name/component/default/playback-service');
    expect(service.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/playback-team' });
    expect(service.relations).toContainEqual({ type: 'providesApi', targetRef: 'api:default/playback-api' });
    const team = await get<Entity>('/entities/by-name/group/default/playback-team');
    expect(team.relations).toContainEqual({ type: 'ownerOf', targetRef: 'component:default/playback-service' });
    const api = await get<Entity>('/entities/by-name/api/default/playback-api');
    expect(api.relations).toContainEqual({ type: 'apiProvidedBy', targetRef: 'component:default/playback-service' });
    expect(String(api.spec?.definition)).toMatch(/^openapi: 3\.0\./);
    expect(service.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`file:${join(examples, 'components/playback-service/catalog-info.yaml')}`);
  });

  it('says when an entity was last read from its source and when it will be next, and a refresh moves both', async () => {
    type State = { entityRef: string; processedAt: string | null; nextRefreshAt: string; changedAt: string };
    const states = async (entityRefs: string[]) => (await (await t.fetch('/api/catalog/entities/refresh-state', {
      method: 'POST', body: JSON.stringify({ entityRefs }), headers: { 'content-type': 'application/json' },
    })).json()) as { items: Array<State | null> };
    const [before, missing] = (await states(['Component:default/playback-service', 'component:default/nope'])).items;
    expect(missing).toBeNull();
    expect(before!.entityRef).toBe('component:default/playback-service');
    expect(Date.parse(before!.processedAt!)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(before!.nextRefreshAt)).toBeGreaterThan(Date.now() + 50 * 60_000); // processingInterval: 1 hour
    const refreshed = await t.fetch('/api/catalog/refresh', { method: 'POST', body: JSON.stringify({ entityRef: 'component:default/playback-service' }), headers: { 'content-type': 'application/json' } });
    expect(refreshed.status).toBe(200);
    const after = await waitFor(async () => {
      const [s] = (await states(['component:default/playback-service'])).items;
      return Date.parse(s!.processedAt!) > Date.parse(before!.processedAt!) ? s : undefined;
    });
    expect(Date.parse(after!.nextRefreshAt)).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('stores precise errors for broken descriptors and keeps the rest of the catalog working', async () => {
    const { items } = await waitFor(async () => {
      const r = await get<EntityErrorsResponse>('/entities/errors');
      return r.items.some((i) => i.entityRef.startsWith('component:default/bad service name')) ? r : undefined;
    });
    const bad = items.find((i) => i.entityRef.startsWith('component:default/bad service name'))!;
    expect(bad.visible).toBe(false);
    const nameError = bad.errors.find((e) => e.field === 'metadata.name')!;
    expect(nameError).toMatchObject({ line: 7 });
    expect(nameError.url).toMatch(/broken\/invalid-entity\.yaml$/);
    expect(nameError.message).toContain('"metadata.name" is not valid');
    expect(bad.errors.some((e) => e.field === 'spec.owner' && /required/.test(e.message))).toBe(true);
    // The YAML syntax error is reported on the location that read the file, with its line.
    const yamlError = items.flatMap((i) => i.errors).find((e) => e.url?.endsWith('broken/invalid-yaml.yaml'))!;
    expect(yamlError.line).toBeGreaterThanOrEqual(7);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/broken-yaml-service')).status).toBe(404);
    expect((await t.fetch('/api/catalog/entities/by-name/component/default/web-player')).status).toBe(200);
  });

  it('registers a location on a git server, ingests it, and removes its entities when unregistered', async () => {
    await git.createRepo('billing', {
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: billing-service\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/playback-team\n',
    });
    const target = `${git.url}/billing/blob/main/catalog-info.yaml`;
    const created = await t.fetch('/api/catalog/locations', { method: 'POST', body: JSON.stringify({ type: 'url', target }) });
    expect(created.status).toBe(201);
    const { location } = (await created.json()) as { location: { id: string } };
    const billing = await waitFor(async () => {
      const r = await t.fetch('/api/catalog/entities/by-name/component/default/billing-service');
      return r.status === 200 ? ((await r.json()) as Entity) : undefined;
    }, { timeoutMs: 20_000 });
    expect(billing.metadata.annotations?.['backstage.io/view-url']).toBe(target);
    expect(billing.metadata.annotations?.['backstage.io/source-location']).toBe(`url:${git.url}/billing/tree/main/`);
    // A file location may not be registered through the API (catalog.allowedLocationTypes: url).
    const refused = await t.fetch('/api/catalog/locations', { method: 'POST', body: JSON.stringify({ type: 'file', target: '/etc/passwd' }) });
    expect(refused.status).toBe(400);
    expect((await t.fetch(`/api/catalog/locations/${location.id}`, { method: 'DELETE' })).status).toBe(204);
    await waitFor(async () => (await t.fetch('/api/catalog/entities/by-name/component/default/billing-service')).status === 404, { timeoutMs: 20_000 });
  });
});

describe('a descriptor that breaks', () => {
  it('keeps what its file emitted before, while other files of the same location still update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-broken-'));
    const component = (name: string, lifecycle: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: ${lifecycle}\n  owner: team-a\n`;
    writeFileSync(join(dir, 'a.yaml'), component('alpha', 'production'));
    writeFileSync(join(dir, 'b.yaml'), component('beta', 'production'));
    const t = await startTestBackend({ features: [catalogPlugin], config: { catalog: { processingInterval: { hours: 1 }, locations: [{ type: 'file', target: join(dir, '*.yaml') }] } } });
    try {
      const lifecycle = async (name: string) => {
        const r = await t.fetch(`/api/catalog/entities/by-name/component/default/${name}`);
        return r.status === 200 ? String(((await r.json()) as Entity).spec?.lifecycle) : undefined;
      };
      await waitFor(async () => (await lifecycle('alpha')) === 'production' && (await lifecycle('beta')) === 'production');
      writeFileSync(join(dir, 'a.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: [broken\n');
      writeFileSync(join(dir, 'b.yaml'), component('beta', 'deprecated'));
      const { items } = (await (await t.fetch('/api/catalog/entities/by-query?filter=kind=location')).json()) as { items: Entity[] };
      const root = items.find((e) => e.spec?.target === join(dir, '*.yaml'))!;
      expect((await t.fetch('/api/catalog/refresh', { method: 'POST', body: JSON.stringify({ entityRef: `location:default/${root.metadata.name}` }) })).status).toBe(200);
      await waitFor(async () => (await lifecycle('beta')) === 'deprecated', { timeoutMs: 20_000 });
      expect(await lifecycle('alpha')).toBe('production');
    } finally {
      await t.stop();
    }
  });
});

describe.each(TEST_DATABASE_CLIENTS)('change events on %s', (client) => {
  it('announce deleted entities too, so consumers find them gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-events-'));
    const file = join(dir, 'catalog-info.yaml');
    const component = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
    writeFileSync(file, `${component('stays')}---\n${component('goes')}`);
    const seen: Array<{ entityRefs: string[]; removed?: boolean }> = [];
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({ deps: { events: coreServices.events }, async init({ events }) {
          events.subscribe(CATALOG_ENTITY_CHANGED_TOPIC, (e) => void seen.push(e.payload as { entityRefs: string[]; removed?: boolean }));
        } });
      },
    });
    const t = await startTestBackend({ features: [catalogPlugin, probe], client, config: { catalog: { processingInterval: { hours: 1 }, locations: [{ type: 'file', target: file }] } } });
    try {
      await waitFor(async () => seen.some((e) => e.entityRefs.includes('component:default/goes')));
      writeFileSync(file, component('stays'));
      await t.fetch('/api/catalog/refresh', { method: 'POST', body: JSON.stringify({ entityRef: 'component:default/stays' }), headers: { 'content-type': 'application/json' } });
      await waitFor(async () => seen.some((e) => e.removed && e.entityRefs.includes('component:default/goes')));
      expect(seen.filter((e) => e.removed).flatMap((e) => e.entityRefs)).toEqual(['component:default/goes']);
    } finally {
      await t.stop();
    }
  });
});

describe.each(TEST_DATABASE_CLIENTS)('cached facet counts on %s', (client) => {
  it('are dropped as soon as the catalog changes, however long they may otherwise be kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-facets-'));
    const file = join(dir, 'catalog-info.yaml');
    const write = (type: string) => writeFileSync(file, `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: counted\nspec:\n  type: ${type}\n  lifecycle: production\n  owner: team-a\n`);
    write('service');
    const t = await startTestBackend({
      features: [catalogPlugin],
      client,
      config: { catalog: { processingInterval: { hours: 1 }, aggregateCacheTtl: { hours: 1 }, locations: [{ type: 'file', target: file }] } },
    });
    try {
      const types = async () => ((await (await t.fetch('/api/catalog/entity-facets?facet=spec.type&filter=kind=component')).json()) as { facets: Record<string, Array<{ value: string }>> }).facets['spec.type']!.map((f) => f.value);
      await waitFor(async () => (await types()).includes('service'));
      write('website');
      expect((await t.fetch('/api/catalog/refresh', { method: 'POST', body: JSON.stringify({ entityRef: 'component:default/counted' }), headers: { 'content-type': 'application/json' } })).status).toBe(200);
      // Within the hour the counts could be kept: only the change event can make this pass.
      await waitFor(async () => JSON.stringify(await types()) === '["website"]', { timeoutMs: 15_000 });
    } finally {
      await t.stop();
    }
  });
});

describe.each(TEST_DATABASE_CLIENTS)('a NUL character in a descriptor on %s', (client) => {
  it('fails only its entity, with the field and line, while the rest of the file and its $text are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-nul-'));
    const component = (name: string, extra = '') =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${extra}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
    // PostgreSQL refuses U+0000 in jsonb and text: one such value used to fail the write of the whole file.
    writeFileSync(join(dir, 'logo.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(dir, 'catalog-info.yaml'), [
      component('before'),
      component('with-nul', '  description: "bad \\0 value"\n'),
      component('with-binary-text', '  annotations:\n    example.com/logo:\n      $text: ./logo.bin\n'),
      component('after'),
    ].join('---\n'));
    const t = await startTestBackend({ features: [catalogPlugin], client, config: { catalog: { processingInterval: { hours: 1 }, locations: [{ type: 'file', target: join(dir, 'catalog-info.yaml') }] } } });
    try {
      // Errors are stored as the file is processed, and the valid entities are visible once stitched, a moment later.
      const visible = async (name: string) => (await t.fetch(`/api/catalog/entities/by-name/component/default/${name}`)).status === 200;
      const { items } = await waitFor(async () => {
        const r = (await (await t.fetch('/api/catalog/entities/errors')).json()) as EntityErrorsResponse;
        return r.items.length >= 2 && (await visible('before')) && (await visible('after')) ? r : undefined;
      }, { timeoutMs: 20_000 });
      const nul = items.find((i) => i.entityRef === 'component:default/with-nul')!;
      expect(nul.visible).toBe(false);
      expect(nul.errors).toEqual([expect.objectContaining({ field: 'metadata.description', line: 14, message: expect.stringContaining('NUL character') })]);
      const binary = items.find((i) => i.entityRef === 'component:default/with-binary-text')!;
      expect(binary.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'metadata.annotations.example.com/logo', message: expect.stringContaining('NUL characters') })]));
    } finally {
      await t.stop();
    }
  });
});

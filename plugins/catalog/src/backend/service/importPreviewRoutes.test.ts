import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type GitServer, type TestBackend } from '@atrium/backend/testing';
import type { ImportPreviewResponse } from '@atrium/plugin-catalog/common';
import { catalogPlugin } from '../plugin.js';
import { descriptorCandidates } from './importPreviewRoutes.js';

const service = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team-a${extra}
`;

describe('descriptor candidates for a pasted URL', () => {
  it('keeps a YAML file, turns a tree URL into its catalog-info.yaml, and tries main then master for a bare repository', () => {
    expect(descriptorCandidates('https://git.example.com/acme/web/blob/main/catalog-info.yaml')).toEqual(['https://git.example.com/acme/web/blob/main/catalog-info.yaml']);
    expect(descriptorCandidates('https://git.example.com/acme/web/tree/dev/services/api/')).toEqual(['https://git.example.com/acme/web/blob/dev/services/api/catalog-info.yaml']);
    expect(descriptorCandidates('https://git.example.com/acme/web.git')).toEqual([
      'https://git.example.com/acme/web/blob/main/catalog-info.yaml', 'https://git.example.com/acme/web/blob/master/catalog-info.yaml',
    ]);
  });
});

describe.each(TEST_DATABASE_CLIENTS)('POST /import-preview on %s', (client) => {
  let t: TestBackend;
  let git: GitServer;
  const preview = async (body: object) => {
    const r = await t.fetch('/api/catalog/import-preview', { method: 'POST', body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as ImportPreviewResponse & { error?: { message: string } } };
  };

  beforeAll(async () => {
    git = await startGitServer();
    await git.createRepo('acme/good', { 'catalog-info.yaml': service('good-service') });
    await git.createRepo('acme/legacy', { 'catalog-info.yaml': service('legacy-service') }, { branch: 'master' });
    await git.createRepo('acme/broken', { 'catalog-info.yaml': `${service('fine-one')}---\n${service('Bad Name!')}---\nkind: [unclosed\n` });
    t = await startTestBackend({
      features: [catalogPlugin], client,
      config: { integrations: { git: [{ host: new URL(git.url).host }] }, catalog: { processingInterval: { hours: 1 }, locations: [] } },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await git?.close();
  });

  it('resolves a bare repository URL to its descriptor on the default branch and lists what would be imported', async () => {
    const { status, body } = await preview({ url: `${git.url}/acme/good` });
    expect(status).toBe(200);
    expect(body.location).toEqual({ type: 'url', target: `${git.url}/acme/good/blob/main/catalog-info.yaml` });
    expect(body.entities.map((e) => [e.entity.metadata.name, e.isRegistered])).toEqual([['good-service', false]]);
    expect(body.errors).toEqual([]);
    expect(body.existingLocation).toBeUndefined();
    const legacy = await preview({ url: `${git.url}/acme/legacy.git` });
    expect(legacy.body.location.target).toBe(`${git.url}/acme/legacy/blob/master/catalog-info.yaml`);
  });

  it('lists each problem of a broken descriptor with its file and line, next to the entities that are fine', async () => {
    const { status, body } = await preview({ url: `${git.url}/acme/broken/blob/main/catalog-info.yaml` });
    expect(status).toBe(200);
    expect(body.entities.map((e) => e.entity.metadata.name)).toEqual(['fine-one']);
    expect(body.errors.length).toBeGreaterThanOrEqual(2);
    expect(body.errors.some((e) => /catalog-info\.yaml:\d+: metadata\.name/.test(e))).toBe(true);
    expect(body.errors.every((e) => e.startsWith(`${git.url}/acme/broken/blob/main/catalog-info.yaml`))).toBe(true);
  });

  it('says when the location is registered already and its entities are in the catalog', async () => {
    const target = `${git.url}/acme/good/blob/main/catalog-info.yaml`;
    const r = await t.fetch('/api/catalog/locations', { method: 'POST', body: JSON.stringify({ type: 'url', target }) });
    expect(r.status).toBe(201);
    const body = await waitFor(async () => {
      const p = (await preview({ url: target })).body;
      return p.entities[0]?.isRegistered ? p : undefined;
    }, { timeoutMs: 20_000 });
    expect(body.existingLocation).toMatchObject({ type: 'url', target });
  });

  it('reports an unreadable URL as a problem, and rejects what is not an http(s) URL with a 400 naming the field', async () => {
    const missing = await preview({ url: `${git.url}/acme/nope/blob/main/catalog-info.yaml` });
    expect(missing.status).toBe(200);
    expect(missing.body.entities).toEqual([]);
    expect(missing.body.errors).toHaveLength(1);
    for (const url of ['not a url', 'file:///etc/passwd']) {
      const bad = await preview({ url });
      expect(bad.status).toBe(400);
      expect(bad.body.error?.message).toMatch(/url/);
    }
  });
});

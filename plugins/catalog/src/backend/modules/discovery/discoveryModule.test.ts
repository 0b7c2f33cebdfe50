import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, startTestBackend, waitFor, type GitServer, type TestBackend } from '@atrium/backend/testing';
import type { Entity } from '@atrium/model';
import { catalogPlugin } from '../../plugin.js';
import { discoveryModule } from './discoveryModule.js';

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;

describe('glob discovery over a git repository', () => {
  let git: GitServer;
  let t: TestBackend;
  const names = async () => {
    const r = await t.fetch('/api/catalog/entities?filter=kind=component&fields=metadata.name');
    return ((await r.json()) as Entity[]).map((e) => e.metadata.name).sort();
  };

  beforeAll(async () => {
    git = await startGitServer();
    await git.createRepo('monorepo', {
      'services/billing/catalog-info.yaml': component('billing'),
      'services/search/catalog-info.yaml': component('search'),
      'README.md': '# not a descriptor',
    });
    const host = new URL(git.url).host;
    t = await startTestBackend({
      features: [catalogPlugin, discoveryModule],
      config: {
        integrations: { git: [{ host }] },
        catalog: {
          processingInterval: { hours: 1 },
          providers: { discovery: [{ id: 'monorepo', target: `${git.url}/monorepo/blob/main/services/**/catalog-info.yaml`, schedule: { frequency: { milliseconds: 300 }, timeout: { seconds: 20 } } }] },
        },
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await git?.close();
  });

  it('finds every descriptor matching the glob', async () => {
    await waitFor(async () => JSON.stringify(await names()) === '["billing","search"]', { timeoutMs: 20_000 });
    const billing = (await (await t.fetch('/api/catalog/entities/by-name/component/default/billing')).json()) as Entity;
    expect(billing.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`url:${git.url}/monorepo/blob/main/services/billing/catalog-info.yaml`);
  });

  // (Removing files from the bucket is covered by the provider tests; this server's helper only adds.)
  it('picks up a new commit: added files appear and changed ones update', async () => {
    await git.commit('monorepo', {
      'services/payments/catalog-info.yaml': component('payments'),
      'services/billing/catalog-info.yaml': component('billing').replace('lifecycle: production', 'lifecycle: deprecated'),
    }, 'add payments, deprecate billing');
    await waitFor(async () => JSON.stringify(await names()) === '["billing","payments","search"]', { timeoutMs: 20_000 });
    await waitFor(async () => {
      const billing = (await (await t.fetch('/api/catalog/entities/by-name/component/default/billing')).json()) as Entity;
      return billing.spec?.lifecycle === 'deprecated';
    }, { timeoutMs: 20_000 });
  });
});

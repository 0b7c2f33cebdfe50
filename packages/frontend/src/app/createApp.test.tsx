// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdentityManager } from '../api/identity';
import { createStaticEntitySource } from '../entity/entitySource';
import { defineFrontendPlugin } from '../plugin/defineFrontendPlugin';
import { installDomStubs } from '../testing/installDomStubs';
import { createApp } from './createApp';

installDomStubs();

const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
  const url = String(input);
  if (url === '/api/app/config') return Response.json({ app: { title: 'Test Portal' } });
  if (url === '/api/auth/guest/token') {
    return Response.json({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      identity: { type: 'user', userEntityRef: 'user:default/guest', ownershipEntityRefs: [] } });
  }
  return new Response('not found', { status: 404 });
});

let crash = true;
function Crashing(): never { throw new Error('widget exploded'); }
const plugin = defineFrontendPlugin({
  id: 'demo',
  pages: [{ path: '/demo', title: 'Demo', load: async () => ({ default: () => <p>demo page body</p> }) }],
  nav: [{ title: 'Demo', icon: 'flask', to: '/demo' }],
  entityTabs: [{ id: 'extra', title: 'Extra', path: 'extra', if: e => e.kind === 'Component', load: async () => ({ default: ({ entity }) => <p>extra for {entity.metadata.name}</p> }) }],
  homeWidgets: [],
});
const brittle = defineFrontendPlugin({
  id: 'brittle',
  pages: [{ path: '/brittle', title: 'Brittle', load: async () => ({ default: () => (crash ? <Crashing /> : <p>recovered</p>) }) }],
});

function renderAt(path: string) {
  window.history.pushState({}, '', path);
  const App = createApp({
    plugins: [plugin, brittle],
    identity: new IdentityManager(fetchMock as typeof fetch, undefined),
    entitySource: createStaticEntitySource([{ apiVersion: 'v1', kind: 'Component', metadata: { name: 'svc', namespace: 'default' }, spec: { owner: 'group:default/team-a' } }]),
  });
  return render(<App />);
}

beforeEach(() => { vi.stubGlobal('fetch', fetchMock); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); });

describe('createApp', () => {
  it('draws the sidebar from plugins and loads a page lazily, with its title', async () => {
    renderAt('/demo');
    expect(await screen.findByText('demo page body')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Demo' }).getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('Demo · Test Portal');
  });

  it('shows the 404 page for an unknown route', async () => {
    renderAt('/nowhere');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('shows entity tabs whose predicate matches and opens a tab from its URL', async () => {
    renderAt('/catalog/default/component/svc/extra');
    expect(await screen.findByText('extra for svc')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Extra' }).getAttribute('aria-selected')).toBe('true');
  });

  it('keeps a crashing plugin inside its error boundary, naming the plugin, and retries', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    renderAt('/brittle');
    expect(await screen.findByText('Could not show the "Brittle" page')).toBeTruthy();
    expect(screen.getByText('brittle')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Demo' })).toBeTruthy();
    crash = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('recovered')).toBeTruthy();
  });
});

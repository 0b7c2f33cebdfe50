// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, createStaticEntitySource, IdentityManager, installDomStubs } from '@atrium/frontend';
import type { Greeting } from '@atrium/plugin-example/common';
import { exampleFrontendPlugin } from './plugin';

installDomStubs();

function startApp(path: string) {
  const greetings: Greeting[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://portal');
    if (url.pathname === '/api/app/config') return Response.json({});
    if (url.pathname === '/api/auth/guest/token') {
      return Response.json({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        identity: { type: 'user', userEntityRef: 'user:default/guest', ownershipEntityRefs: [] } });
    }
    if (url.pathname === '/api/example/heartbeat') return Response.json({ runs: 3, lastRunAt: new Date().toISOString(), frequencySeconds: 5 });
    if (url.pathname === '/api/example/greetings' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { message: string; entityRef?: string };
      const greeting = { id: greetings.length + 1, message: body.message, entityRef: body.entityRef ?? null, author: 'user:default/guest', createdAt: new Date().toISOString() };
      greetings.push(greeting);
      return Response.json(greeting, { status: 201 });
    }
    if (url.pathname === '/api/example/greetings') {
      const ref = url.searchParams.get('entityRef');
      return Response.json({ items: greetings.filter(g => !ref || g.entityRef === ref) });
    }
    return new Response('{}', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  window.history.pushState({}, '', path);
  const App = createApp({
    plugins: [exampleFrontendPlugin], identity: new IdentityManager(fetchMock as typeof fetch, undefined),
    entitySource: createStaticEntitySource([{ apiVersion: 'v1', kind: 'Component', metadata: { name: 'svc', namespace: 'default' } }]),
  });
  render(<App />);
  return { fetchMock, greetings };
}

afterEach(() => { cleanup(); vi.unstubAllGlobals(); vi.restoreAllMocks(); });

describe('example plugin UI', () => {
  it('validates, posts a greeting and lists it, without console errors', async () => {
    const consoleError = vi.spyOn(console, 'error');
    startApp('/example');
    fireEvent.click(await screen.findByRole('button', { name: 'Post greeting' }));
    expect(await screen.findByText('Write a message before posting.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Your greeting'), { target: { value: 'Hello there' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post greeting' }));
    expect(await screen.findByRole('cell', { name: 'Hello there' })).toBeTruthy();
    expect(await screen.findByText('3')).toBeTruthy();
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('posts greetings from the entity tab with the entity ref', async () => {
    const { greetings } = startApp('/catalog/default/component/svc/greetings');
    fireEvent.change(await screen.findByLabelText('Your greeting'), { target: { value: 'Nice service' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post greeting' }));
    expect(await screen.findByRole('cell', { name: 'Nice service' })).toBeTruthy();
    expect(greetings[0]?.entityRef).toBe('component:default/svc');
  });
});

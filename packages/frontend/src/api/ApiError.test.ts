import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError';
import { createApiClient } from './apiClient';
import { IdentityManager } from './identity';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const guest = (token: string) => json(200, {
  token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  identity: { type: 'user', userEntityRef: 'user:default/guest', ownershipEntityRefs: ['user:default/guest'] },
});

describe('ApiError', () => {
  it('takes status and message from the backend error body', async () => {
    const res = json(404, { error: { name: 'NotFoundError', message: 'No greeting 7' }, request: { method: 'GET', url: '/api/example/greetings/7' }, response: { statusCode: 404 } });
    const error = await ApiError.fromResponse(res, { method: 'GET', url: '/api/example/greetings/7' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: 'No greeting 7', errorName: 'NotFoundError' });
  });

  it('falls back to the status when the body is not an error body', async () => {
    const error = await ApiError.fromResponse(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }), { method: 'POST', url: '/api/x' });
    expect(error).toMatchObject({ status: 502, errorName: 'HttpError' });
    expect(error.message).toBe('POST /api/x failed: Bad Gateway (502)');
  });
});

describe('createApiClient', () => {
  it('sends the bearer token, and on 401 renews the token and retries once', async () => {
    const calls: Array<{ url: string; auth?: string }> = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, auth: (init?.headers as Record<string, string> | undefined)?.authorization });
      if (url === '/api/auth/guest/token') return guest(`t${calls.filter(c => c.url === url).length}`);
      return calls.filter(c => c.url === url).length === 1 ? json(401, { error: { name: 'AuthenticationError', message: 'expired' }, response: { statusCode: 401 } }) : json(200, { items: [] });
    });
    const identity = new IdentityManager(fetchMock as typeof fetch, undefined);
    const api = createApiClient('example', { identity, fetch: fetchMock as typeof fetch });
    await expect(api.get('/greetings', { query: { entityRef: 'component:default/x', empty: undefined } })).resolves.toEqual({ items: [] });
    expect(calls.map(c => [c.url, c.auth])).toEqual([
      ['/api/auth/guest/token', undefined],
      ['/api/example/greetings?entityRef=component%3Adefault%2Fx', 'Bearer t1'],
      ['/api/auth/guest/token', undefined],
      ['/api/example/greetings?entityRef=component%3Adefault%2Fx', 'Bearer t2'],
    ]);
  });

  it('throws an ApiError with the backend message on failure', async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => String(input).includes('/auth/')
      ? guest('t')
      : json(400, { error: { name: 'InputError', message: 'message is too long' }, response: { statusCode: 400 } }));
    const api = createApiClient('example', { identity: new IdentityManager(fetchMock as typeof fetch, undefined), fetch: fetchMock as typeof fetch });
    await expect(api.post('/greetings', { message: 'x' })).rejects.toMatchObject({ status: 400, message: 'message is too long' });
  });
});

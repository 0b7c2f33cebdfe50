import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Test-only: a loopback HTTP server that replays GitHub API responses. Recorded responses come from
 * `@octokit/fixtures` (real api.github.com traffic, normalized); see each test for which are recorded
 * and which are written from GitHub's documented response shapes.
 */
export interface FakeRoute {
  path: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One entry of an octokit `normalized-fixture.json`. */
export interface OctokitFixture {
  method: string;
  path: string;
  status: number;
  response: unknown;
  responseIsBinary: boolean;
  headers: Record<string, string | number>;
}

export interface FakeGithub {
  url: string;
  host: string;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  routes: Map<string, FakeRoute>;
  add(...routes: FakeRoute[]): void;
  close(): Promise<void>;
}

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };
// Hop-by-hop and length headers are recomputed by Node for the replayed body.
const DROPPED_HEADERS = new Set(['content-length', 'connection', 'transfer-encoding', 'content-encoding']);

export function loadOctokitScenario(name: string): OctokitFixture[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@octokit/fixtures/package.json'));
  return JSON.parse(readFileSync(join(root, 'scenarios', 'api.github.com', name, 'normalized-fixture.json'), 'utf8')) as OctokitFixture[];
}

/** A route replaying a recorded response, served at `path` (the recorded path unless given). */
export function recordedRoute(fixture: OctokitFixture, path = fixture.path, rewriteLocation?: (location: string) => string): FakeRoute {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fixture.headers)) {
    if (!DROPPED_HEADERS.has(name)) headers[name] = String(value);
  }
  if (headers.location && rewriteLocation) headers.location = rewriteLocation(headers.location);
  const body = fixture.responseIsBinary ? Buffer.from(String(fixture.response), 'hex') : fixture.response;
  return { path, status: fixture.status, headers, body };
}

/** Matches the exact path with its query first, then the path alone; anything else is GitHub's 404. */
export async function startFakeGithub(routes: FakeRoute[] = []): Promise<FakeGithub> {
  const table = new Map<string, FakeRoute>();
  const requests: FakeGithub['requests'] = [];
  const add = (...added: FakeRoute[]) => added.forEach((route) => table.set(route.path, route));
  add(...routes);
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    requests.push({ path: target, headers: req.headers });
    const route = table.get(target) ?? table.get(target.split('?')[0]!);
    const status = route?.status ?? 404;
    const body = route ? route.body : NOT_FOUND;
    const payload = body === undefined || body === '' ? Buffer.alloc(0)
      : Buffer.isBuffer(body) ? body
        : typeof body === 'string' ? Buffer.from(body)
          : Buffer.from(JSON.stringify(body));
    const headers = { 'content-type': 'application/json; charset=utf-8', ...route?.headers };
    res.writeHead(status, headers).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    routes: table,
    add,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotAllowedError, NotFoundError, NotModifiedError, ServiceUnavailableError } from '../api/errors.js';
import type { UrlReaderService } from '../api/services.js';
import { createTestUrlReader } from './testUtils.js';

describe('plain HTTP fetch provider', () => {
  let server: Server;
  let base: string;
  let reader: UrlReaderService;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/docs/a.yaml') {
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
        return res.writeHead(200, { etag: '"v1"', 'content-type': 'text/yaml' }).end('name: a\n');
      }
      if (path === '/docs/no-etag.txt') return res.writeHead(200).end('plain');
      if (path === '/docs/big.bin') return res.writeHead(200).end(Buffer.alloc(2048));
      if (path === '/docs/stream.bin') {
        // No content-length: the limit must hold while streaming.
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        for (let i = 0; i < 8; i++) res.write(Buffer.alloc(512));
        return res.end();
      }
      if (path === '/docs/slow.txt') return setTimeout(() => res.writeHead(200).end('late'), 1500);
      if (path === '/docs/redirect-ok') return res.writeHead(302, { location: '/docs/a.yaml' }).end();
      if (path === '/docs/redirect-away') return res.writeHead(302, { location: 'http://evil.example/x' }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    ({ reader, cleanup } = await createTestUrlReader({
      backend: { reading: { allow: [{ host: `127.0.0.1:${port}`, paths: ['/docs'] }], maxBytes: 1024, timeoutMs: 500 } },
    }));
  });
  afterAll(async () => {
    await cleanup();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads an allow-listed URL with the server ETag, answering NotModified on If-None-Match', async () => {
    const response = await reader.readUrl(`${base}/docs/a.yaml`);
    expect(await response.text()).toBe('name: a\n');
    expect(response.etag).toBe('"v1"');
    await expect(reader.readUrl(`${base}/docs/a.yaml`, { etag: '"v1"' })).rejects.toBeInstanceOf(NotModifiedError);
    expect((await reader.readUrl(`${base}/docs/no-etag.txt`)).etag).toMatch(/^[0-9a-f]{64}$/);
  });

  it('follows redirects only to allowed URLs', async () => {
    expect(await (await reader.readUrl(`${base}/docs/redirect-ok`)).text()).toBe('name: a\n');
    await expect(reader.readUrl(`${base}/docs/redirect-away`)).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('enforces the size limit with and without content-length, and the timeout', async () => {
    await expect(reader.readUrl(`${base}/docs/big.bin`)).rejects.toThrow(InputError);
    await expect(reader.readUrl(`${base}/docs/stream.bin`)).rejects.toThrow(/backend\.reading\.maxBytes/);
    await expect(reader.readUrl(`${base}/docs/slow.txt`)).rejects.toThrow(ServiceUnavailableError);
  });

  it('throws NotFound for a missing file', async () => {
    await expect(reader.readUrl(`${base}/docs/missing.txt`)).rejects.toThrow(new NotFoundError(`${base}/docs/missing.txt was not found`));
  });

  it('refuses paths outside the allowed prefixes, other ports, and trees or search', async () => {
    await expect(reader.readUrl(`${base}/private/a.txt`)).rejects.toThrow(/add the host 127\.0\.0\.1:\d+ under integrations\.git or backend\.reading\.allow/);
    await expect(reader.readUrl(`${base}/docsx/a.txt`)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(reader.readUrl('http://127.0.0.1:1/docs/a.yaml')).rejects.toBeInstanceOf(NotAllowedError);
    await expect(reader.readTree(`${base}/docs`)).rejects.toThrow(/readTree is not supported/);
    await expect(reader.search(`${base}/docs/*.yaml`)).rejects.toThrow(/search is not supported/);
  });
});

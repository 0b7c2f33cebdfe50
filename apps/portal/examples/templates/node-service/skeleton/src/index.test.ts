import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
process.env.NODE_ENV = 'test';
const { server } = await import('./index.js');

test('answers its health check', async () => {
  server.listen(0);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const r = await fetch(`http://127.0.0.1:${port}/healthz`);
  assert.equal(r.status, 200);
  server.close();
});

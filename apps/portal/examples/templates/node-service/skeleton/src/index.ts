import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? ${{ values.port }});

/** ${{ values.description }} */
export const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: '${{ values.name }}', message: 'Hello from ${{ values.name }}' }));
});

if (process.env.NODE_ENV !== 'test') server.listen(port, () => console.log(`${{ values.name }} listening on ${port}`));

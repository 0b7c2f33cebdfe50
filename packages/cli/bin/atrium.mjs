#!/usr/bin/env node
// The atrium command. Runs the built CLI; `npm run build` (or `npm start`) builds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('atrium: the CLI is not built; run "npm run build" in the repository root first');
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

/** Runs the CLI in-process and captures what it prints. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** A minimal app folder: a manifest, a backend module with no plugins, and an in-memory database. */
function makeApp(configYaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-cli-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', atrium: { backend: './backend.mjs' } }));
  writeFileSync(join(dir, 'backend.mjs'), 'export const features = [];\n');
  writeFileSync(join(dir, 'app-config.yaml'), configYaml);
  return dir;
}

afterEach(() => vi.restoreAllMocks());

describe('atrium', () => {
  it('prints its version and help', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, out: '0.1.0' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('atrium <command>');
    expect(help.out).toContain('--config FILE');
  });

  it('rejects unknown flags, commands and bad ports with one line and exit code 2', async () => {
    for (const args of [['--bogus'], ['frobnicate'], ['start', '--port', '99999']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^atrium: .*Run "atrium --help" for usage\.$/);
    }
  });

  it('names the file and line of malformed YAML, without a stack trace', async () => {
    const app = makeApp('backend:\n  listen: [\n');
    const r = await run(['start', '--app', app]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^atrium: Invalid YAML in .*app-config\.yaml:3:1/);
    expect(r.err).not.toContain('    at ');
  });

  it('names the key and file of an invalid value from a --config file', async () => {
    const app = makeApp('backend:\n  database: { client: pglite, connection: ":memory:" }\n');
    const extra = join(app, 'override.yaml');
    writeFileSync(extra, 'backend:\n  database:\n    client: sqlite\n');
    const r = await run(['start', '--app', app, '--config', extra]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('backend.database.client');
    expect(r.err).toContain('override.yaml');
  });

  it('says when the folder is not an app', async () => {
    const r = await run(['start', '--app', mkdtempSync(join(tmpdir(), 'atrium-empty-'))]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not an Atrium app: it has no package.json/);
  });

  it('starts an app, serves /readyz, and stops cleanly on SIGTERM', async () => {
    const app = makeApp('backend:\n  database: { client: pglite, connection: ":memory:" }\n  listen: { host: 127.0.0.1 }\n  log: { level: warn, format: json }\n');
    const port = 7400 + Math.floor(Math.random() * 500);
    const running = run(['start', '--app', app, '--port', String(port)]);
    let ready = 0;
    for (let i = 0; i < 300 && ready !== 200; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
      if (ready !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toBe(200);
    process.emit('SIGTERM');
    expect((await running).code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

describe('atrium validate', () => {
  const examples = join(process.cwd(), 'node_modules/@backstage/create-app/templates/default-app/examples');

  it("exits 0 for Backstage's example catalog", async () => {
    const r = await run(['validate', join(examples, 'entities.yaml'), join(examples, 'org.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✔ 2 files, \d+ entities: valid/);
  });

  it('exits 1 listing file:line, field and message, and prints JSON on request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-cli-validate-'));
    writeFileSync(join(dir, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ok\nspec:\n  type: service\n  lifecycle: production\n');
    const file = join(dir, 'catalog-info.yaml');
    const text = await run(['validate', file]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/catalog-info\.yaml:5: spec\.owner: "spec\.owner" is required/);
    expect(text.out).toMatch(/✖ 1 file, 1 entity: 1 problem/);
    const json = await run(['validate', '--format', 'json', file]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ valid: false, files: [{ entities: 1, problems: [{ line: 5, field: 'spec.owner' }] }] });
  });

  it('rejects an unknown format', async () => {
    expect((await run(['validate', '--format', 'xml'])).code).toBe(2);
  });
});

// Catalog UI in a real browser (Debian's Chromium) against a portal holding a generated organisation:
// - /catalog interactive: from navigation start until the first 20 rows are on screen and the search
//   box takes input (cold: new browser context, so JS comes from the server and nothing is cached);
// - an entity page: a full load, and the in-app navigation from the catalog table, until the header and
//   every card on the overview have their data;
// - the catalog plugin's own JavaScript, gzipped (see bundle.bench.mjs).
// N = 10,000 by default (BENCH_CATALOG_N); BENCH_CATALOG_DB=pg for the PostgreSQL server; BENCH_RUNS runs each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { median, startPortal, writeConfig } from './lib.mjs';
import { generateOrg, writeOrg } from './catalog/generateOrg.mjs';
import { catalogBundle } from './bundle.bench.mjs';

const PORT = 7311;
const N = Number(process.env.BENCH_CATALOG_N ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CLIENT = process.env.BENCH_CATALOG_DB ?? 'pglite';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function waitForIngestion(url, expected) {
  const { token } = await (await fetch(`${url}/api/auth/guest/token`, { method: 'POST' })).json();
  const t0 = performance.now();
  for (;;) {
    const r = await fetch(`${url}/api/catalog/entities/by-query?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    if (r.ok && (await r.json()).totalItems >= expected) return performance.now() - t0;
    if (performance.now() - t0 > 30 * 60_000) throw new Error('ingestion did not finish in 30 minutes');
    await new Promise((res) => setTimeout(res, 250));
  }
}

// Milliseconds since the page's navigation started, read inside the page once `ready` holds.
const sinceNavigation = (page) => page.evaluate(() => performance.now());
const settled = (page) => page.waitForFunction(() => document.querySelectorAll('#atrium-main [aria-busy="true"], #atrium-main [role="status"][aria-label^="Loading"]').length === 0);

async function catalogInteractive(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}/catalog`, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="components"] tbody tr').length === 20 && !document.querySelector('input[type="search"]')?.disabled);
  const ms = await sinceNavigation(page);
  await context.close();
  return ms;
}

async function entityLoad(browser, url, ref) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}/catalog/default/component/${ref}`, { waitUntil: 'commit' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Provided APIs' }).getByRole('listitem').first().waitFor();
  await settled(page);
  const ms = await sinceNavigation(page);
  await context.close();
  return ms;
}

/** From a click on a row of the catalog table to the entity page with all its cards filled. */
async function entityNavigation(browser, url, index) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}/catalog?q=component-${index}`);
  const link = page.locator('table[aria-label="components"] tbody tr').first().getByRole('link').first();
  await link.waitFor();
  const name = await link.textContent();
  const t0 = await sinceNavigation(page);
  await link.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('region', { name: 'Provided APIs' }).getByRole('listitem').first().waitFor();
  await settled(page);
  const ms = (await sinceNavigation(page)) - t0;
  await context.close();
  return ms;
}

export async function run() {
  const bundle = catalogBundle();
  console.log(`catalog plugin JS: ${bundle.ownKb.toFixed(1)} KB gzipped in ${bundle.ownFiles} lazy chunks (target < 200 KB); relation graph tab with xyflow + ELK: ${bundle.graphKb.toFixed(1)} KB gzipped, loaded only on that tab`);

  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-ui-'));
  const entities = generateOrg(N);
  const all = await writeOrg(dir, entities);
  let database;
  if (CLIENT === 'pg') {
    execFileSync('psql', ['-h', '/var/run/postgresql', '-d', 'postgres', '-qc', 'DROP DATABASE IF EXISTS atrium_bench_ui', '-c', 'CREATE DATABASE atrium_bench_ui']);
    database = `    client: pg\n    connection: postgresql://${process.env.USER ?? 'root'}@localhost/atrium_bench_ui?host=/var/run/postgresql\n`;
  } else {
    database = `    client: pglite\n    connection: ${mkdtempSync(join(tmpdir(), 'atrium-bench-pglite-'))}\n`;
  }
  const config = writeConfig(`backend:\n  database:\n${database}  log:\n    level: warn\ncatalog:\n  processingInterval: { hours: 1 }\n  locations:\n    - type: file\n      target: ${all}\n`);
  const step = (m) => process.env.BENCH_DEBUG && console.error(`[catalog-ui] ${m}`);
  step('starting the portal');
  // BENCH_APP_DIR: an app folder with its own frontend build, to measure without touching apps/portal/build.
  const portal = await startPortal({ config, port: PORT, ...(process.env.BENCH_APP_DIR ? { app: process.env.BENCH_APP_DIR } : {}) });
  step(`portal up (pid ${portal.pid})`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  step('browser up');
  try {
    const ingest = await waitForIngestion(portal.url, entities.length + 2);
    console.log(`${CLIENT}: ${entities.length + 2} entities ingested in ${(ingest / 1000).toFixed(1)} s`);
    step('measuring');
    // Keeps the process alive and says why if the portal goes away mid-run (the browser's pipe does not).
    const watchdog = setInterval(() => {
      try { process.kill(portal.pid, 0); } catch { console.error('[catalog-ui] the portal process died'); process.exit(1); }
    }, 1000);
    // One unmeasured pass: the database's and the OS's caches warm up as they would on a running portal.
    await catalogInteractive(browser, portal.url);
    const catalog = [], load = [], nav = [];
    const components = entities.filter((e) => e.kind === 'Component').map((e) => e.metadata.name);
    for (let i = 0; i < RUNS; i++) {
      catalog.push(await catalogInteractive(browser, portal.url));
      load.push(await entityLoad(browser, portal.url, components[(i * 997) % components.length]));
      nav.push(await entityNavigation(browser, portal.url, (i * 131) % components.length));
    }
    clearInterval(watchdog);
    const fmt = (xs) => `median ${Math.round(median(xs))} ms [${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}]`;
    console.log(`  /catalog interactive (cold context)          ${fmt(catalog)}   target < 1000 ms`);
    console.log(`  entity page, full load (cold context)        ${fmt(load)}`);
    console.log(`  entity page, from a click in the catalog     ${fmt(nav)}   target < 500 ms`);
  } finally {
    await browser.close();
    await portal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

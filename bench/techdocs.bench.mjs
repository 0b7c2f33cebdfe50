// TechDocs: a generated 100-page MkDocs site built by `atrium docs build` and by `/usr/bin/mkdocs build`
// side by side (same source, same extensions, each a fresh process, wall and CPU time): without the
// page cache (every page rendered, as mkdocs does), with it for an unchanged source and after a
// one-page edit; plus the builder alone in-process; then the time to open a docs page in the reader
// (Chromium, the built portal). The generated site repeats its code blocks (36 distinct of 594), which
// the builder highlights once per build, so Fastify's docs are built side by side too (realDocsBench),
// and their code blocks highlighted alone (highlightBench).
// Needs a build (`npm run build`) and Debian's mkdocs (scripts/setup-test-env.sh). Prints medians.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, root, startPortal, writeConfig } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = 7311;
const SECTIONS = ['guides', 'reference', 'operations', 'architecture', 'api'];
const LANGS = ['ts', 'bash', 'yaml', 'json', 'python', 'go'];
// Sections of the example playback-service docs the reader benchmark opens pages in.
const SECTION_TITLES = { guides: 'Getting started', architecture: 'Architecture', api: 'API', operations: 'Operations', runbook: 'Operations', reference: 'Reference' };

/** A site of `pages` pages in 5 sections, each page ~120 lines using what real docs use. */
export function generateSite(dir, pages = 100) {
  const nav = [];
  mkdirSync(join(dir, 'docs'), { recursive: true });
  writeFileSync(join(dir, 'docs/index.md'), '# Generated docs\n\nThe home page. See [the first page](reference/page-1.md).\n');
  nav.push('  - Home: index.md');
  for (const s of SECTIONS) mkdirSync(join(dir, 'docs', s), { recursive: true });
  const bySection = new Map(SECTIONS.map((s) => [s, []]));
  for (let i = 1; i < pages; i++) {
    const section = SECTIONS[i % SECTIONS.length];
    const file = `${section}/page-${i}.md`;
    bySection.get(section).push(`      - Page ${i}: ${file}`);
    const j = (i % (pages - 1)) + 1; // the next page, wrapping around
    const other = `../${SECTIONS[j % SECTIONS.length]}/page-${j}.md`;
    const parts = [`# Page ${i}: ${section}\n\nIntroduction to topic ${i}, linking to [another page](${other}).\n`];
    for (let h = 1; h <= 6; h++) {
      const lang = LANGS[(i + h) % LANGS.length];
      parts.push(`## Section ${h} of page ${i}\n\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '.repeat(4)}\n`,
        `!!! note "Note ${h}"\n    Remember **this** about section ${h}, and \`inline code\`.\n`,
        `### Details ${h}\n\n| Key | Value | Notes |\n|---|---|---|\n| a${h} | ${h} | first |\n| b${h} | ${h * 2} | second |\n`,
        `\`\`\`${lang} title="example-${h}.${lang}"\n${Array.from({ length: 8 }, (_, l) => `line ${l} of example ${h} = value(${l})`).join('\n')}\n\`\`\`\n`,
        h % 2 ? `=== "First"\n    Tab one of section ${h}.\n\n=== "Second"\n    Tab two of section ${h}.\n` : `??? tip "More"\n    Hidden details ${h}.\n`,
        `- [x] done item\n- [ ] open item\n`);
    }
    writeFileSync(join(dir, 'docs', file), parts.join('\n'));
  }
  writeFileSync(join(dir, 'mkdocs.yml'), [
    'site_name: Generated docs', 'nav:', ...nav, ...SECTIONS.flatMap((s) => [`  - ${s}:`, ...bySection.get(s)]),
    'markdown_extensions:', '  - toc:', '      permalink: true', '  - admonition', '  - attr_list', '  - def_list', '  - footnotes', '  - tables',
    '  - pymdownx.details', '  - pymdownx.superfences', '  - pymdownx.highlight', '  - pymdownx.tasklist', '  - pymdownx.tabbed:', '      alternate_style: true',
    '',
  ].join('\n'));
}

/** Wall clock and CPU time (user + system, from /usr/bin/time) of a fresh process: CPU time is what
 * stays comparable when other work shares the 2 cores. */
function wall(cmd, args, env) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...(env && { env: { ...process.env, ...env } }) });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const [, user, sys] = /CPU ([\d.]+) ([\d.]+)/.exec(String(r.stderr)) ?? [];
  return { wall: performance.now() - t0, cpu: (Number(user) + Number(sys)) * 1000 };
}

export async function buildBench() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-docs-'));
  generateSite(join(dir, 'src'));
  const cli = join(root, 'packages/cli/bin/atrium.mjs');
  // The CLI keeps its compiled code (V8's code cache of its bundle) under XDG_CACHE_HOME: here, a
  // folder of this run, filled by the first build below. Every build still renders from the source.
  const xdg = { XDG_CACHE_HOME: join(dir, 'xdg') };
  const build = (extra, env) => wall(process.execPath, [cli, 'docs', 'build', '--source', join(dir, 'src'), '--out', join(dir, 'ours'), ...extra], { ...xdg, ...env });
  const cache = ['--cache', join(dir, 'cache')];
  build(cache); // fills the page cache (and the code cache)
  const ours = [], theirs = [], warm = [], edited = [], inProcess = [], uncompiled = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(build(['--no-cache']));
    theirs.push(wall('/usr/bin/mkdocs', ['build', '-q', '-f', join(dir, 'src/mkdocs.yml'), '-d', join(dir, 'theirs')]));
    // The same without the code cache: the CLI compiles its bundle again.
    uncompiled.push(build(['--no-cache'], { ATRIUM_NO_CODE_CACHE: '1' }));
    warm.push(build(cache));
    // A commit that edits one page: that page is rendered, the 99 others come from the cache.
    appendFileSync(join(dir, 'src/docs/reference/page-1.md'), `\nEdit ${i}: \`\`\`inline\`\`\` and a [link](../api/page-4.md).\n\n\`\`\`ts\nconst edit = ${i};\n\`\`\`\n`);
    edited.push(build(cache));
  }
  const { buildSite, readLocalSource } = await import(join(root, 'plugins/techdocs/dist/backend/index.js'));
  const { createRenderPool } = await import(join(root, 'plugins/techdocs/dist/backend/builder/index.js'));
  const pool = createRenderPool(); // the portal's: worker threads, one per core
  const poolRuns = [];
  for (let i = 0; i < RUNS + 1; i++) {
    // Interleaved: the builder on the calling thread, then in the pool; the first of each loads the grammars.
    for (const [renderer, list] of [[undefined, inProcess], [pool, poolRuns]]) {
      const t0 = performance.now();
      await buildSite(await readLocalSource(join(dir, 'src')), { etag: 'bench', ...(renderer && { renderer }) });
      if (i > 0) list.push(performance.now() - t0);
    }
  }
  await pool.close();
  const pages = execFileSync('find', [join(dir, 'theirs'), '-name', 'index.html']).toString().trim().split('\n').length;
  const show = (label, xs) => {
    const w = median(xs.map((x) => x.wall)), c = median(xs.map((x) => x.cpu));
    console.log(`  ${label}: wall median ${w.toFixed(0)} ms (runs: ${xs.map((x) => x.wall.toFixed(0)).join(', ')}), CPU median ${c.toFixed(0)} ms`);
    return { w, c };
  };
  const ratio = (label, a, b) => console.log(`  => mkdocs / ${label}: ${(b.w / a.w).toFixed(2)}x by wall clock, ${(b.c / a.c).toFixed(2)}x by CPU time`);
  const bundled = existsSync(join(root, 'packages/cli/dist/docs.cjs'));
  console.log(`100-page site (${pages} pages per mkdocs), each build a fresh process (the CLI ${bundled ? 'from its bundle' : 'from its modules: no dist/docs.cjs, run npm run build'}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  const a = show('atrium docs build --no-cache (every page rendered)', ours);
  const b = show('/usr/bin/mkdocs build', theirs);
  const a2 = show('atrium docs build --no-cache, no code cache (ATRIUM_NO_CODE_CACHE=1)', uncompiled);
  const c = show('atrium docs build, page cache, source unchanged', warm);
  const d = show('atrium docs build, page cache, one page edited', edited);
  ratio('atrium (no cache)', a, b);
  ratio('atrium (no cache, no code cache)', a2, b);
  ratio('atrium (unchanged)', c, b);
  ratio('atrium (one page edited)', d, b);
  console.log(`  builder in-process (warm process, no page cache), on the calling thread: median ${median(inProcess).toFixed(0)} ms (runs: ${inProcess.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`  builder in-process, in the portal's worker threads (${os.availableParallelism()}): median ${median(poolRuns).toFixed(0)} ms (runs: ${poolRuns.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`  => mkdocs (fresh process) / portal's warm builder: ${(b.w / median(poolRuns)).toFixed(2)}x by wall clock`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Real docs beside the generated site, whose 594 code blocks are only 36 distinct ones (the builder
 * highlights a block once per build): Fastify's docs from its npm package (41 pages, 549 code blocks,
 * 544 distinct, mostly JavaScript), with the generated site's extensions so mkdocs highlights them with
 * Pygments too. mkdocs in a fresh process; the builder warm, on the calling thread and in the pool.
 */
export async function realDocsBench() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-fastify-'));
  cpSync(join(root, 'node_modules/fastify/docs'), join(dir, 'src/docs'), { recursive: true });
  writeFileSync(join(dir, 'src/mkdocs.yml'), ['site_name: Fastify', 'markdown_extensions:', '  - toc:', '      permalink: true', '  - admonition', '  - attr_list',
    '  - def_list', '  - footnotes', '  - tables', '  - pymdownx.details', '  - pymdownx.superfences', '  - pymdownx.highlight', '  - pymdownx.tasklist', ''].join('\n'));
  const { buildSite, readLocalSource } = await import(join(root, 'plugins/techdocs/dist/backend/index.js'));
  const { createRenderPool } = await import(join(root, 'plugins/techdocs/dist/backend/builder/index.js'));
  const pool = createRenderPool();
  const theirs = [], inProcess = [], poolRuns = [];
  for (let i = 0; i < RUNS + 1; i++) {
    if (i > 0) theirs.push(wall('/usr/bin/mkdocs', ['build', '-q', '-f', join(dir, 'src/mkdocs.yml'), '-d', join(dir, 'theirs')]));
    for (const [renderer, list] of [[undefined, inProcess], [pool, poolRuns]]) {
      const t0 = performance.now();
      await buildSite(await readLocalSource(join(dir, 'src')), { etag: 'bench', ...(renderer && { renderer }) });
      if (i > 0) list.push(performance.now() - t0);
    }
  }
  await pool.close();
  const m = median(theirs.map((x) => x.wall));
  console.log(`Fastify's docs (41 pages, 549 code blocks, 544 distinct), mkdocs fresh process vs the warm builder:`);
  console.log(`  /usr/bin/mkdocs build: wall median ${m.toFixed(0)} ms (runs: ${theirs.map((x) => x.wall.toFixed(0)).join(', ')}), CPU median ${median(theirs.map((x) => x.cpu)).toFixed(0)} ms`);
  console.log(`  builder in-process, calling thread: median ${median(inProcess).toFixed(0)} ms (runs: ${inProcess.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`  builder in-process, the portal's render pool (a site under 2 MB of Markdown renders on one of its threads): median ${median(poolRuns).toFixed(0)} ms (runs: ${poolRuns.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`  => mkdocs / portal's warm builder: ${(m / median(poolRuns)).toFixed(2)}x by wall clock`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The highlighter alone on Fastify's code blocks (and the example site's): what 80% of a warm build of
 * Fastify's docs was with shiki. Loading and the first pass in a fresh process, then warm passes, each
 * with a new build's map of seen blocks (so every block is tokenised).
 */
export async function highlightBench() {
  const blocks = [];
  for (const dir of [join(root, 'node_modules/fastify/docs'), join(root, 'apps/portal/examples')]) {
    for (const f of readdirSync(dir, { recursive: true })) {
      if (!f.endsWith('.md')) continue;
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/^ *```[ \t]*\{?[ \t]*\.?([\w+#-]*)[^\n]*\n([\s\S]*?)\n *```/gm)) if (m[1] !== 'mermaid') blocks.push([m[1], m[2]]);
    }
  }
  const script = `const { prepareHighlighter } = await import(${JSON.stringify(join(root, 'plugins/techdocs/dist/backend/builder/highlight.js'))});
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const blocks = JSON.parse(Buffer.concat(chunks).toString());
    let t0 = performance.now();
    let h = await prepareHighlighter(blocks.map(([l]) => l));
    const load = performance.now() - t0;
    t0 = performance.now();
    for (const [lang, code] of blocks) h.highlight(code, { lang });
    const first = performance.now() - t0, warm = [];
    for (let i = 0; i < ${RUNS * 2}; i++) {
      h = await prepareHighlighter([]);
      t0 = performance.now();
      for (const [lang, code] of blocks) h.highlight(code, { lang });
      warm.push(performance.now() - t0);
    }
    console.log(JSON.stringify({ load, first, warm }));`;
  const { load, first, warm } = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(blocks) }).toString());
  const m = median(warm);
  console.log(`highlighting ${blocks.length} code blocks (Fastify's docs and the example site), a fresh process:`);
  console.log(`  loading ${load.toFixed(0)} ms, first pass ${first.toFixed(0)} ms, warm median ${m.toFixed(1)} ms (${(1000 * m / blocks.length).toFixed(0)} µs a block; runs: ${warm.map((t) => t.toFixed(0)).join(', ')})`);
}

export async function readerBench() {
  const { chromium } = await import('playwright-core');
  // Paths in the portal's own config are relative to apps/portal; the benchmark runs from the root.
  const examples = join(root, 'apps/portal/examples');
  const config = writeConfig(`backend:\n  database:\n    client: pglite\n    connection: ":memory:"\n  log:\n    level: warn\n  reading:\n    localRoots: [${examples}]\ncatalog:\n  locations:\n    - { type: file, target: ${join(examples, 'all.yaml')} }\n`);
  const portal = await startPortal({ config, port: PORT });
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'atrium-bench-chrome-')), {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = ctx.pages()[0] ?? await ctx.newPage();
    const base = `${portal.url}/docs/default/component/playback-service/`;
    // Waits until the catalog has the entity, then lets the first read build the site.
    const token = await guestToken(portal.url);
    for (let i = 0; ; i++) {
      const r = await fetch(`${portal.url}/api/catalog/entities/by-name/component/default/playback-service`, { headers: { authorization: `Bearer ${token}` } });
      if (r.ok) break;
      if (i > 900) throw new Error(`the catalog did not read the example playback-service in 3 minutes (${r.status})`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.goto(base);
    await page.getByTestId('techdocs-article').getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 }).catch(async (e) => {
      throw new Error(`the docs did not open; the page says: ${(await page.locator('#atrium-main').innerText()).slice(0, 500)}`, { cause: e });
    });
    const pages = ['guides/local-dev/', 'architecture/sessions/', 'api/errors/', 'runbook/', 'operations/monitoring/', 'reference/glossary/', 'guides/configuration/', 'api/sessions/', 'operations/deploy/', 'architecture/events/'];
    const titles = ['Local development', 'Sessions', 'Errors', 'Runbook', 'Monitoring', 'Glossary', 'Configuration', 'Sessions endpoint', 'Deploying', 'Listening events'];
    const nav = [], full = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < pages.length; i++) {
        // In the reader: click the page in the nav (opening its section first, untimed) until its article heading shows.
        const navBox = page.getByRole('navigation', { name: 'Docs navigation' });
        const link = navBox.getByRole('link', { name: titles[i], exact: true });
        if (!(await link.isVisible())) await navBox.getByText(SECTION_TITLES[pages[i].split('/')[0]], { exact: true }).first().click();
        await link.waitFor();
        const t0 = performance.now();
        await link.click();
        await page.getByTestId('techdocs-article').getByRole('heading', { level: 1, name: titles[i] }).waitFor();
        if (round === 1) nav.push(performance.now() - t0); // the first round fetches each page once; the second is what a reader sees going back and forth
        else full.push(performance.now() - t0);
      }
    }
    const cold = [], inPage = [];
    // In the page itself: from the navigation's start to the frame the article's heading is in (the
    // figure above adds Playwright's own round trips).
    await page.addInitScript(() => {
      const look = () => { if (document.querySelector('[data-testid="techdocs-article"] h1')) window.__docsShown = performance.now(); else requestAnimationFrame(look); };
      requestAnimationFrame(look);
    });
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await page.goto(`${base}${pages[i]}`);
      await page.getByTestId('techdocs-article').getByRole('heading', { level: 1, name: titles[i] }).waitFor();
      cold.push(performance.now() - t0);
      inPage.push(await page.evaluate(() => window.__docsShown));
    }
    console.log(`reader, opening a page in the app (first time: fetched): median ${median(full).toFixed(0)} ms (runs: ${full.map((t) => t.toFixed(0)).join(', ')})`);
    console.log(`reader, opening a page already seen: median ${median(nav).toFixed(0)} ms`);
    console.log(`reader, loading a docs URL in a new page load (app shell + page): median ${median(cold).toFixed(0)} ms (runs: ${cold.map((t) => t.toFixed(0)).join(', ')})`);
    console.log(`  the same, measured in the page (navigation start to the heading's frame): median ${median(inPage).toFixed(0)} ms (runs: ${inPage.map((t) => t.toFixed(0)).join(', ')})`);
  } finally {
    await ctx.close();
    await portal.stop();
  }
}

async function guestToken(url) {
  const r = await fetch(`${url}/api/auth/guest/token`, { method: 'POST' });
  return (await r.json()).token;
}

export async function run() {
  await buildBench();
  await realDocsBench();
  await highlightBench();
  await readerBench();
}

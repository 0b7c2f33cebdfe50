import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentBundleVersion } from '../codeCache.js';

const cli = fileURLToPath(new URL('../../bin/atrium.mjs', import.meta.url));
const bundle = fileURLToPath(new URL('../../dist/docs.cjs', import.meta.url));
// The bundle is made by `npm run build` (npm test builds first); without a current one there is
// nothing to compare.
const built = existsSync(join(bundle, '../index.js')) && currentBundleVersion(bundle) !== undefined;

const LANGS = ['ts', 'tsx', 'jsx', 'js', 'html', 'php', 'css', 'bash', 'console', 'python', 'go', 'yaml', 'json', 'rust', 'java', 'sql', 'apl', 'agda', 'nosuchlanguage'];

/**
 * The built CLI's docs bundle (dist/docs.cjs, Prism inside it, non-ASCII characters escaped) against
 * the compiled modules it is made of.
 */
describe.skipIf(!built)('atrium docs build from its bundle', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atrium-docs-bundle-'));
    await mkdir(join(dir, 'src/docs'), { recursive: true });
    await writeFile(join(dir, 'src/mkdocs.yml'), 'site_name: Bundle\nmarkdown_extensions:\n  - pymdownx.highlight\n  - pymdownx.superfences\n');
    const code = (lang: string) => `\`\`\`${lang} hl_lines="2"\n<div class="a">{{ x }}</div>\nconst f = (a: number): string => \`\${a}\`; // <?php echo $x; ?>\nfn main() { println!("{}", 1); } SELECT * FROM t WHERE a = 'b';\n⍝ a comment; ∀ x → λ y ⦃ z ⦄ café 😀\n\`\`\`\n`;
    await writeFile(join(dir, 'src/docs/index.md'), `# Code\n\nEmoji :smile: and :+1:, café, ✔ — “quotes”.\n\n${LANGS.map(code).join('\n')}`);
    await writeFile(join(dir, 'src/docs/other.md'), `# Other\n\n${[...LANGS].reverse().map(code).join('\n')}`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const build = (out: string, env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [cli, 'docs', 'build', '--source', join(dir, 'src'), '--out', join(dir, out), '--no-cache'], { env: { ...process.env, XDG_CACHE_HOME: join(dir, 'xdg'), ...env } });

  it('writes the same pages, highlighted alike in every language, as the compiled modules', async () => {
    await build('modules', { ATRIUM_NO_BUNDLE: '1' });
    expect(existsSync(join(dir, 'xdg/atrium/code'))).toBe(false);
    await build('bundle', {});
    // Only the bundle keeps a code cache: this build did run from it.
    const caches = await readdir(join(dir, 'xdg/atrium/code'));
    expect(caches.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    // The next build reads that cache (made under the V8 flags the CLI sets) instead of writing another.
    const cache = join(dir, 'xdg/atrium/code', caches.find((f) => f.endsWith('.bin'))!);
    const made = (await stat(cache)).mtimeMs;
    await build('bundle', {});
    expect(await readdir(join(dir, 'xdg/atrium/code'))).toEqual(caches);
    expect((await stat(cache)).mtimeMs).toBe(made);
    for (const page of ['index.html', 'other/index.html', 'search/search_index.json']) {
      const fromBundle = await readFile(join(dir, 'bundle', page), 'utf8');
      expect(fromBundle).toBe(await readFile(join(dir, 'modules', page), 'utf8'));
    }
    const html = await readFile(join(dir, 'bundle/index.html'), 'utf8');
    expect(html).toContain('<span class="token keyword">const</span>');
    expect(html).toContain('<span class="token delimiter important">&lt;?php</span>');
    expect(html).toContain('<span class="token macro property">println!</span>');
    // Grammars whose patterns have non-ASCII characters, escaped in the bundle.
    expect(html).toContain('<span class="token comment">⍝ a comment; ∀ x → λ y ⦃ z ⦄ café 😀</span>');
    expect(html).toContain('<span class="token operator">∀</span>');
    expect(html).toContain('Emoji 😄 and 👍, café, ✔ — “quotes”.');
  }, 60_000);
});

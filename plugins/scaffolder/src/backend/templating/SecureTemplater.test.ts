import { afterAll, describe, expect, it } from 'vitest';
import { SecureTemplater } from './SecureTemplater.js';
import { renderValue } from './renderValue.js';

describe('the templating sandbox', () => {
  const t = new SecureTemplater({ timeoutMs: 1_000, memoryLimitMb: 32 });
  afterAll(() => t.dispose());

  it('renders ${{ }} with nunjucks filters and leaves GitHub Actions {{ }} alone', async () => {
    expect(await t.renderString('name: ${{ parameters.name | lower }} run: {{ github.sha }}', { parameters: { name: 'My-Service' } }))
      .toBe('name: my-service run: {{ github.sha }}');
    expect(await t.renderString('{% for x in items %}[${{ x | upper }}]{% endfor %}', { items: ['a', 'b'] })).toBe('[A][B]');
  });

  it('offers parseRepoUrl, parseEntityRef, pick and projectSlug', async () => {
    const ctx = { repo: 'git.example.org?owner=acme&repo=web', ref: 'group:platform', obj: { a: { b: 7 } } };
    expect(await t.renderString('${{ (repo | parseRepoUrl).owner }}/${{ (repo | parseRepoUrl).host }}', ctx)).toBe('acme/git.example.org');
    expect(await t.renderString('${{ repo | projectSlug }}', ctx)).toBe('acme/web');
    expect(await t.renderString('${{ (ref | parseEntityRef).namespace }}:${{ ("web" | parseEntityRef({ defaultKind: "component" })).kind }}', ctx)).toBe('default:component');
    expect(await t.renderString('${{ obj | pick("a.b") }}', ctx)).toBe('7');
  });

  it('keeps JSON types of a lone expression and drops empty results', async () => {
    const ctx = { parameters: { n: 3, tags: ['x'], flag: false, name: 'svc' } };
    const out = await renderValue(t, { n: '${{ parameters.n }}', tags: '${{ parameters.tags }}', flag: '${{ parameters.flag }}', text: 'v${{ parameters.n }}', gone: '${{ parameters.missing }}', plain: 'x' }, ctx, 'input');
    expect(out).toEqual({ n: 3, tags: ['x'], flag: false, text: 'v3', plain: 'x' });
  });

  it('rejects templates reaching for the host environment, file system or network', async () => {
    for (const source of ['${{ process.env.HOME }}', '${{ require("fs") }}', '${{ fs.readFileSync("/etc/passwd") }}', '${{ env.PATH }}', '${{ fetch("http://127.0.0.1") }}']) {
      await expect(t.renderString(source, {}), source).rejects.toThrow(/sandbox without file system, environment or network/);
    }
    // The classic nunjucks escape builds a Function: inside the isolate there is no process to find.
    await expect(t.renderString('${{ range.constructor("return process.env")() }}', {})).rejects.toThrow(/process is not defined/);
    await expect(t.renderString('${{ range.constructor("return this.constructor.constructor(\'return require\')()")() }}', {})).rejects.toThrow(/require is not defined/);
  });

  it('stops an endless loop at the time limit and a memory bomb at the heap limit, then keeps working', async () => {
    await expect(t.renderString('{% for i in range(0, 100000) %}{% for j in range(0, 100000) %}{% endfor %}{% endfor %}', {})).rejects.toThrow(/longer than 1000 ms/);
    await expect(t.renderString('{% for i in range(0, 1000000000000) %}${{ i }}{% endfor %}', {})).rejects.toThrow(/more than 32 MB/);
    expect(await t.renderString('${{ 1 + 1 }}', {})).toBe('2');
  });

  it('reports syntax errors without running the template', async () => {
    const [ok, bad] = await t.check(['${{ a }}', '${{ a | }}']);
    expect(ok).toBeUndefined();
    expect(bad).toMatch(/expected|unexpected/i);
  });
});

import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UrlReaderService } from '@atrium/backend';
import { templateSourceFor, type SourceFile } from '../fetch/templateSource.js';
import { SecureTemplater } from '../templating/index.js';
import { debugLogAction } from './debug.js';
import { fetchPlainAction } from './fetchPlain.js';
import { fetchTemplateAction, fetchTemplateFileAction } from './fetchTemplate.js';
import { fsDeleteAction, fsRenameAction } from './fs.js';
import type { ActionContext, TemplateAction } from './types.js';

const templater = new SecureTemplater();
const noReader = {} as UrlReaderService;
let workspace: string;
let logs: string[];

function file(path: string, content: string | Buffer, executable = false): SourceFile {
  return { path, content: Buffer.isBuffer(content) ? content : Buffer.from(content), executable };
}

async function run<T>(action: TemplateAction<T>, input: T, files: SourceFile[] = []) {
  const ctx: ActionContext<T> = {
    input, workspacePath: workspace, secrets: {}, isDryRun: false, signal: new AbortController().signal, taskId: 't',
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m), debug: (m) => logs.push(m) },
    output: () => {}, createTemporaryDirectory: () => mkdtemp(join(tmpdir(), 'x-')), templater,
    templateSource: templateSourceFor({ urlReader: noReader, files }),
  };
  await action.handler(ctx);
}
const read = (p: string) => readFile(join(workspace, p), 'utf8');
const exists = (p: string) => stat(join(workspace, p)).then(() => true, () => false);

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'atrium-actions-'));
  logs = [];
});
afterEach(() => rm(workspace, { recursive: true, force: true }));
afterAll(() => templater.dispose());

describe('fetch:template', () => {
  const skeleton = [
    file('skeleton/${{ values.name }}/index.js', 'console.log("${{ values.name }}");'),
    file('skeleton/README.md', '# ${{ values.name | upper }}\n{% if values.docs %}docs{% endif %}'),
    file('skeleton/${{ "NOTES.md" if values.notes }}', 'notes'),
    file('skeleton/static/raw.txt', 'keep ${{ values.name }}'),
    file('skeleton/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0x24, 0x7b, 0x7b])),
    file('skeleton/run.sh', '#!/bin/sh\necho ${{ values.name }}', true),
  ];

  it('renders file names and text contents, leaves out files whose name renders empty, copies binaries and keeps modes', async () => {
    await run(fetchTemplateAction, { url: './skeleton', values: { name: 'svc', docs: true, notes: false }, copyWithoutTemplating: ['static/**'] }, skeleton);
    expect(await read('svc/index.js')).toBe('console.log("svc");');
    expect(await read('README.md')).toBe('# SVC\ndocs');
    expect(await exists('NOTES.md')).toBe(false);
    expect(await read('static/raw.txt')).toBe('keep ${{ values.name }}');
    expect(await readFile(join(workspace, 'logo.png'))).toEqual(skeleton[4]!.content);
    expect((await stat(join(workspace, 'run.sh'))).mode & 0o111).not.toBe(0);
  });

  it('with templateFileExtension renders only .njk files and strips the extension', async () => {
    await run(fetchTemplateAction, { url: '.', templateFileExtension: true, values: { name: 'docs' } }, [file('a.md.njk', '${{ values.name }}'), file('ci.yaml', 'sha: ${{ github.sha }}')]);
    expect(await read('a.md')).toBe('docs');
    expect(await read('ci.yaml')).toBe('sha: ${{ github.sha }}');
  });

  it('with cookiecutterCompat reads {{ cookiecutter.x }} and offers jsonify', async () => {
    await run(fetchTemplateAction, { url: '.', cookiecutterCompat: true, values: { name: 'cc', tags: ['a'] } }, [file('{{ cookiecutter.name }}.txt', '{{ cookiecutter.name }} {{ cookiecutter.tags | jsonify }}')]);
    expect(await read('cc.txt')).toBe('cc ["a"]');
  });

  it('keeps existing files unless replace is set, and names the file whose template is broken', async () => {
    await writeFile(join(workspace, 'x.txt'), 'mine');
    await run(fetchTemplateAction, { url: '.', values: {} }, [file('x.txt', 'theirs')]);
    expect(await read('x.txt')).toBe('mine');
    await run(fetchTemplateAction, { url: '.', values: {}, replace: true }, [file('x.txt', 'theirs')]);
    expect(await read('x.txt')).toBe('theirs');
    await expect(run(fetchTemplateAction, { url: '.', values: {} }, [file('bad.txt', '${{ values.x | }}')])).rejects.toThrow(/bad\.txt: contents:/);
  });

  it('refuses a target path outside the workspace', async () => {
    await expect(run(fetchTemplateAction, { url: '.', targetPath: '../outside', values: {} }, [file('a', 'a')])).rejects.toThrow(/outside the workspace/);
    await expect(run(fetchTemplateAction, { url: '.', values: { p: '../../etc' } }, [file('${{ values.p }}/x', 'a')])).rejects.toThrow(/outside the workspace/);
  });

  it('fetch:template:file renders one file and fetch:plain copies without rendering', async () => {
    await run(fetchTemplateFileAction, { url: './one.txt', targetPath: 'out/one.txt', values: { n: 1 } }, [file('one.txt', 'n=${{ values.n }}')]);
    expect(await read('out/one.txt')).toBe('n=1');
    await run(fetchPlainAction, { url: './plain', targetPath: 'p' }, [file('plain/a.txt', '${{ raw }}')]);
    expect(await read('p/a.txt')).toBe('${{ raw }}');
  });
});

describe('fs actions and the workspace boundary', () => {
  it('renames and deletes by path and glob', async () => {
    await mkdir(join(workspace, 'src'));
    await writeFile(join(workspace, 'src/a.ts'), 'a');
    await writeFile(join(workspace, 'src/b.test.ts'), 'b');
    await run(fsRenameAction, { files: [{ from: 'src/a.ts', to: 'lib/a.ts' }] });
    expect(await read('lib/a.ts')).toBe('a');
    await expect(run(fsRenameAction, { files: [{ from: 'lib/a.ts', to: 'src/b.test.ts' }] })).rejects.toThrow(/already exists/);
    await run(fsDeleteAction, { files: ['**/*.test.ts'] });
    expect(await exists('src/b.test.ts')).toBe(false);
    expect(await exists('lib/a.ts')).toBe(true);
  });

  it('refuses paths that climb out or go through a symbolic link pointing outside', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'atrium-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(outside, join(workspace, 'link'));
    await expect(run(fsDeleteAction, { files: ['../x'] })).rejects.toThrow(/outside the workspace/);
    await expect(run(fsDeleteAction, { files: ['/etc/passwd'] })).rejects.toThrow(/relative to the workspace/);
    await expect(run(fsDeleteAction, { files: ['link/secret.txt'] })).rejects.toThrow(/symbolic link/);
    await expect(run(fetchTemplateAction, { url: '.', targetPath: 'link', values: {} }, [file('x', 'x')])).rejects.toThrow(/symbolic link/);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    await rm(outside, { recursive: true, force: true });
  });

  it('debug:log lists the workspace', async () => {
    await writeFile(join(workspace, 'a.txt'), 'hello');
    await run(debugLogAction, { message: 'hi', listWorkspace: 'with-contents' });
    expect(logs[0]).toBe('hi');
    expect(logs[1]).toContain('- a.txt\n    hello');
  });
});

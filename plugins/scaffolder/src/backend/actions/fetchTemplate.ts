import picomatch from 'picomatch';
import { InputError } from '@atrium/backend';
import type { SourceFile } from '../fetch/templateSource.js';
import { TemplateError } from '../templating/index.js';
import { createTemplateAction, type ActionContext } from './types.js';
import { isBinary, writeFilesToWorkspace } from './writeFiles.js';

interface FetchTemplateInput {
  url: string;
  targetPath?: string;
  values?: Record<string, unknown>;
  copyWithoutTemplating?: string[];
  copyWithoutRender?: string[];
  cookiecutterCompat?: boolean;
  templateFileExtension?: boolean | string;
  replace?: boolean;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
}

const inputSchema = {
  type: 'object', required: ['url'],
  properties: {
    url: { type: 'string', title: 'Skeleton folder', description: 'Relative to the template (./skeleton) or an absolute URL' },
    targetPath: { type: 'string', title: 'Folder in the workspace (default: its root)' },
    values: { type: 'object', title: 'Values the skeleton sees as ${{ values.* }}' },
    copyWithoutTemplating: { type: 'array', items: { type: 'string' }, title: 'Globs whose contents are copied raw (their paths are still rendered)' },
    copyWithoutRender: { type: 'array', items: { type: 'string' }, title: 'Deprecated: globs copied raw, paths included' },
    cookiecutterCompat: { type: 'boolean', title: 'Cookiecutter syntax: {{ cookiecutter.x }} and the jsonify filter' },
    templateFileExtension: { anyOf: [{ type: 'boolean' }, { type: 'string' }], title: 'Only render files with this extension (true: .njk), then strip it' },
    replace: { type: 'boolean', title: 'Overwrite existing files' },
    trimBlocks: { type: 'boolean' },
    lstripBlocks: { type: 'boolean' },
  },
};

/** Renders a skeleton's file names and text contents in one sandbox call, then writes them. */
export async function renderSkeleton(ctx: ActionContext<FetchTemplateInput>, files: SourceFile[]): Promise<SourceFile[]> {
  const input = ctx.input;
  if (input.copyWithoutRender && input.copyWithoutTemplating) throw new InputError('copyWithoutRender and copyWithoutTemplating cannot be used together');
  const ext = input.templateFileExtension === true ? '.njk' : input.templateFileExtension || undefined;
  if (ext && (input.copyWithoutRender || input.copyWithoutTemplating || input.cookiecutterCompat)) {
    throw new InputError('templateFileExtension cannot be combined with copyWithoutRender, copyWithoutTemplating or cookiecutterCompat');
  }
  const noContent = picomatch(input.copyWithoutTemplating ?? input.copyWithoutRender ?? [], { dot: true });
  const noPath = picomatch(input.copyWithoutRender ?? [], { dot: true });
  const renderContent = files.map((f) => !isBinary(f.content) && (ext ? f.path.endsWith(ext) : !noContent(f.path)));
  const sources: string[] = [];
  const index: Array<{ path?: number; content?: number }> = files.map((f, i) => {
    const entry: { path?: number; content?: number } = {};
    if (!noPath(f.path)) entry.path = sources.push(f.path) - 1;
    if (renderContent[i]) entry.content = sources.push(f.content.toString('utf8')) - 1;
    return entry;
  });
  const options = { cookiecutterCompat: input.cookiecutterCompat, trimBlocks: input.trimBlocks, lstripBlocks: input.lstripBlocks };
  const results = await ctx.templater.renderAll(sources, { values: input.values ?? {} }, options);
  const out: SourceFile[] = [];
  files.forEach((file, i) => {
    const at = index[i]!;
    const take = (n: number | undefined, what: string) => {
      const r = results[n!]!;
      if ('error' in r) throw new TemplateError(`${file.path}: ${what}: ${r.error}`);
      return r.ok;
    };
    let path = at.path === undefined ? file.path : take(at.path, 'file name');
    // A name that renders empty (`${{ "x.md" if values.docs }}`) means the file is left out.
    if (!path || path.split('/').some((s) => s.trim() === '')) return;
    if (ext && path.endsWith(ext)) path = path.slice(0, -ext.length);
    const content = at.content === undefined ? file.content : Buffer.from(take(at.content, 'contents'), 'utf8');
    out.push({ path, content, executable: file.executable });
  });
  return out;
}

export const fetchTemplateAction = createTemplateAction<FetchTemplateInput>({
  id: 'fetch:template',
  description: 'Copies a skeleton folder into the workspace, rendering file names and text contents with ${{ values.* }}.',
  supportsDryRun: true,
  examples: [{ description: 'Render ./skeleton', example: 'steps:\n  - action: fetch:template\n    input:\n      url: ./skeleton\n      values:\n        name: ${{ parameters.name }}' }],
  schema: { input: inputSchema },
  async handler(ctx) {
    const files = await ctx.templateSource.readTree(ctx.input.url);
    const rendered = await renderSkeleton(ctx, files);
    const { written, skipped } = await writeFilesToWorkspace(ctx.workspacePath, ctx.input.targetPath ?? '.', rendered, ctx.input.replace ?? false);
    ctx.logger.info(`Rendered ${written} files from ${ctx.input.url}${skipped.length ? ` (kept ${skipped.length} existing: ${skipped.slice(0, 5).join(', ')})` : ''}`);
  },
});

export const fetchTemplateFileAction = createTemplateAction<FetchTemplateInput & { targetPath: string }>({
  id: 'fetch:template:file',
  description: 'Copies one file into the workspace, rendering its contents with ${{ values.* }}.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object', required: ['url', 'targetPath'],
      properties: { url: inputSchema.properties.url, targetPath: { type: 'string' }, values: inputSchema.properties.values, cookiecutterCompat: inputSchema.properties.cookiecutterCompat, replace: inputSchema.properties.replace, trimBlocks: { type: 'boolean' }, lstripBlocks: { type: 'boolean' } },
    },
  },
  async handler(ctx) {
    const content = await ctx.templateSource.readFile(ctx.input.url);
    const options = { cookiecutterCompat: ctx.input.cookiecutterCompat, trimBlocks: ctx.input.trimBlocks, lstripBlocks: ctx.input.lstripBlocks };
    const rendered = isBinary(content) ? content : Buffer.from(await ctx.templater.renderString(content.toString('utf8'), { values: ctx.input.values ?? {} }, options));
    await writeFilesToWorkspace(ctx.workspacePath, '.', [{ path: ctx.input.targetPath, content: rendered }], ctx.input.replace ?? false);
    ctx.logger.info(`Rendered ${ctx.input.url} to ${ctx.input.targetPath}`);
  },
});

import { createTemplateAction } from './types.js';
import { writeFilesToWorkspace } from './writeFiles.js';

const urlProp = { type: 'string', title: 'Where to fetch from', description: 'Relative to the template (./skeleton) or an absolute URL the URL reader may read' };

export const fetchPlainAction = createTemplateAction<{ url: string; targetPath?: string; replace?: boolean }>({
  id: 'fetch:plain',
  description: 'Copies a folder of files into the workspace as they are, without templating.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object', required: ['url'],
      properties: { url: urlProp, targetPath: { type: 'string', title: 'Folder in the workspace (default: its root)' }, replace: { type: 'boolean', title: 'Overwrite existing files' } },
    },
  },
  async handler(ctx) {
    const files = await ctx.templateSource.readTree(ctx.input.url);
    const { written, skipped } = await writeFilesToWorkspace(ctx.workspacePath, ctx.input.targetPath ?? '.', files, ctx.input.replace ?? false);
    ctx.logger.info(`Fetched ${written} files from ${ctx.input.url}${skipped.length ? ` (kept ${skipped.length} existing)` : ''}`);
  },
});

export const fetchPlainFileAction = createTemplateAction<{ url: string; targetPath: string; replace?: boolean }>({
  id: 'fetch:plain:file',
  description: 'Copies one file into the workspace as it is.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object', required: ['url', 'targetPath'],
      properties: { url: urlProp, targetPath: { type: 'string', title: 'File path in the workspace' }, replace: { type: 'boolean' } },
    },
  },
  async handler(ctx) {
    const content = await ctx.templateSource.readFile(ctx.input.url);
    await writeFilesToWorkspace(ctx.workspacePath, '.', [{ path: ctx.input.targetPath, content }], ctx.input.replace ?? false);
    ctx.logger.info(`Fetched ${ctx.input.url} to ${ctx.input.targetPath}`);
  },
});

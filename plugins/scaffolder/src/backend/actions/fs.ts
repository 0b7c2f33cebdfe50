import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import picomatch from 'picomatch';
import { ConflictError, NotFoundError } from '@atrium/backend';
import { resolveSafeChildPath } from '../fetch/safePath.js';
import { createTemplateAction } from './types.js';

async function allPaths(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    out.push(relative(root, full).split('\\').join('/'));
    if (e.isDirectory() && !e.isSymbolicLink()) out.push(...(await allPaths(full, root)));
  }
  return out;
}

export const fsDeleteAction = createTemplateAction<{ files: string[] }>({
  id: 'fs:delete',
  description: 'Deletes files and folders (paths or globs) from the workspace.',
  supportsDryRun: true,
  schema: { input: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string' }, title: 'Paths or globs relative to the workspace' } } } },
  async handler(ctx) {
    const globs = ctx.input.files.filter((f) => picomatch.scan(f).isGlob);
    const matcher = globs.length ? picomatch(globs, { dot: true }) : undefined;
    const targets = new Set(ctx.input.files.filter((f) => !picomatch.scan(f).isGlob));
    if (matcher) for (const p of await allPaths(ctx.workspacePath)) if (matcher(p)) targets.add(p);
    for (const target of targets) {
      const path = await resolveSafeChildPath(ctx.workspacePath, target, 'files');
      await rm(path, { recursive: true, force: true });
      ctx.logger.info(`Deleted ${target}`);
    }
  },
});

export const fsRenameAction = createTemplateAction<{ files: Array<{ from: string; to: string; overwrite?: boolean }> }>({
  id: 'fs:rename',
  description: 'Renames (moves) files and folders inside the workspace.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object', required: ['files'],
      properties: {
        files: {
          type: 'array',
          items: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string' }, to: { type: 'string' }, overwrite: { type: 'boolean' } } },
        },
      },
    },
  },
  async handler(ctx) {
    for (const [i, file] of ctx.input.files.entries()) {
      const from = await resolveSafeChildPath(ctx.workspacePath, file.from, `files[${i}].from`);
      const to = await resolveSafeChildPath(ctx.workspacePath, file.to, `files[${i}].to`);
      if (!(await access(from).then(() => true, () => false))) throw new NotFoundError(`files[${i}].from: ${file.from} does not exist`);
      if (!file.overwrite && (await access(to).then(() => true, () => false))) throw new ConflictError(`files[${i}].to: ${file.to} already exists (set overwrite: true to replace it)`);
      await mkdir(dirname(to), { recursive: true });
      if (file.overwrite) await rm(to, { recursive: true, force: true });
      await rename(from, to);
      ctx.logger.info(`Renamed ${file.from} to ${file.to}`);
    }
  },
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from './listFiles.js';
import { createTemplateAction } from './types.js';

export const debugLogAction = createTemplateAction<{ message?: string; listWorkspace?: boolean | 'with-filenames' | 'with-contents'; extra?: unknown }>({
  id: 'debug:log',
  description: 'Writes a message to the task log, and optionally lists the workspace.',
  supportsDryRun: true,
  examples: [{ description: 'Log a message', example: 'steps:\n  - action: debug:log\n    input:\n      message: Hello ${{ parameters.name }}' }],
  schema: {
    input: {
      type: 'object',
      properties: {
        message: { type: 'string', title: 'Message to log' },
        listWorkspace: { title: 'List the workspace', description: 'true or "with-filenames" lists file names; "with-contents" adds their contents', anyOf: [{ type: 'boolean' }, { enum: ['with-filenames', 'with-contents'] }] },
        extra: { title: 'Any value to log as JSON' },
      },
    },
  },
  async handler(ctx) {
    if (ctx.input.message) ctx.logger.info(ctx.input.message);
    if (ctx.input.extra !== undefined) ctx.logger.info(JSON.stringify(ctx.input.extra, null, 2));
    if (ctx.input.listWorkspace) {
      const files = await listFiles(ctx.workspacePath);
      const lines: string[] = [];
      for (const f of files) {
        lines.push(`- ${f}`);
        if (ctx.input.listWorkspace === 'with-contents') lines.push((await readFile(join(ctx.workspacePath, f), 'utf8')).replace(/^/gm, '    '));
      }
      ctx.logger.info(`Workspace (${files.length} files):\n${lines.join('\n')}`);
    }
  },
});

const MAX_WAIT_MS = 30_000;

export const debugWaitAction = createTemplateAction<{ minutes?: number; seconds?: number; milliseconds?: number }>({
  id: 'debug:wait',
  description: `Waits a while (at most ${MAX_WAIT_MS / 1000} s); stops early when the task is cancelled.`,
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      properties: { minutes: { type: 'number', minimum: 0 }, seconds: { type: 'number', minimum: 0 }, milliseconds: { type: 'number', minimum: 0 } },
    },
  },
  async handler(ctx) {
    const ms = (ctx.input.minutes ?? 0) * 60_000 + (ctx.input.seconds ?? 0) * 1000 + (ctx.input.milliseconds ?? 0);
    if (ms > MAX_WAIT_MS) throw new Error(`debug:wait waits at most ${MAX_WAIT_MS / 1000} s; ${ms / 1000} s was asked`);
    ctx.logger.info(`Waiting ${ms} ms`);
    await new Promise<void>((resolve, reject) => {
      if (ctx.signal.aborted) {
        reject(new Error('Cancelled while waiting'));
        return;
      }
      const timer = setTimeout(resolve, ms);
      ctx.signal.addEventListener('abort', () => { clearTimeout(timer); reject(new Error('Cancelled while waiting')); }, { once: true });
    });
  },
});

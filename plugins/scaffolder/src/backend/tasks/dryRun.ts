import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { UrlReaderService } from '@atrium/backend';
import type { Entity } from '@atrium/model';
import type { DryRunRequest, DryRunResponse, JsonObject, TaskEvent, TaskSpec } from '@atrium/plugin-scaffolder/common';
import { isSafeRelativePath } from '../fetch/safePath.js';
import { templateSourceFor } from '../fetch/templateSource.js';
import { SecureTemplater } from '../templating/index.js';
import type { ActionRegistry } from './actionRegistry.js';
import { runSteps } from './runSteps.js';
import { redactor } from './secretBox.js';
import { normalizedSteps } from './templateSpec.js';

const MAX_FILES = 2_000;

async function collect(dir: string, root = dir, out: DryRunResponse['directoryContents'] = []) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await collect(full, root, out);
    else if (e.isFile()) {
      const s = await stat(full);
      out.push({ path: relative(root, full).split('\\').join('/'), base64Content: (await readFile(full)).toString('base64'), ...((s.mode & 0o111) !== 0 && { executable: true }) });
    }
  }
  return out;
}

/**
 * Runs a template the editor sent against its in-memory files, in a throw-away workspace: actions
 * that only touch the workspace run, the others (publish, register) are skipped with what they would
 * have received. Nothing is stored and nothing leaves the machine.
 */
export async function dryRun(req: DryRunRequest, deps: { actions: ActionRegistry; urlReader: UrlReaderService; user?: TaskSpec['user']; timeoutMs: number }): Promise<DryRunResponse & { failed?: { stepId: string; message: string } }> {
  const template = req.template as unknown as Entity;
  const files = req.directoryContents.filter((f) => isSafeRelativePath(f.path)).slice(0, MAX_FILES)
    .map((f) => ({ path: f.path.replace(/^\.\//, ''), content: Buffer.from(f.base64Content, 'base64') }));
  const steps = normalizedSteps(template);
  const spec: TaskSpec = {
    apiVersion: 'scaffolder.backstage.io/v1beta3', parameters: req.values, steps, output: (template.spec?.output ?? {}) as JsonObject,
    templateInfo: { entityRef: `template:default/${template.metadata?.name ?? 'dry-run'}` }, user: deps.user,
  };
  const secrets = req.secrets ?? {};
  const redact = redactor(secrets);
  const log: Array<{ body: TaskEvent['body'] }> = [];
  const workspacePath = await mkdtemp(join(tmpdir(), 'atrium-dry-run-'));
  const templater = new SecureTemplater({ timeoutMs: deps.timeoutMs });
  let output: JsonObject = {};
  let failed: { stepId: string; message: string } | undefined;
  try {
    output = await runSteps({
      taskId: 'dry-run', spec, secrets, actions: deps.actions, templater, workspacePath, isDryRun: true, signal: new AbortController().signal,
      templateSource: templateSourceFor({ urlReader: deps.urlReader, files }),
      emit: async (body) => { log.push({ body: { ...body, message: redact(body.message) } }); },
    });
  } catch (error) {
    failed = { stepId: (error as { stepId?: string }).stepId ?? '', message: redact((error as Error).message) };
  } finally {
    templater.dispose();
  }
  try {
    const directoryContents = await collect(workspacePath);
    return { log, directoryContents, output, steps: steps.map((s) => ({ id: s.id, name: s.name, action: s.action })), ...(failed && { failed }) };
  } finally {
    await rm(workspacePath, { recursive: true, force: true });
  }
}

import { access, chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveSafeChildPath } from '../fetch/safePath.js';
import type { SourceFile } from '../fetch/templateSource.js';

/** Writes files under `targetPath` of the workspace, each path checked; existing ones kept unless `replace`. */
export async function writeFilesToWorkspace(workspace: string, targetPath: string, files: SourceFile[], replace: boolean): Promise<{ written: number; skipped: string[] }> {
  const base = await resolveSafeChildPath(workspace, targetPath || '.', 'targetPath');
  await mkdir(base, { recursive: true });
  const skipped: string[] = [];
  let written = 0;
  const dirs = new Set<string>();
  for (const file of files) {
    const dest = await resolveSafeChildPath(workspace, `${targetPath || '.'}/${file.path}`, `file path "${file.path}"`);
    if (!replace && (await access(dest).then(() => true, () => false))) {
      skipped.push(file.path);
      continue;
    }
    const dir = dirname(dest);
    if (!dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      dirs.add(dir);
    }
    await writeFile(dest, file.content);
    if (file.executable) await chmod(dest, 0o755);
    written += 1;
  }
  return { written, skipped };
}

/** Text files are templated; anything with a NUL byte near the start is copied as it is. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file (and symlink) under `dir`, as sorted `/`-separated paths relative to it; `.git` is skipped. */
export async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, root)));
    else if (e.isFile() || e.isSymbolicLink()) out.push(relative(root, full).split('\\').join('/'));
  }
  return out.sort();
}

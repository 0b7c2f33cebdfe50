import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ReadTreeResponse } from '../../api/services.js';
import type { TarFile } from './tarball.js';

/** A ReadTreeResponse over files already in memory (an extracted archive). */
export function memoryTreeResponse(etag: string, files: TarFile[], filter?: (path: string) => boolean): ReadTreeResponse {
  const kept = filter ? files.filter((file) => filter(file.path)) : files;
  return {
    etag,
    files: async () => kept.map((file) => ({ path: file.path, content: async () => file.content })),
    async dir(options) {
      const target = options?.targetDir ?? (await mkdtemp(join(tmpdir(), 'atrium-tree-')));
      for (const file of kept) {
        const destination = join(target, ...file.path.split('/'));
        await mkdir(dirname(destination), { recursive: true });
        await writeFile(destination, file.content);
      }
      return target;
    },
  };
}

// Test inputs shared by the parser tests (not built: see tsconfig's exclude).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldPath } from './types.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Descriptors written by others and by us: the app's example catalog and the one create-app ships. */
export function realCatalogFiles(): string[] {
  return [...yamlFiles(join(REPO_ROOT, 'apps/portal/examples')), ...yamlFiles(join(REPO_ROOT, 'node_modules/@backstage/create-app/templates/default-app/examples'))];
}

/** Every field path of a value, `maxDepth` + 1 segments deep at most (the catalog records lines for four). */
export function fieldPaths(value: unknown, maxDepth = 4, prefix: FieldPath = [], depth = 0): FieldPath[] {
  if (depth > maxDepth || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, maxDepth, [...prefix, k], depth + 1)]);
}

import type { FieldPath } from './types.js';

/**
 * U+0000 cannot be stored: PostgreSQL's jsonb and text refuse it, and a single one failed the write of
 * every entity its file's batch held. YAML writes it as `\0`, `\x00`, `\u0000` or `\U00000000` in a
 * double-quoted string; a file that has none of these (nor the raw character) needs no walk.
 */
export function mayHoldNul(text: string): boolean {
  return text.includes('\u0000') || /\\(?:0|x00|u0000|U00000000)/.test(text);
}

/**
 * The value with every U+0000 in its strings and keys replaced by U+FFFD, and the paths where one
 * was (the same object when there was none).
 */
export function replaceNul(value: unknown): { value: unknown; paths: FieldPath[] } {
  const paths: FieldPath[] = [];
  const walk = (node: unknown, path: Array<string | number>): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('\u0000')) return node;
      paths.push([...path]);
      return node.replaceAll('\u0000', '\uFFFD');
    }
    if (Array.isArray(node)) {
      let out: unknown[] | undefined;
      node.forEach((item, i) => {
        const next = walk(item, [...path, i]);
        if (next !== item) (out ??= [...node])[i] = next;
      });
      return out ?? node;
    }
    if (node !== null && typeof node === 'object') {
      let out: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(node)) {
        let name = key;
        if (key.includes('\u0000')) {
          name = key.replaceAll('\u0000', '\uFFFD');
          paths.push([...path, name]);
          out ??= { ...(node as Record<string, unknown>) };
          delete out[key];
        }
        const next = walk(item, [...path, name]);
        if (next !== item || name !== key) (out ??= { ...(node as Record<string, unknown>) })[name] = next;
      }
      return out ?? node;
    }
    return node;
  };
  const out = walk(value, []);
  return { value: out, paths };
}

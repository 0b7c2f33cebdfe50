import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';
import { fromPlain, parseDescriptor, parseFull, sizeError, type ParseDescriptorOptions, type ParseDescriptorResult, type PlainParseResult } from './parseDescriptor.js';
import type { ParseTask } from './parseWorker.js';
import { DEFAULT_MAX_DESCRIPTOR_BYTES } from './types.js';

/** Parses descriptor files, large ones on a thread of their own. */
export interface DescriptorParser {
  parse(text: string, sourceUrl: string, options?: ParseDescriptorOptions): Promise<ParseDescriptorResult>;
  /** Parsing threads running now (0 until a large file comes, and again once idle long enough). */
  readonly threads: number;
  close(): Promise<void>;
}

export interface DescriptorParserOptions {
  /** Files with fewer characters than this are parsed on the calling thread (default 64 Ki). */
  minChars?: number;
  /** The thread exits after this long without work, so an idle portal holds no parser (default 30 s). */
  idleTimeoutMs?: number;
}

/**
 * Parsing YAML was the largest part of the main thread's work during a bulk ingestion (about 1 s of
 * CPU per 10,000 entities), and the main thread was what the ingestion waited on. Large files (an org's
 * users, a generated catalog) are parsed on one worker thread meanwhile; small ones, the usual
 * `catalog-info.yaml`, stay on the calling thread, where a round trip would cost more than the parse.
 * The thread runs the fast path only; a file it refuses (syntax errors, anchors, tags) is parsed by
 * the full parser here, so errors are worded and placed exactly as before. Without the compiled worker
 * (tests running the TypeScript sources before a build) everything is parsed here.
 */
export function createDescriptorParser(options: DescriptorParserOptions = {}): DescriptorParser {
  const file = workerFile();
  const minChars = options.minChars ?? 64 * 1024;
  let pool: Tinypool | undefined;
  return {
    get threads() { return pool?.threads.length ?? 0; },
    async parse(text, sourceUrl, parseOptions = {}) {
      const maxBytes = parseOptions.maxBytes ?? DEFAULT_MAX_DESCRIPTOR_BYTES;
      if (!file || text.length < minChars || text.length > maxBytes) return parseDescriptor(text, sourceUrl, parseOptions);
      const size = Buffer.byteLength(text, 'utf8');
      if (size > maxBytes) return { documents: [], errors: [sizeError(sourceUrl, size, maxBytes)] };
      pool ??= new Tinypool({
        filename: file.href, minThreads: 0, maxThreads: 1,
        idleTimeout: options.idleTimeoutMs ?? 30_000,
        // The thread loads the compiled parser; flags such as source conditions are not for it.
        execArgv: [],
      });
      let plain: PlainParseResult | null;
      try {
        plain = (await pool.run({ text, sourceUrl } satisfies ParseTask)) as PlainParseResult | null;
      } catch {
        // The thread failed (ended, out of memory): the file is parsed here rather than reported unreadable.
        return parseDescriptor(text, sourceUrl, parseOptions);
      }
      return plain ? fromPlain(text, sourceUrl, plain) : parseFull(text, sourceUrl);
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}

/** The compiled worker beside this module, or beside its compiled twin when this is the TypeScript source. */
function workerFile(): URL | undefined {
  const here = fileURLToPath(import.meta.url);
  // Bundled into another file (a CLI bundle), this module has no worker beside it: parse on the calling thread.
  const js = here.endsWith('.ts') ? here.replace(/[/\\]src[/\\]backend[/\\]ingestion[/\\]parseThread\.ts$/, '/dist/backend/ingestion/parseWorker.js')
    : here.endsWith('parseThread.js') ? here.replace(/parseThread\.js$/, 'parseWorker.js') : undefined;
  return js && js.endsWith('parseWorker.js') && existsSync(js) ? pathToFileURL(js) : undefined;
}

import { parseFastPlain, type PlainParseResult } from './parseDescriptor.js';

export interface ParseTask {
  text: string;
  sourceUrl: string;
}

/**
 * Runs in the parsing thread (parseThread.ts): the fast path's documents as plain data, structured-cloned
 * back, or null when the file needs the full parser (which then runs on the calling thread).
 */
export default function parse(task: ParseTask): PlainParseResult | null {
  return parseFastPlain(task.text, task.sourceUrl) ?? null;
}

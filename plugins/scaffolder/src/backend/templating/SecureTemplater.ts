import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ivm from 'isolated-vm';
import { SANDBOX_SOURCE } from './sandboxSource.js';

export interface TemplaterOptions {
  /** Heap limit of the isolate (MB). */
  memoryLimitMb?: number;
  /** Wall-clock limit of one render call (ms). */
  timeoutMs?: number;
}

export interface RenderOptions {
  cookiecutterCompat?: boolean;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
}

export type RenderResult = { ok: string } | { error: string };

let nunjucksSource: Promise<string> | undefined;
function loadNunjucks(): Promise<string> {
  const require = createRequire(import.meta.url);
  nunjucksSource ??= readFile(require.resolve('nunjucks/browser/nunjucks.min.js'), 'utf8');
  return nunjucksSource;
}

/** The error a template raised inside the sandbox (syntax, a filter, a limit). */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/**
 * Renders nunjucks templates inside an isolated-vm isolate with a heap and time limit. One isolate
 * serves many calls (loading nunjucks costs ~10 ms); it is replaced after any call that hit a limit,
 * because an isolate that ran out of memory is disposed (stack.md gotcha 13).
 */
export class SecureTemplater {
  private isolate: ivm.Isolate | undefined;
  private render: ivm.Reference<(json: string) => string> | undefined;
  private readonly memoryLimitMb: number;
  private readonly timeoutMs: number;

  constructor(options: TemplaterOptions = {}) {
    this.memoryLimitMb = options.memoryLimitMb ?? 128;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  private async ready() {
    if (this.isolate && !this.isolate.isDisposed && this.render) return this.render;
    this.isolate = new ivm.Isolate({ memoryLimit: this.memoryLimitMb });
    const context = await this.isolate.createContext();
    await context.eval('globalThis.window = globalThis.self = globalThis;');
    await context.eval(await loadNunjucks());
    await context.eval(SANDBOX_SOURCE);
    this.render = (await context.global.get('__atriumRender', { reference: true })) as ivm.Reference<(json: string) => string>;
    return this.render;
  }

  /** Renders each template with the same context; one result per template, errors included. */
  async renderAll(templates: string[], context: unknown, options: RenderOptions = {}, mode: 'render' | 'check' = 'render'): Promise<RenderResult[]> {
    if (templates.length === 0) return [];
    const fn = await this.ready();
    const payload = JSON.stringify({ templates, context, options, mode });
    try {
      const answer = await fn.apply(undefined, [payload], { arguments: { copy: true }, result: { copy: true }, timeout: this.timeoutMs });
      return (JSON.parse(answer as string) as { results: RenderResult[] }).results;
    } catch (error) {
      this.dispose();
      const message = (error as Error).message ?? String(error);
      if (/timed out/i.test(message)) throw new TemplateError(`Template rendering took longer than ${this.timeoutMs} ms and was stopped`);
      if (/memory|disposed/i.test(message)) throw new TemplateError(`Template rendering used more than ${this.memoryLimitMb} MB and was stopped`);
      throw new TemplateError(`Template rendering failed: ${message}`);
    }
  }

  /** Renders one template, throwing its error. */
  async renderString(template: string, context: unknown, options: RenderOptions = {}): Promise<string> {
    const [result] = await this.renderAll([template], context, options);
    if (!result || 'error' in result) throw new TemplateError(result?.error ?? 'no result');
    return result.ok;
  }

  /** Syntax errors of each template without running it (undefined when it parses). */
  async check(templates: string[], options: RenderOptions = {}): Promise<Array<string | undefined>> {
    const results = await this.renderAll(templates, {}, options, 'check');
    return results.map((r) => ('error' in r ? r.error : undefined));
  }

  dispose() {
    if (this.isolate && !this.isolate.isDisposed) this.isolate.dispose();
    this.isolate = undefined;
    this.render = undefined;
  }
}

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRootLogger, type RootLoggerOptions } from './createRootLogger.js';

function capture(options: Omit<RootLoggerOptions, 'destination'>) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createRootLogger({ ...options, destination });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>),
  };
}

describe('createRootLogger (json)', () => {
  it('writes one JSON object per line with level name, message, meta and child fields', () => {
    const { logger, lines } = capture({ format: 'json' });
    logger.child({ plugin: 'catalog' }).child({ task: 'refresh' }).info('processed entities', { count: 3 });
    const [line] = lines();
    expect(line).toMatchObject({ level: 'info', msg: 'processed entities', plugin: 'catalog', task: 'refresh', count: 3 });
    expect(typeof line?.time).toBe('string');
  });

  it('skips messages below the level', () => {
    const { logger, text } = capture({ format: 'json', level: 'warn' });
    logger.info('hidden');
    logger.debug('hidden too');
    logger.warn('shown');
    expect(text()).not.toContain('hidden');
    expect(text()).toContain('shown');
  });

  it('serialises an Error given as meta, and errors nested in meta, with name, message and stack', () => {
    const { logger, lines } = capture({ format: 'json' });
    const error = Object.assign(new TypeError('bad input', { cause: new Error('root cause') }), { code: 'E_BAD' });
    logger.error('request failed', error);
    logger.warn('retrying', { attempt: 2, error: new RangeError('too far') });
    const [first, second] = lines();
    expect(first?.err).toMatchObject({ name: 'TypeError', message: 'bad input', code: 'E_BAD', cause: { name: 'Error', message: 'root cause' } });
    expect(first?.err.stack).toContain('TypeError: bad input');
    expect(second).toMatchObject({ attempt: 2, error: { name: 'RangeError', message: 'too far' } });
  });
});

describe('createRootLogger redaction', () => {
  it('replaces secrets in messages, nested meta, error messages and stacks, including later-added ones', () => {
    // 'abc' is too short to redact: it would mangle ordinary text.
    const { logger, text, lines } = capture({ format: 'json', redactions: ['s3cr3t-token', 'abc'] });
    const child = logger.child({ plugin: 'scaffolder' });
    child.info('cloning abc https://x:s3cr3t-token@git.example.com/repo');
    child.warn('nested', { request: { headers: { authorization: 'Bearer s3cr3t-token' } } });
    child.error('auth failed', new Error('token s3cr3t-token rejected'));
    logger.addRedactions(['late "quoted" secret']);
    child.info('now late "quoted" secret appears');

    expect(text()).not.toContain('s3cr3t-token');
    expect(text()).not.toContain('quoted');
    const [message, nested, failure, late] = lines();
    expect(message?.msg).toBe('cloning abc https://x:***@git.example.com/repo');
    expect(nested?.request.headers.authorization).toBe('Bearer ***');
    expect(failure?.err.message).toBe('token *** rejected');
    expect(failure?.err.stack).toContain('Error: token *** rejected');
    expect(late?.msg).toBe('now *** appears');
    expect(message?.plugin).toBe('scaffolder');
  });
});

describe('createRootLogger (pretty)', () => {
  it('writes human-readable text with the plugin as a prefix, and still redacts', () => {
    const { logger, text } = capture({ format: 'pretty', redactions: ['hunter22'] });
    logger.child({ plugin: 'catalog' }).info('password is hunter22', { entity: 'component:default/x' });
    const output = text();
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[catalog\] password is \*\*\*\n/);
    expect(output).toContain('entity: "component:default/x"');
    expect(output).not.toContain('{"');
    expect(output).not.toContain('\u001b[');
  });
});

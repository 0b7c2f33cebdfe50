import { describe, expect, it } from 'vitest';
import { parseTerm, toTsquery } from './queryTerm.js';

describe('turning typed text into a tsquery', () => {
  it('keeps only words, joined with AND, the last one a prefix while it is being typed', () => {
    expect(toTsquery(parseTerm('Playback serv'))).toBe("'playback' & 'serv':*");
    expect(toTsquery(parseTerm('playback serv '))).toBe("'playback' & 'serv'");
    expect(parseTerm('Playback  Service').nameKey).toBe('playback-service');
  });

  it('turns operators and SQL into separators, never syntax', () => {
    expect(toTsquery(parseTerm("a'); drop table x; --"))).toBe("'a' & 'drop' & 'table' & 'x'");
    expect(toTsquery(parseTerm('&|!:*()<->'))).toBeUndefined();
    expect(toTsquery(parseTerm("o'brien"))).toBe("'o' & 'brien':*");
  });

  it('reads "phrases" and -exclusions, but never a query that only excludes', () => {
    expect(toTsquery(parseTerm('"circuit breaker" kafka -legacy'))).toBe("('circuit' <-> 'breaker') & 'kafka' & !('legacy')");
    expect(toTsquery(parseTerm('-legacy'))).toBe("'legacy':*");
    expect(toTsquery(parseTerm('"unclosed quote'))).toBe("'unclosed' & 'quote':*");
  });

  it('ORs typo corrections into their word', () => {
    expect(toTsquery(parseTerm('plaback'), new Map([['plaback', ['playback']]]))).toBe("('plaback':* | 'playback')");
  });

  it('handles any script and caps very long input', () => {
    expect(toTsquery(parseTerm('Ünïcödé 日本語'))).toBe("'ünïcödé' & '日本語':*");
    expect(parseTerm('word '.repeat(50)).words).toHaveLength(12);
    expect(parseTerm('x'.repeat(500)).words[0]).toHaveLength(60);
  });
});

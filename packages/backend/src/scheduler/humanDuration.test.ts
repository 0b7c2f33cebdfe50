import { describe, expect, it } from 'vitest';
import { parseHumanDuration } from './humanDuration.js';

describe('parseHumanDuration', () => {
  it('reads milliseconds, unit objects and ISO-8601 durations', () => {
    expect(parseHumanDuration(1500)).toBe(1500);
    expect(parseHumanDuration({ minutes: 5 })).toBe(300_000);
    expect(parseHumanDuration({ hours: 1, minutes: 30, seconds: 5, milliseconds: 1 })).toBe(5_405_001);
    expect(parseHumanDuration({ days: 1 })).toBe(86_400_000);
    expect(parseHumanDuration('PT5M')).toBe(300_000);
    expect(parseHumanDuration('PT0.5S')).toBe(500);
    expect(parseHumanDuration('P1DT2H')).toBe(93_600_000);
    expect(parseHumanDuration('P2W')).toBe(1_209_600_000);
  });

  it('refuses what it cannot measure, saying why', () => {
    expect(() => parseHumanDuration({ fortnights: 1 } as never)).toThrow(/use milliseconds, seconds/);
    expect(() => parseHumanDuration('P1M')).toThrow(/years and months are not supported/);
    expect(() => parseHumanDuration('PT')).toThrow(/Not an ISO-8601 duration/);
    expect(() => parseHumanDuration('5 minutes')).toThrow(/Not an ISO-8601 duration/);
    expect(() => parseHumanDuration(-1)).toThrow(/>= 0/);
  });
});

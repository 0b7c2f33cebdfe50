import type { HumanDuration } from '../api/services.js';
import { InputError } from '../api/errors.js';

const UNIT_MS = {
  milliseconds: 1,
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
} as const;

// PnDTnHnMnS, the subset of ISO-8601 durations with fixed lengths (years/months vary, so they are refused).
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * Milliseconds from a HumanDuration (`5000`, `{ minutes: 5 }`) or an ISO-8601 duration string (`PT5M`,
 * `P1DT12H`), as found in config files.
 */
export function parseHumanDuration(duration: HumanDuration | string): number {
  if (typeof duration === 'number') return checked(duration, duration);
  if (typeof duration === 'string') return parseIsoDuration(duration);
  if (duration === null || typeof duration !== 'object') {
    throw new InputError(`Not a duration: ${JSON.stringify(duration)}`);
  }
  let total = 0;
  for (const [unit, value] of Object.entries(duration)) {
    const factor = UNIT_MS[unit as keyof typeof UNIT_MS];
    if (factor === undefined || typeof value !== 'number') {
      throw new InputError(
        `Not a duration: ${JSON.stringify(duration)} (use milliseconds, seconds, minutes, hours or days with numbers)`,
      );
    }
    total += value * factor;
  }
  return checked(total, duration);
}

function parseIsoDuration(text: string): number {
  const match = ISO_DURATION.exec(text.trim());
  if (!match || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) {
    throw new InputError(`Not an ISO-8601 duration: "${text}" (expected e.g. PT30S, PT5M, P1DT2H; years and months are not supported)`);
  }
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const total =
    (weeks ?? 0) * 7 * UNIT_MS.days +
    (days ?? 0) * UNIT_MS.days +
    (hours ?? 0) * UNIT_MS.hours +
    (minutes ?? 0) * UNIT_MS.minutes +
    (seconds ?? 0) * UNIT_MS.seconds;
  return checked(total, text);
}

function checked(ms: number, original: unknown): number {
  if (!Number.isFinite(ms) || ms < 0) throw new InputError(`Not a duration: ${JSON.stringify(original)} (must be finite and >= 0)`);
  return Math.round(ms);
}

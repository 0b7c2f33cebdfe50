import { z } from 'zod';

/**
 * Who may see a config value. `backend` (the default) stays on the server; `frontend` is sent to the
 * browser (objects: their whole subtree, except descendants marked otherwise); `secret` is never sent
 * and every log line has its string values replaced by `***`.
 */
export type ConfigVisibility = 'frontend' | 'backend' | 'secret';

/**
 * Marks a config key's visibility. Implemented as zod metadata (`.meta({ visibility })`), which
 * `z.toJSONSchema` keeps, so the mark survives `.optional()`, `.default()`, unions and arrays:
 *
 *     z.looseObject({ token: visibility(z.string(), 'secret').optional() })
 *
 * Writing `.meta({ visibility: 'secret' })` yourself is equivalent. Plugin schemas describe only the
 * keys they read and must allow the rest — use `z.looseObject` (not `z.strictObject`) at every level.
 */
export function visibility<T extends z.ZodType>(schema: T, value: ConfigVisibility): T {
  return schema.meta({ visibility: value });
}

const NUMERIC = /^\s*-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/**
 * A number that may also be written as a numeric string, because `${PORT}` substitution always
 * yields a string. Validation turns the string into a number in the config the backend reads.
 */
export function configNumber(inner: z.ZodNumber = z.number()): z.ZodType<number, unknown> {
  return z.preprocess((value) => (typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value), inner);
}

/** A boolean that may also be written as "true"/"false" (see `configNumber`). */
export function configBoolean(): z.ZodType<boolean, unknown> {
  return z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());
}

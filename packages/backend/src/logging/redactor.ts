/** Shorter values would redact ordinary words and numbers all over the logs. */
const MIN_SECRET_LENGTH = 4;
export const REDACTED = '***';

export interface Redactor {
  add(values: Iterable<string>): void;
  /** Replaces every occurrence of a known secret, in its raw or JSON-escaped form. */
  redact(text: string): string;
}

/**
 * Redacts by value rather than by key path, because secrets leak through places no path describes:
 * error messages, URLs with credentials, stack traces, third-party meta. Works on the serialised JSON
 * line, so a value is matched both as written and as JSON escapes it (quotes, newlines in PEM keys).
 */
export function createRedactor(initial: Iterable<string> = []): Redactor {
  const secrets = new Set<string>();
  let pattern: RegExp | undefined;

  const add = (values: Iterable<string>): void => {
    let changed = false;
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
      for (const form of [value, JSON.stringify(value).slice(1, -1)]) {
        if (!secrets.has(form)) {
          secrets.add(form);
          changed = true;
        }
      }
    }
    if (changed) {
      // Longest first, so a secret that contains another is replaced whole.
      const alternatives = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      pattern = new RegExp(alternatives.join('|'), 'g');
    }
  };

  add(initial);
  return {
    add,
    redact: (text) => (pattern ? text.replace(pattern, REDACTED) : text),
  };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

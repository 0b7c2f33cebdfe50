/** `$${…}` (escape), `${NAME}` and `${NAME:-default}`. */
const SUBSTITUTION = /\$?\$\{([^{}]*)\}/g;

export type SubstitutionResult = { value: string } | { missing: string };

/**
 * Replaces `${VAR}` references in a config string. When a variable is unset the whole value is
 * missing (not an empty string) so the key falls back to a lower-priority file or fails validation
 * with a hint naming the variable. `${VAR:-default}` uses the default when VAR is unset or empty,
 * like the shell; `$${…}` yields a literal `${…}`.
 */
export function substituteEnv(input: string, env: NodeJS.ProcessEnv): SubstitutionResult {
  if (!input.includes('${')) return { value: input };
  let missing: string | undefined;
  const value = input.replace(SUBSTITUTION, (match: string, body: string) => {
    if (match.startsWith('$$')) return match.slice(1);
    const separator = body.indexOf(':-');
    const name = (separator === -1 ? body : body.slice(0, separator)).trim();
    const fallback = separator === -1 ? undefined : body.slice(separator + 2);
    const fromEnv = env[name];
    if (fallback !== undefined && (fromEnv === undefined || fromEnv === '')) return fallback;
    if (fromEnv === undefined) {
      missing ??= name;
      return '';
    }
    return fromEnv;
  });
  return missing === undefined ? { value } : { missing };
}

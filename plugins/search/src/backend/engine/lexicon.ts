import { sql, type Kysely } from 'kysely';
import { PREPARE } from '@atrium/backend';

/** Word length range kept in the lexicon: shorter words correct to noise, longer ones are ids and hashes. */
const MIN = 3;
const MAX = 40;
/** Corrections per typed word: enough for a typo, few enough that the query stays sharp. */
const PER_WORD = 3;
/** Below this, a "correction" is a different word. */
const MIN_SIMILARITY = 0.35;

/** The words of titles, names and summaries, lowercased, for the lexicon. */
export function lexiconWords(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const w of t.normalize('NFKC').toLowerCase().match(/[\p{L}]+/gu) ?? []) if (w.length >= MIN && w.length <= MAX) out.add(w);
  return [...out];
}

/**
 * Typo tolerance: each typed word that is not itself a known word (nor the start of one, for the
 * word being typed) gets the known words most similar to it by trigrams (`%`, indexed).
 */
export async function findCorrections(db: Kysely<any>, schema: string, words: Array<{ word: string; prefix: boolean }>): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (!words.length) return result;
  const lexicon = sql.table(`${schema}.lexicon`);
  const { rows } = await sql<{ tok: string; word: string; sim: number }>`${sql.raw(PREPARE)}
    select t.tok, c.word, c.sim
    from unnest(${words.map((w) => w.word)}::text[], ${words.map((w) => w.prefix)}::boolean[]) as t(tok, prefix)
    cross join lateral (
      select l.word, similarity(l.word, t.tok) as sim from ${lexicon} l
      where l.word % t.tok and l.word <> t.tok
      order by 2 desc, l.word limit ${PER_WORD}
    ) c
    where not exists (
      select 1 from ${lexicon} k
      where k.word = t.tok or (t.prefix and k.word like replace(replace(replace(t.tok, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
    )`.execute(db);
  // Only the close ones: "plaback" means "playback", not also "plan", which merely shares three trigrams.
  const best = new Map<string, number>();
  for (const r of rows) best.set(r.tok, Math.max(best.get(r.tok) ?? 0, Number(r.sim)));
  for (const r of rows) {
    if (Number(r.sim) < Math.max(MIN_SIMILARITY, best.get(r.tok)! * 0.85)) continue;
    result.set(r.tok, [...(result.get(r.tok) ?? []), r.word]);
  }
  return result;
}

export async function addToLexicon(db: Kysely<any>, schema: string, words: string[]): Promise<void> {
  if (!words.length) return;
  await sql`insert into ${sql.table(`${schema}.lexicon`)} (word) select unnest(${words}::text[]) order by 1 on conflict do nothing`.execute(db);
}

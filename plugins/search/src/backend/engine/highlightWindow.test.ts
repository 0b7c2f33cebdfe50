import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, TEST_DATABASE_CLIENTS, type TestDatabase } from '@atrium/backend/testing';
import { headlineWindowSql, highlightWindow, locatorOf, locatorSql } from './highlightWindow.js';

/** Deterministic texts around the stems: cases, word boundaries, other scripts, astral letters, spaces of every kind. */
function texts(): string[] {
  const words = ['kafka', 'Kafka', 'KAFKA', 'xkafka', '_kafka', 'kafka_x', 'ékafka', 'é', 'strea', 'Streams', 'straße', 'STRASSE', '日本語', 'の日本語',
    '𝐀bc', 'x𝐀bc', '😀', 'ü', 'Über', '²kafka', 'Ⅻkafka', '١kafka', 'ʰkafka', 'e\u0301kafka', 'runbook', 'payments', '42', 'w1', 'lorem', 'ipsum-dolor', '(kafka)', 'a.b'];
  const spaces = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2003', '\f', '\v'];
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const out = ['', 'kafka', ' kafka', 'nospacesatallkafka'.repeat(60), `${'x'.repeat(650)}kafka`, `${'𝐀'.repeat(400)} kafka ${'𝐀'.repeat(400)}`];
  for (let i = 0; i < 160; i++) {
    const n = [5, 40, 120, 300, 600][i % 5]!;
    let t = '';
    for (let j = 0; j < n; j++) t += words[next(words.length)]! + spaces[next(spaces.length)]!;
    out.push(t);
  }
  return out;
}

const STEMS = [[], ['kafka'], ['strea', 'kafka'], ['日本語'], ['𝐀bc'], ['ü'], ['straß'], ['runbo', 'payme'], ['42'], ['e']];

// The engine cuts a page's highlight window itself (see highlightWindow.ts); for long texts PostgreSQL does.
describe.each(TEST_DATABASE_CLIENTS)('the highlight window, on %s', (client) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(client);
  }, 60_000);
  afterAll(() => db?.close());

  it('is the same text whether the engine or the database cuts it', async () => {
    const all = texts();
    const kysely = db.root.getRootClient();
    for (const stems of STEMS) {
      const window = headlineWindowSql(sql<string>`t.text`, locatorSql(stems));
      const { rows } = await sql<{ w: string }>`select ${window} as w from unnest(${all}::text[]) with ordinality t(text, n) order by n`.execute(kysely);
      const locator = locatorOf(stems);
      const differing = all.flatMap((t, i) => {
        const ours = highlightWindow(t, locator);
        const theirs = rows[i]!.w;
        return ours === theirs ? [] : [{ text: t.slice(0, 60), ours: ours.slice(0, 40), theirs: theirs.slice(0, 40), lengths: [ours.length, theirs.length] }];
      });
      expect(differing, `stems ${stems.join(',')}`).toEqual([]);
    }
  });
});

describe('the highlight window', () => {
  it('starts shortly before the first word starting with a stem, not inside a word', () => {
    const text = `${'w '.repeat(300)}xkafka ${'w '.repeat(50)}Kafka ${'w '.repeat(400)}`;
    const window = highlightWindow(text, locatorOf(['kafka']));
    expect(window.startsWith('w ')).toBe(true);
    expect(window.indexOf('Kafka')).toBeGreaterThan(180);
    expect(window.length).toBeLessThanOrEqual(700);
  });
});

import { describe, expect, it } from 'vitest';
import { highlightAll, highlightFragments, matchesTerms } from './highlightText.js';

const tags = { preTag: '[', postTag: ']' };

describe('highlights', () => {
  it('marks the forms of a lexeme, and any word starting with the word being typed', () => {
    const terms = { words: ['payment'], prefixes: ['runbo'] };
    expect(['payments', 'Payment', 'runbooks', 'RUNBOOK'].every((w) => matchesTerms(w, terms))).toBe(true);
    expect(['pay', 'paymentsystem', 'run'].some((w) => matchesTerms(w, terms))).toBe(false);
    expect(matchesTerms('happy', { words: ['happi'], prefixes: [] })).toBe(true);
  });

  it('marks every matching word of a title', () => {
    expect(highlightAll('Playback Service: playback', { words: ['playback'], prefixes: [] }, tags)).toBe('[Playback] Service: [playback]');
    expect(highlightAll('—', { words: ['x'], prefixes: [] }, tags)).toBe('—');
  });

  it('reads words of any script, digits and letters outside the basic plane included', () => {
    expect(highlightAll('Ünïcödé café—日本語 x2 𝐀bc', { words: ['café', '日本語', 'x2'], prefixes: ['𝐀b'] }, tags)).toBe('Ünïcödé [café]—[日本語] [x2] [𝐀bc]');
    expect(highlightAll('ÜBER über', { words: [], prefixes: ['üb'] }, tags)).toBe('[ÜBER] [über]');
    expect(highlightAll('Straße straße_x', { words: ['straße'], prefixes: [] }, tags)).toBe('[Straße] [straße]_x');
  });

  it('cuts at most two fragments around the matches, from a few words before the first', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const text = `${filler(20)} kafka ${filler(60)} kafka ${filler(60)} kafka end`;
    const out = highlightFragments(text, { words: ['kafka'], prefixes: [] }, tags);
    const fragments = out.split(' … ');
    expect(fragments).toHaveLength(2);
    expect(fragments[0]!.startsWith('w14 ')).toBe(true);
    expect(fragments.every((f) => f.includes('[kafka]') && f.split(' ').length === 35)).toBe(true);
    expect(highlightFragments(`${filler(50)}`, { words: ['kafka'], prefixes: [] }, tags).split(' ')).toHaveLength(35);
  });

  it('marks a phrase where its words stand together, and alone only when they never do', () => {
    const terms = { words: [], prefixes: [], phrases: [['circuit', 'breaker']] };
    expect(highlightAll('a breaker, a circuit breakers', terms, tags)).toBe('a breaker, a [circuit] [breakers]');
    expect(highlightAll('breaker then circuit', terms, tags)).toBe('[breaker] then [circuit]');
  });
});

// The query language: what users type becomes safe FTS5 syntax, and malformed queries get a clear message.
import { describe, expect, it } from 'vitest';
import { parseQuery, toFtsMatch } from '../../db/search/query';
import { normaliseForSearch } from '../../db/search/normalise';
import { DossierError } from '../../db/errors';
import { tempArchive } from '../helpers';

const compile = (query: string): string | null => {
  const parsed = parseQuery(query);
  return parsed.match ? toFtsMatch(parsed.match) : null;
};

describe('query parser', () => {
  it.each([
    ['popov', '"popov"'],
    ['popov homs', '("popov" AND "homs")'],
    ['"three bases"', '"three bases"'],
    ['popov OR попов', '("popov" OR "попов")'],
    ['isis -daesh', '(("isis") NOT "daesh")'],
    ['isis NOT daesh', '(("isis") NOT "daesh")'],
    ['sukh*', '"sukh"*'],
    ['(ambush OR attack) homs', '(("ambush" OR "attack") AND "homs")'],
    ['al-Suknah', '"al-Suknah"'],
    ['NEAR AND', '"NEAR"'],
    ['"quoted ""inner"', '("quoted" AND "inner")'],
  ])('%s -> %s', (query, expected) => {
    expect(compile(query)).toBe(expected);
  });

  it('quotes FTS5 syntax so it is searched as text', () => {
    expect(compile('title:x* ^start col:"a"')).toBe('("title:x"* AND "^start" AND "col:" AND "a")');
  });

  it('reads the type filter', () => {
    expect(parseQuery('type:statement popov')).toMatchObject({ type: 'statement' });
    expect(() => parseQuery('type:video')).toThrowError(/Unknown type "video"/);
  });

  it('treats a lone dash as punctuation, not as NOT', () => {
    expect(compile('a -')).toBe('"a"');
  });

  it('returns nothing to match for empty or punctuation-only queries', () => {
    expect(compile('')).toBeNull();
    expect(compile('   ')).toBeNull();
    expect(compile('!!! ...')).toBeNull();
  });

  it.each([
    ['"unclosed', /not closed/],
    ['(a', /parenthesis is not closed/],
    ['a)', /closing parenthesis/],
    ['-only', /cannot only exclude/],
    ['a OR', /OR needs a word/],
    ['OR a', /OR needs a word/],
    ['*', /must follow the beginning of a word/],
  ])('refuses %s with a clear message', (query, message) => {
    let error: unknown;
    try {
      compile(query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('BAD_QUERY');
    expect((error as DossierError).message).toMatch(message);
  });

  it('never lets a query reach FTS5 as an error', async () => {
    const t = tempArchive();
    try {
      await t.call('addNote', { title: 'Ambush near Al-Suknah', body: 'AND OR NOT NEAR ( ) " * ^ : -' });
      for (const query of ['AND', 'NEAR(', '"', '^', ':', 'a:b:c', 'x NOT', '((((a))))', 'NOT NOT a', '* a', 'a **']) {
        const result = await import('../../electron/contract/operations').then((m) => m.callOperation(t.archive, 'search', { query }));
        if (!result.ok) expect(result.error.code).toBe('BAD_QUERY');
      }
    } finally {
      t.dispose();
    }
  });
});

describe('normalisation', () => {
  it.each([
    ['Al\u00A0Suknah', 'Al Suknah'],
    ['line\r\nbreak', 'line\nbreak'],
    ['Сёмин', 'Семин'],
    ['\uFB01nal', 'final'],
    ['\u0623\u062D\u0645\u062F', '\u0627\u062D\u0645\u062F'], // أحمد -> احمد
    ['\u0645\u062F\u0631\u0633\u0629', '\u0645\u062F\u0631\u0633\u0647'], // مدرسة -> مدرسه
    ['\u0645\u0640\u0640\u062D\u0645\u064E\u062F', '\u0645\u062D\u0645\u062F'], // tatweel and fatha removed
    ['al\u2011Suknah', 'al-Suknah'],
    ['Qur\u2019an', "Qur'an"],
    ['in\u00ADvisible', 'invisible'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseForSearch(input)).toBe(expected);
  });

  it('lets Arabic letter variants and Cyrillic ё find each other through the index', async () => {
    const t = tempArchive();
    try {
      await t.call('addNote', { title: 'تقرير', body: 'قال أحمد إن المدرسة أغلقت. Артём Сёмин подтвердил.' });
      expect((await t.call('search', { query: 'احمد' })).total).toBe(1);
      expect((await t.call('search', { query: 'المدرسه' })).total).toBe(1);
      expect((await t.call('search', { query: 'Артем' })).total).toBe(1);
      expect((await t.call('search', { query: 'семин' })).total).toBe(1);
    } finally {
      t.dispose();
    }
  });
});

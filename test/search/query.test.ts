// The query language: every construct compiles to quoted FTS5 syntax or a filter, and every malformed query gets
// a BAD_QUERY with a sentence saying what to fix, never an FTS5 error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsMatch } from '../../db/search/compile';
import { parseQuery } from '../../db/search/query';
import { DossierError } from '../../db/errors';
import { callOperation } from '../../electron/contract/operations';
import { tempArchive, type TestArchive } from '../helpers';

const compile = (query: string): string | null => {
  const parsed = parseQuery(query);
  return parsed.match ? toFtsMatch(parsed.match) : null;
};

describe('query parser', () => {
  const keys = (key: string): string => `{speaker_keys place_keys name_keys} : ("k0${key}")`;
  it.each([
    ['"homs"', '"homs"'],
    ['homs', `("homs" OR ${keys('ms')})`],
    ['popov', `("popov" OR ${keys('ppv')})`],
    ['homs "three bases"', `(("homs" OR ${keys('ms')}) AND "three bases")`],
    ['"homs" OR "hama"', '("homs" OR "hama")'],
    ['"isis" -"daesh"', '(("isis") NOT "daesh")'],
    ['"isis" NOT daesh', `(("isis") NOT ("daesh" OR ${keys('dsh')}))`],
    ['sukh*', '"sukh"*'],
    ['("ambush" OR "attack") "homs"', '(("ambush" OR "attack") AND "homs")'],
    ['al-Suknah', `("al suknah" OR "alsuknah" OR ${keys('skn')})`],
    ['"three bases" NEAR/5 hit', 'NEAR("three bases" "hit", 5)'],
    ['NEAR(three hit, 3)', 'NEAR("three" "hit", 3)'],
    ['source:reuters', '{outlet} : "reuters"'],
    ['speaker:"Sergei Popov"', '{speaker} : "sergei popov"'],
    ['place:homs', '({place} : "homs" OR {place_keys} : ("k0ms"))'],
  ])('%s -> %s', (query, expected) => {
    expect(compile(query)).toBe(expected);
  });

  it('folds the query through the same normalisation as the index', () => {
    expect(compile('"ÉCOLE Артём أحمد"')).toBe('"ecole артем احمد"');
  });

  it('reads filters for the whole query', () => {
    expect(parseQuery('type:statement tag:Convoy case:sukhnah lang:AR from:2024-04 to:2024 popov').filters).toEqual([
      { field: 'type', value: 'statement', negated: false },
      { field: 'tag', value: 'Convoy', negated: false },
      { field: 'case', value: 'sukhnah', negated: false },
      { field: 'lang', value: 'ar', negated: false },
      { field: 'from', value: '2024-04-01', negated: false },
      { field: 'to', value: '2024-12-31', negated: false },
    ]);
    expect(parseQuery('popov -type:note').filters).toEqual([{ field: 'type', value: 'note', negated: true }]);
    expect(parseQuery('*kamera* -*video*').substrings).toEqual([
      { text: 'kamera', negated: false },
      { text: 'video', negated: true },
    ]);
  });

  it('keeps URL-like words as words and a lone dash as punctuation', () => {
    expect(compile('https://example.org/a')).toContain('"https example org a"');
    expect(compile('a -')).toBe('"a"');
  });

  it('has nothing to match for empty or punctuation-only queries', () => {
    for (const query of ['', '   ', '!!! ...', '""']) expect(parseQuery(query).match).toBeNull();
  });

  it.each([
    ['"unclosed', /quotation mark is not closed/],
    ['(a', /parenthesis is not closed/],
    ['a)', /closing parenthesis has no opening/],
    ['-only', /cannot only exclude/],
    ['NOT a', /cannot only exclude/],
    ['-type:note', /cannot only exclude/],
    ['a OR', /OR needs a word/],
    ['OR a', /OR needs a word/],
    ['a OR OR b', /OR needs a word/],
    ['a NOT', /NOT \(or -\) must be followed/],
    ['*', /must follow the beginning of a word|goes at the end/],
    ['*ab*', /at least 3 letters/],
    ['*abc', /goes at the end of a word/],
    ['ab*c', /can only end a word/],
    ['type:video', /Unknown type "video"/],
    ['speakr:popov', /Unknown field "speakr:"/],
    ['speaker:', /needs a value/],
    ['from:2024-13-01', /from: needs a date/],
    ['to:yesterday', /to: needs a date/],
    ['from:2024-05-01 to:2024-04-01', /is after/],
    ['lang:arabic!', /lang: needs a language code/],
    ['popov NEAR/x bases', /whole number/],
    ['NEAR/5 bases', /NEAR needs a word on both sides/],
    ['popov NEAR/5', /NEAR needs a word on both sides/],
    ['(a OR b) NEAR/3 c', /NEAR joins words/],
    ['NEAR(a b, 3', /NEAR\( is not closed/],
    ['NEAR(a, 3)', /at least two words/],
    ['(a OR type:note)', /applies to the whole query/],
    ['a OR *kamera*', /cannot be inside OR/],
  ])('refuses %s with a clear message', (query, message) => {
    let error: unknown;
    try {
      parseQuery(query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('BAD_QUERY');
    expect((error as DossierError).message).toMatch(message);
  });

  it('refuses more than 64 words', () => {
    expect(() => parseQuery(Array.from({ length: 65 }, (_, i) => `w${i}`).join(' '))).toThrowError(/at most 64/);
  });
});

describe('query constructs against an archive', () => {
  let t: TestArchive;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = tempArchive();
    ids.statement = (await t.call('addStatement', { speaker: 'Sergei Popov', quote: 'We will leave three bases near the desert road.', date: '2024-04-02', language: 'en' })).id;
    ids.incident = (await t.call('addIncident', { title: 'Ambush on a convoy', date: '2024-05-10', place: 'Homs', description: 'The bases were hit at dawn; a Videokamera recorded it.' })).id;
    ids.note = (await t.call('addNote', { title: 'Open questions', body: 'Who leaked the convoy route? Popov denied it.' })).id;
    await t.call('createCase', { name: 'Desert road' });
    await t.call('addToCase', { caseRef: 'Desert road', ids: [ids.statement!, ids.incident!] });
  });
  afterAll(() => t.dispose());
  const find = async (query: string, extra: Record<string, unknown> = {}): Promise<string[]> =>
    (await t.call('search', { query, limit: 50, ...extra })).hits.map((hit) => hit.id).sort();
  const sorted = (...keys: string[]): string[] => keys.map((key) => ids[key]!).sort();

  it('filters by type, case, language, dates and fields', async () => {
    expect(await find('type:statement bases')).toEqual(sorted('statement'));
    expect(await find('bases -type:statement')).toEqual(sorted('incident'));
    expect(await find('case:"Desert road"')).toEqual(sorted('statement', 'incident'));
    expect(await find('convoy case:"desert road"')).toEqual(sorted('incident'));
    expect(await find('popov -case:"Desert road"')).toEqual(sorted('note'));
    expect(await find('case:Desert').catch((error: Error) => error.message)).toMatch(/no case named "Desert"/);
  });

  it('filters by case name with a quoted value, and by dates alone', async () => {
    expect(await find('bases case:desert-road').catch((error: Error) => error.message)).toMatch(/no case named/);
    expect(await find('from:2024-05-01')).toEqual(sorted('incident'));
    expect(await find('from:2024-04-01 to:2024-04-30')).toEqual(sorted('statement'));
    expect(await find('lang:en')).toEqual(sorted('statement'));
    expect(await find('speaker:popov')).toEqual(sorted('statement'));
    expect(await find('place:homs convoy')).toEqual(sorted('incident'));
  });

  it('finds proximity, prefixes and substrings', async () => {
    expect(await find('three NEAR/2 road')).toEqual([]);
    expect(await find('three NEAR/5 road')).toEqual(sorted('statement'));
    expect(await find('NEAR(leaked route, 3)')).toEqual(sorted('note'));
    expect(await find('conv*')).toEqual(sorted('incident', 'note'));
    expect(await find('*kamera*')).toEqual(sorted('incident'));
  });

  it('falls back to substrings when plain words find nothing, and says so', async () => {
    const result = await t.call('search', { query: 'kamera' });
    expect(result.fallback).toBe('substring');
    expect(result.hits.map((hit) => hit.id)).toEqual([ids.incident]);
    const mixed = await t.call('search', { query: 'kamera dawn' });
    expect(mixed).toMatchObject({ total: 1, fallback: 'substring' });
    // Words that exist but never in one item stay a miss: no substring scan of the archive for them.
    const apart = await t.call('search', { query: 'leaked dawn' });
    expect(apart.total).toBe(0);
    expect(apart.fallback).toBeUndefined();
  });

  it('sorts by date when asked, undated last', async () => {
    const result = await t.call('search', { query: 'popov OR bases', sort: 'date' });
    expect(result.hits.map((hit) => hit.id)).toEqual([ids.incident, ids.statement, ids.note]);
    expect(result.sort).toBe('date');
  });

  it('never lets a query reach FTS5 as an error', async () => {
    const queries = ['AND', 'NEAR(', '"', '^', ':', 'a:b:c', 'x NOT', '((((a))))', 'NOT NOT a', '* a', 'a **', '{title}: x', 'col:x', '+a', 'a"b', 'NEAR(a b, 3', '*""*'];
    for (const query of queries) {
      const result = await callOperation(t.archive, 'search', { query });
      if (!result.ok) expect(result.error.code, query).toBe('BAD_QUERY');
    }
  });

  it('finds nothing for an empty query', async () => {
    expect(await t.call('search', { query: '   ' })).toEqual({ total: 0, hits: [] });
  });
});

// Normalisation (each rule, through the real index), transliteration of names between Latin, Cyrillic and
// Arabic script with the variant that matched, and snippets shown in the original text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../electron/contract';
import { joinedForms, normaliseForSearch, normaliseWithMap } from '../../db/search/normalise';
import { highlighterFor, snippetFor, type SnippetColumn, type SnippetColumnName } from '../../db/search/snippet';
import { parseQuery } from '../../db/search/query';
import { nameKey } from '../../db/search/translit';
import { tempArchive, type TestArchive } from '../helpers';

describe('normaliseForSearch', () => {
  it.each([
    ['NFC and diacritics: composed and decomposed forms are one', 'cafe\u0301 caf\u00E9', 'cafe cafe'],
    ['case and Latin diacritics', 'ÉCOLE Ørsted Škoda', 'ecole ørsted skoda'],
    ['alef forms', 'أحمد إسلام آمن ٱلله', 'احمد اسلام امن الله'],
    ['ta marbuta and alef maksura', 'حافلة مستشفى', 'حافله مستشفي'],
    ['harakat and tatweel', 'مُحَمَّد الـــرقة', 'محمد الرقه'],
    ['hamza carriers', 'مسؤول رئيس', 'مسوول رييس'],
    ['Persian letters', 'کابل ایران', 'كابل ايران'],
    ['Cyrillic yo', 'Артём Ёлкин', 'артем елкин'],
    ['Latin ligatures', 'ﬁnancial oﬃce Œuvre straße', 'financial office oeuvre strasse'],
    ['spaces, invisibles and soft hyphens', 'a\u00A0b\u200Bc\u00ADd\u2009e', 'a bcd e'],
    ['apostrophes and dashes', 'O’Brien al‐Suknah 1–2', "o'brien al-suknah 1-2"],
    ['line ends', 'a\r\nb\rc', 'a\nb\nc'],
  ])('%s', (_rule, input, expected) => {
    expect(normaliseForSearch(input)).toBe(expected);
  });

  it('joins compounds so either spelling is found', () => {
    expect(joinedForms(normaliseForSearch("al-Suknah, O'Brien and ad-Dawla's"))).toEqual(['alsuknah', 'obrien', 'addawlas']);
  });

  it('maps every normalised character back to the original', () => {
    const original = 'Bus (حافلة) near ﬁeld, café\u0301!';
    const map = normaliseWithMap(original);
    expect(map.text).toBe(normaliseForSearch(original));
    const at = map.text.indexOf('حافله');
    expect(original.slice(map.sourceStart(at), map.sourceEnd(at + 'حافله'.length - 1))).toBe('حافلة');
    const field = map.text.indexOf('field');
    expect(original.slice(map.sourceStart(field), map.sourceEnd(field + 4))).toBe('ﬁeld');
  });
});

describe('snippets', () => {
  const [start, end] = [HIGHLIGHT_START, HIGHLIGHT_END];
  const column = (name: SnippetColumnName, original: string): SnippetColumn => ({ name, normalised: normaliseForSearch(original), original });
  const snippet = (query: string, columns: SnippetColumn[]): string | null =>
    snippetFor(columns, highlighterFor(parseQuery(query)), { compounds: true, nameKeys: true, needMarks: true });

  it('keeps the text as written, case and spacing aside', () => {
    const body = column('body', 'The CONVOY left Homs at dawn. Witnesses saw the Convoy   turn\nsouth.');
    expect(snippet('convoy', [body])).toBe(`The ${start}CONVOY${end} left Homs at dawn. Witnesses saw the ${start}Convoy${end} turn south.`);
    expect(snippet('"left homs"', [body])).toBe(`The CONVOY ${start}left Homs${end} at dawn. Witnesses saw the Convoy turn south.`);
    expect(snippet('wit*', [body])).toBe(`The CONVOY left Homs at dawn. ${start}Witnesses${end} saw the Convoy turn south.`);
  });

  it('maps folded letters, harakat, ligatures and compounds back to what was written', () => {
    expect(snippet('حافلة', [column('body', 'أصيبت حافلةٌ على الطريق قرب السخنة.')])).toBe(`أصيبت ${start}حافلةٌ${end} على الطريق قرب السخنة.`);
    expect(snippet('financial', [column('body', 'Oﬃce of ﬁnancial records')])).toBe(`Oﬃce of ${start}ﬁnancial${end} records`);
    expect(snippet('alsuknah', [column('body', 'The road to al-Suknah.')])).toBe(`The road to ${start}al-Suknah${end}.`);
  });

  it('maps back in place where letters fold one for one, and through the full map where folding moves them', () => {
    expect(snippet('попов', [column('quote', 'Генерал Сергей ПОПОВ заявил: «Ёлки».')])).toBe(`Генерал Сергей ${start}ПОПОВ${end} заявил: «Ёлки».`);
    // A ligature (one letter for two) and a tatweel (removed) leave the length as it was, but not the places.
    const shifted = column('body', 'ﬁeld ـ report: Popov spoke');
    expect(shifted.normalised).toHaveLength(shifted.original.length);
    expect(snippet('popov', [shifted])).toBe(`ﬁeld ـ report: ${start}Popov${end} spoke`);
  });

  it('shows about 24 words around the densest run of matches, from the column with the most', () => {
    const words = Array.from({ length: 80 }, (_, index) => `w${index}`);
    words[40] = 'Convoy';
    words[44] = 'convoy';
    words[70] = 'convoy';
    const long = snippet('convoy', [column('title', 'A convoy report'), column('body', words.join(' '))])!;
    expect(long.startsWith('…w37 w38 w39 ')).toBe(true);
    expect(long.endsWith('w60…')).toBe(true);
    expect(long.split(start)).toHaveLength(3);
    expect(snippet('ambush', [column('body', 'A long body about something else.'), column('title', 'Ambush near as-Sukhnah')])).toBe(
      `${start}Ambush${end} near as-Sukhnah`,
    );
  });

  it('gives up (null) when nothing matches or the original is not the indexed text', () => {
    expect(snippet('popov', [column('speaker', 'Иван Петров'), column('body', 'Nothing here.')])).toBeNull();
    expect(snippet('convoy', [{ name: 'body', normalised: 'convoy', original: 'something else' }])).toBeNull();
  });
});

describe('transliteration keys', () => {
  it.each([
    ['Popov', 'Попов'],
    ['Ivanov', 'Иванов'],
    ['Alexander', 'Александр'],
    ['Yusuf', 'Юсуф'],
    ['Yusuf', 'يوسف'],
    ['Youssef', 'يوسف'],
    ['Sukhna', 'السخنة'],
    ['Suknah', 'السخنة'],
    ['alSuknah', 'السخنة'],
    ['Sukhnah', 'Suknah'],
    ['Muhammad', 'محمد'],
    ['Mohammed', 'Muhammad'],
    ['Ahmad', 'أحمد'],
    ['Omar', 'عمر'],
    ['Raqqa', 'الرقة'],
    ['arRaqqah', 'Raqqa'],
    ['Daesh', 'داعش'],
  ])('%s = %s', (a, b) => {
    const key = (word: string): string | null => nameKey(normaliseForSearch(word));
    expect(key(a)).not.toBeNull();
    expect(key(a)).toBe(key(b));
  });

  it('keeps different names apart', () => {
    const key = (word: string): string | null => nameKey(normaliseForSearch(word));
    expect(key('Popov')).not.toBe(key('Petrov'));
    expect(key('Homs')).not.toBe(key('Hama'));
    expect(nameKey('al')).toBeNull();
  });
});

describe('multilingual search', () => {
  let t: TestArchive;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = tempArchive();
    ids.russian = (await t.call('addStatement', { speaker: 'Сергей Попов', quote: 'Мы покинем три базы.', language: 'ru' })).id;
    ids.arabic = (await t.call('addIncident', { title: 'كمين قرب السخنة', place: 'السخنة', description: 'أصيبت حافلة على الطريق.' })).id;
    ids.latin = (await t.call('addIncident', { title: 'Ambush near as-Sukhnah', place: 'as-Sukhnah', description: 'The convoy of O’Brien was hit.' })).id;
    ids.note = (await t.call('addNote', { title: 'Artём and Артём', body: 'Videokamera footage from the alSuknah road; ﬁnancial records.' })).id;
  });
  afterAll(() => t.dispose());
  const find = async (query: string): Promise<string[]> => (await t.call('search', { query, limit: 50 })).hits.map((hit) => hit.id).sort();
  const sorted = (...keys: string[]): string[] => keys.map((key) => ids[key]!).sort();

  it('finds a name in another script and says which variant matched', async () => {
    const result = await t.call('search', { query: 'Popov' });
    expect(result.hits.map((hit) => hit.id)).toEqual([ids.russian]);
    expect(result.hits[0]!.variants).toEqual([{ query: 'Popov', matched: 'Попов', field: 'speaker' }]);
    expect(await find('speaker:Попов')).toEqual(sorted('russian'));
  });

  it('finds the romanisations of an Arabic place name and back', async () => {
    expect(await find('place:Sukhna')).toEqual(sorted('arabic', 'latin'));
    expect(await find('place:السخنة')).toEqual(sorted('arabic', 'latin'));
    const result = await t.call('search', { query: 'place:al-Suknah' });
    const arabic = result.hits.find((hit) => hit.id === ids.arabic)!;
    expect(arabic.variants).toEqual([{ query: 'al-Suknah', matched: 'السخنة', field: 'place' }]);
  });

  it('treats hyphenated, spaced and joined spellings alike', async () => {
    expect(await find('al-Suknah')).toEqual(sorted('arabic', 'latin', 'note'));
    expect(await find('alSuknah')).toEqual(sorted('arabic', 'latin', 'note'));
    expect(await find('al Suknah')).toEqual(sorted('arabic', 'latin', 'note'));
    // Another spelling of the name is matched in name fields (transliteration), not in free text.
    expect(await find('as-Sukhnah')).toEqual(sorted('arabic', 'latin'));
    expect(await find('OBrien')).toEqual(sorted('latin'));
    expect(await find("O'Brien")).toEqual(sorted('latin'));
  });

  it('folds letter variants on both sides', async () => {
    expect(await find('حافله')).toEqual(sorted('arabic'));
    expect(await find('اصيبت')).toEqual(sorted('arabic'));
    expect(await find('артем')).toEqual(sorted('note'));
    expect(await find('financial')).toEqual(sorted('note'));
    expect(await find('"ﬁnancial records"')).toEqual(sorted('note'));
  });

  it('shows snippets in the original text with the match marked', async () => {
    const result = await t.call('search', { query: 'حافله' });
    expect(result.hits[0]!.snippet).toContain(`${HIGHLIGHT_START}حافلة${HIGHLIGHT_END}`);
    const note = await t.call('search', { query: 'financial' });
    expect(note.hits[0]!.snippet).toContain(`${HIGHLIGHT_START}ﬁnancial${HIGHLIGHT_END}`);
    const latin = await t.call('search', { query: 'convoy hit' });
    expect(latin.hits[0]!.snippet).toBe(`The ${HIGHLIGHT_START}convoy${HIGHLIGHT_END} of O’Brien was ${HIGHLIGHT_START}hit${HIGHLIGHT_END}.`);
    const title = await t.call('search', { query: 'ambush' });
    expect(title.hits[0]!.snippet).toBe(`${HIGHLIGHT_START}Ambush${HIGHLIGHT_END} near as-Sukhnah`);
    const substring = await t.call('search', { query: '*kamera*' });
    expect(substring.hits[0]!.snippet).toContain(`Video${HIGHLIGHT_START}kamera${HIGHLIGHT_END}`);
  });

  it('finds substrings in any script and case', async () => {
    expect(await find('*KAMERA*')).toEqual(sorted('note'));
    expect(await find('*خنة*')).toEqual(sorted('arabic'));
  });

  it('takes the characters of a substring literally, wildcards and brackets too', async () => {
    const odd = (await t.call('addNote', { title: 'Odd file names', body: 'Saved as report[1]?.html and 50%_off.txt' })).id;
    expect((await t.call('search', { query: '*rt[1]?.h*' })).hits.map((hit) => hit.id)).toEqual([odd]);
    expect((await t.call('search', { query: '*50%_o*' })).hits.map((hit) => hit.id)).toEqual([odd]);
    expect((await t.call('search', { query: '*rt[2]?.h*' })).total).toBe(0);
    expect((await t.call('search', { query: '*rt1?*' })).total).toBe(0);
  });
});

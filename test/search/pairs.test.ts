// The word-pairs index (search_pairs) that answers queries made only of phrases: its words are FTS5's words, it
// follows every change to an item, and what it finds equals what the word index finds for the same phrases.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/corpus';
import { toFtsMatch } from '../../db/search/compile';
import { normaliseForSearch, wordsOf } from '../../db/search/normalise';
import { wordPairs } from '../../db/search/pairs';
import { planSearch } from '../../db/search/plan';
import { parseQuery } from '../../db/search/query';
import { tempArchive, type TestArchive } from '../helpers';

describe('word pairs', () => {
  it('are the neighbouring words of a normalised text, in order', () => {
    expect(wordPairs(normaliseForSearch('Ambush near Al-Suknah, Homs: 4 killed.'))).toBe(
      'ambush_near near_al al_suknah suknah_homs homs_4 4_killed',
    );
    expect(wordPairs('single')).toBe('');
    expect(wordPairs('  ')).toBe('');
  });

  it('are made of the words FTS5 finds in the same normalised text', () => {
    const samples = [
      "O'Brien's convoy — 1,200 km; e-mail: press@mod.example, https://example.org/a_b?x=1",
      'Генерал Попов: «Удары нанесены по базам боевиков в пустыне Бадия». Ёлка, ещё.',
      'الْحَافِلَةُ تعرّضت لكمين قرب السخنة ـــ في ريف حمص الشرقي',
      'Straße, Œuvre, ﬁeld, naïve café, İstanbul, ŁÓDŹ, Ærø',
      'Ελληνικά κείμενα, 東京で会見, 서울 발표, हिन्दी समाचार, ข่าวไทย',
      'zero\u200bwidth\u200djoiner soft\u00adhyphen tab\there emoji 🚌💥 private\ue000use',
    ];
    const db = new Database(':memory:');
    try {
      db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')");
      db.exec('CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)');
      samples.forEach((sample, index) => db.prepare('INSERT INTO t(rowid, x) VALUES (?, ?)').run(index + 1, normaliseForSearch(sample)));
      samples.forEach((sample, index) => {
        const fts = db.prepare('SELECT term FROM v WHERE doc = ? ORDER BY offset').pluck().all(index + 1);
        expect(wordsOf(normaliseForSearch(sample)), sample).toEqual(fts);
      });
    } finally {
      db.close();
    }
  });
});

describe('queries made only of phrases', () => {
  const indexOf = (query: string): string => planSearch(null as never, parseQuery(query)).index;

  it('go to the pairs index; anything else to the word index', () => {
    for (const query of ['"press conference"', '"air strike" OR "air strikes"', '"press conference" -"no comment"', 'speaker:"sergei popov"']) {
      expect(indexOf(query), query).toBe('search_pairs');
    }
    for (const query of ['"press conference" popov', 'press conference', '"popov"', 'al-suknah', 'NEAR(press conference, 2)', 'speaker:popov', '"air strike" OR strike']) {
      expect(indexOf(query), query).toBe('search_fts');
    }
  });
});

describe('the pairs index', () => {
  let t: TestArchive;
  const WORDS = ['press', 'conference', 'air', 'strike', 'convoy', 'ambush', 'desert', 'колонна', 'засада', 'حافلة', 'كمين', 'the', 'of'];
  const random = seededRandom(77);
  const ids: string[] = [];

  beforeAll(async () => {
    t = tempArchive();
    for (let index = 0; index < 120; index++) {
      const body = Array.from({ length: 5 + Math.floor(random() * 25) }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(random() < 0.5 ? ' ' : ', ');
      ids.push((await t.call('addNote', { title: `Note ${index}`, body })).id);
    }
  });
  afterAll(() => t.dispose());

  /** What the word index alone finds for the query (FTS5 comparing positions), as the ground truth here. */
  const viaWords = (query: string): number[] =>
    t.archive.sqlite
      .prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid')
      .pluck()
      .all(toFtsMatch(parseQuery(query).match!)) as number[];
  const viaSearch = async (query: string): Promise<number[]> => {
    const result = await t.call('search', { query, limit: 500 });
    const docIds = t.archive.sqlite.prepare('SELECT item_id, doc_id FROM search_docs').all() as { item_id: string; doc_id: number }[];
    const docOf = new Map(docIds.map((row) => [row.item_id, row.doc_id]));
    return result.hits.map((hit) => docOf.get(hit.id)!).sort((a, b) => a - b);
  };

  it('finds what the word index finds, for phrases of two to four words, OR and NOT', async () => {
    const phrase = (length: number): string => Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
    const queries = [
      ...Array.from({ length: 30 }, (_, index) => `"${phrase(2 + (index % 3))}"`),
      ...Array.from({ length: 10 }, () => `"${phrase(2)}" OR "${phrase(2)}"`),
      ...Array.from({ length: 10 }, () => `"${phrase(2)}" -"${phrase(2)}"`),
    ];
    let found = 0;
    for (const query of queries) {
      expect(planSearch(t.archive, parseQuery(query)).index, query).toBe('search_pairs');
      const truth = viaWords(query);
      found += truth.length;
      expect(await viaSearch(query), query).toEqual(truth);
    }
    expect(found).toBeGreaterThan(50);
  });

  it('finds phrases in one field as the word index does', async () => {
    const speakers = ['Sergei Popov', 'Popov Sergei', 'Igor Konashenkov', 'Sergei Rudskoy'];
    for (const [index, speaker] of speakers.entries()) {
      await t.call('addStatement', { speaker, quote: `Sergei Popov was not there (${index}).`, date: '2024-04-18' });
    }
    for (const query of ['speaker:"sergei popov"', 'speaker:"popov sergei"', 'speaker:"sergei popov" OR speaker:"igor konashenkov"']) {
      expect(planSearch(t.archive, parseQuery(query)).index, query).toBe('search_pairs');
      const truth = viaWords(query);
      expect(truth.length, query).toBeGreaterThan(0);
      expect(await viaSearch(query), query).toEqual(truth);
    }
    expect(await viaSearch('speaker:"sergei popov"')).toHaveLength(1);
  });

  it('follows edits, deletion and restoring', async () => {
    const { id } = await t.call('addNote', { title: 'Briefing', body: 'The general spoke at a press briefing in Latakia.' });
    const hits = async (query: string): Promise<string[]> => (await t.call('search', { query })).hits.map((hit) => hit.id);
    expect(await hits('"press briefing in latakia"')).toEqual([id]);
    await t.call('updateItem', { id, body: 'The general spoke at a closed meeting in Latakia.' });
    expect(await hits('"press briefing"')).not.toContain(id);
    expect(await hits('"closed meeting"')).toEqual([id]);
    await t.call('deleteItem', { id });
    expect(await hits('"closed meeting"')).toEqual([]);
    await t.call('restoreItem', { id });
    expect(await hits('"closed meeting"')).toEqual([id]);
    const rows = (name: string): number => t.archive.sqlite.prepare(`SELECT count(*) FROM ${name}`).pluck().get() as number;
    expect(rows('search_pairs')).toBe(rows('search_docs'));
  });
});

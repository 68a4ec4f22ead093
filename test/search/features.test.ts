// Facets that add up, saved searches, watch terms flagging new imports, quick find and "did you mean" over
// small fields (persisted, rebuilt when stale), and the normalisation step that rebuilds the index at open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open';
import { facetTableBuilds, searchFacets } from '../../db/search/facets';
import { indexedNormalisationVersion } from '../../db/search/reindex';
import { NORMALISATION_VERSION } from '../../db/search/normalise';
import type { QuickFindResult, SearchFacets } from '../../electron/contract';
import { callOperation } from '../../electron/contract/operations';
import { tempArchive, type TestArchive } from '../helpers';

const textFile = (name: string, text: string): { name: string; dataBase64: string } => ({
  name,
  dataBase64: Buffer.from(text, 'utf8').toString('base64'),
});

describe('facets', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = tempArchive();
    await t.call('importFiles', {
      files: [
        textFile('a.txt', 'Convoy hit on the desert road\n\nThe convoy was ambushed near Homs.'),
        textFile('b.txt', 'Second convoy report\n\nAnother convoy crossed the border.'),
      ],
    });
    await t.call('addStatement', { speaker: 'Popov', quote: 'No convoy was attacked.', date: '2023-02-01' });
    await t.call('addIncident', { title: 'Convoy ambush', date: '2024-04-03', place: 'Homs' });
    await t.call('addNote', { title: 'Convoy timeline', body: 'Undated working note.' });
    const { id } = await t.call('createCase', { name: 'Convoys' });
    const list = await t.call('search', { query: 'convoy', limit: 10 });
    await t.call('addToCase', { caseRef: id, ids: list.hits.slice(0, 2).map((hit) => hit.id) });
  });
  afterAll(() => t.dispose());

  it('count by type, year, outlet, tag and case, each single-valued facet summing to the total', async () => {
    for (const query of ['convoy', 'convoy -ambush', 'type:statement convoy', 'homs OR border', 'from:2023']) {
      const [facets, result] = await Promise.all([t.call('searchFacets', { query }), t.call('search', { query })]);
      expect(facets.total, query).toBe(result.total);
      for (const facet of ['type', 'year', 'outlet', 'tag', 'case'] as const) {
        const sum = facets[facet].reduce((total, { count }) => total + count, 0);
        expect(sum, `${query} ${facet}`).toBe(result.total);
      }
    }
    const facets = await t.call('searchFacets', { query: 'convoy' });
    expect(facets.type).toEqual([
      { value: 'article', count: 2 },
      { value: 'incident', count: 1 },
      { value: 'note', count: 1 },
      { value: 'statement', count: 1 },
    ]);
    expect(facets.year.map((year) => year.value)).toEqual(['undated', '2024', '2023']);
    expect(facets.case).toContainEqual({ value: 'Convoys', count: 2 });
  });

  it('follows every change: a new case, a new item, a deleted one', async () => {
    const before = await t.call('searchFacets', { query: 'convoy' });
    const { id: caseId } = await t.call('createCase', { name: 'Second look' });
    const note = await t.call('addNote', { title: 'Convoy seen again', body: 'From a new witness.' });
    await t.call('addToCase', { caseRef: caseId, ids: [note.id] });
    const after = await t.call('searchFacets', { query: 'convoy' });
    expect(after.total).toBe(before.total + 1);
    expect(after.case).toContainEqual({ value: 'Second look', count: 1 });
    expect(after.type).toContainEqual({ value: 'note', count: 2 });
    await t.call('deleteItem', { id: note.id });
    expect(await t.call('searchFacets', { query: 'convoy' })).toEqual(before);
  });

  it('stays right as it catches up with each write, and is built whole again only when it must', async () => {
    const db = t.archive.sqlite;
    const fromScratch = (query: string): SearchFacets => {
      const other = openArchive(t.path);
      try {
        return searchFacets(other, { query });
      } finally {
        other.close();
      }
    };
    const matchesScratch = async (step: string): Promise<void> => {
      for (const query of ['convoy', 'type:note', 'dawn OR convoy']) {
        expect(await t.call('searchFacets', { query }), `${step}: ${query}`).toEqual(fromScratch(query));
      }
    };
    await matchesScratch('at first');
    const builds = facetTableBuilds(t.archive);
    const note = await t.call('addNote', { title: 'Convoy at dawn', body: 'Seen from the ridge.' });
    await matchesScratch('a new item');
    const { id: caseId } = await t.call('createCase', { name: 'Dawn watch' });
    await t.call('addToCase', { caseRef: caseId, ids: [note.id] });
    await matchesScratch('added to a case');
    db.prepare("INSERT INTO tags (id, name) VALUES ('tag-dawn', 'dawn')").run();
    db.prepare("INSERT INTO item_tags (item_id, tag_id) VALUES (?, 'tag-dawn')").run(note.id);
    await matchesScratch('tagged');
    db.prepare("DELETE FROM item_tags WHERE tag_id = 'tag-dawn'").run();
    await matchesScratch('untagged');
    await t.call('deleteItem', { id: note.id });
    await matchesScratch('deleted');
    await t.call('restoreItem', { id: note.id });
    await matchesScratch('restored');
    expect(facetTableBuilds(t.archive)).toBe(builds);

    db.prepare("UPDATE cases SET name = 'Dawn watch (closed)' WHERE id = ?").run(caseId);
    await matchesScratch('a case renamed');
    expect(facetTableBuilds(t.archive)).toBe(builds + 1);
    // More changes than the log keeps: the table cannot know what it missed.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
       INSERT INTO facet_changes (doc_id) SELECT (SELECT min(doc_id) FROM search_docs) FROM n`,
    ).run();
    db.prepare("UPDATE articles SET outlet = 'Renamed Outlet' WHERE outlet <> ''").run();
    await matchesScratch('fallen behind');
    expect(facetTableBuilds(t.archive)).toBe(builds + 2);
    expect(db.prepare('SELECT count(*) FROM facet_changes').pluck().get()).toBe(10_000);
  });

  it('is empty for an empty query', async () => {
    expect(await t.call('searchFacets', { query: '' })).toEqual({ total: 0, type: [], year: [], outlet: [], tag: [], case: [] });
  });
});

describe('saved searches and watch terms', () => {
  let t: TestArchive;
  beforeAll(() => {
    t = tempArchive();
  });
  afterAll(() => t.dispose());

  it('saves, lists and deletes queries, refusing malformed ones and duplicate names', async () => {
    const { id } = await t.call('saveSearch', { name: 'Suknah convoys', query: 'convoy place:Suknah' });
    await t.call('saveSearch', { name: 'Popov', query: 'speaker:popov', watch: true });
    const bad = await callOperation(t.archive, 'saveSearch', { name: 'broken', query: '"unclosed' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_QUERY' } });
    const duplicate = await callOperation(t.archive, 'saveSearch', { name: 'Popov', query: 'popov' });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.call('listSavedSearches', {})).searches.map((s) => [s.name, s.watch])).toEqual([
      ['Popov', true],
      ['Suknah convoys', false],
    ]);
    expect((await t.call('listSavedSearches', { watch: true })).searches).toHaveLength(1);
    await t.call('deleteSavedSearch', { id });
    expect((await t.call('listSavedSearches', {})).searches.map((s) => s.name)).toEqual(['Popov']);
    const audit = t.archive.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'search-%' ORDER BY seq").pluck().all();
    expect(audit).toEqual(['search-save', 'search-save', 'search-delete']);
  });

  it('flags the newly imported items a watch term finds, and only those', async () => {
    await t.call('saveSearch', { name: 'Videokamera', query: '*kamera*', watch: true });
    await t.call('saveSearch', { name: 'Suknah', query: 'al-Suknah -training', watch: true });
    await t.call('saveSearch', { name: 'Not a watch', query: 'convoy' });
    await t.call('importFiles', { files: [textFile('old.txt', 'Old report\n\nA convoy near alSuknah, seen on a Videokamera.')] });

    const report = await t.call('importFiles', {
      files: [
        textFile('new1.txt', 'Ambush at al Suknah\n\nThe convoy near al-Suknah was hit.'),
        textFile('new2.txt', 'Training day\n\nTraining near al-Suknah, filmed by a Videokamera.'),
        textFile('new3.txt', 'Weather\n\nNothing to report.'),
      ],
    });
    const byPath = new Map(report.imported.map((entry) => [entry.path, entry.id]));
    const hits = Object.fromEntries(report.watchHits.map((hit) => [hit.name, hit.items.map((item) => item.id).sort()]));
    expect(hits).toEqual({
      Videokamera: [byPath.get('new2.txt')],
      Suknah: [byPath.get('new1.txt')],
    });
    const nothing = await t.call('importFiles', { files: [textFile('new4.txt', 'Unrelated\n\nA quiet day.')] });
    expect(nothing.watchHits).toEqual([]);
  });
});

describe('quick find and suggestions', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = tempArchive();
    await t.call('addIncident', { title: 'Ambush near Sukhnah', place: 'as-Sukhnah' });
    await t.call('addStatement', { speaker: 'Сергей Попов', quote: 'We did not strike the convoy.' });
    await t.call('addNote', { title: 'Palmyra timeline', body: 'Sukhnah appears only in this body, which quick find never indexes.' });
  });
  afterAll(() => t.dispose());

  it('finds titles and names with typos, prefixes and in another script', async () => {
    const titles = async (query: string): Promise<string[]> => (await t.call('quickFind', { query })).hits.map((hit) => hit.title);
    expect(await titles('palmira')).toEqual(['Palmyra timeline']);
    expect(await titles('amb')).toEqual(['Ambush near Sukhnah']);
    expect(await titles('popov')).toEqual([expect.stringContaining('Сергей Попов')]);
    expect(await titles('Sukhnah')).toEqual(['Ambush near Sukhnah']);
    expect(await titles('   ')).toEqual([]);
  });

  it('persists the index and rebuilds it only when the archive changed', async () => {
    await t.call('quickFind', { query: 'palmyra' });
    const key = (): string => t.archive.sqlite.prepare("SELECT key FROM search_cache WHERE name = 'minisearch-small-field-words'").pluck().get() as string;
    const before = key();
    await t.call('quickFind', { query: 'ambush' });
    expect(key()).toBe(before);
    await t.call('addNote', { title: 'Deir ez-Zor crossing' });
    expect((await t.call('quickFind', { query: 'deir' })).hits.map((hit) => hit.title)).toEqual(['Deir ez-Zor crossing']);
    expect(key()).not.toBe(before);
  });

  it('takes in the words of edited items, in this session and the next', async () => {
    const { id } = await t.call('addNote', { title: 'Quarry report' });
    await t.call('quickFind', { query: 'quarry' });
    await t.call('updateItem', { id, title: 'Quarry near Tadmur' });
    expect((await t.call('quickFind', { query: 'tadmur' })).hits.map((hit) => hit.id)).toEqual([id]);
    // Another connection starts from the stored dictionary and adds what changed since it was stored.
    await t.call('updateItem', { id, title: 'Quarry near Tadmur and Arak' });
    const other = openArchive(t.path);
    try {
      const result = await callOperation(other, 'quickFind', { query: 'arak' });
      expect(result.ok && (result.value as QuickFindResult).hits.map((hit) => hit.id)).toEqual([id]);
    } finally {
      other.close();
    }
  });

  it('suggests other spellings found in titles and names ("did you mean")', async () => {
    const result = await t.call('search', { query: 'Suknah ambush' });
    expect(result.total).toBe(1);
    const none = await t.call('search', { query: 'Sukhmah' });
    expect(none.total).toBe(0);
    expect(none.suggestions?.[0]).toMatchObject({ term: 'sukhnah', query: 'sukhnah' });
    expect(none.suggestions?.[0]?.items.map((item) => item.title)).toEqual(['Ambush near Sukhnah']);
  });
});

describe('the normalisation step at open', () => {
  it('recomputes every search row when the index was built with older rules', async () => {
    const t = tempArchive();
    try {
      await t.call('addNote', { title: 'Report from al-Suknah', body: 'Артём said so.' });
      expect(indexedNormalisationVersion(t.archive)).toBe(NORMALISATION_VERSION);
      t.archive.sqlite.prepare("UPDATE search_meta SET value = '1' WHERE key = 'normalisation_version'").run();
      t.archive.sqlite.prepare("UPDATE search_docs SET body = 'stale', joined = ''").run();
      t.archive.close();
      const reopened = openArchive(t.path);
      try {
        expect(indexedNormalisationVersion(reopened)).toBe(NORMALISATION_VERSION);
        const result = await callOperation(reopened, 'search', { query: 'артем alsuknah' });
        expect(result).toMatchObject({ ok: true, value: { total: 1 } });
        const integrity = reopened.sqlite.prepare("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)");
        expect(() => integrity.run()).not.toThrow();
      } finally {
        reopened.close();
      }
    } finally {
      t.dispose();
    }
  });
});

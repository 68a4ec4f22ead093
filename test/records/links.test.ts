// Wiki-links in notes resolve to items and stay in step with the note and with renames; links to trashed items
// are kept and shown as such; the timeline and the link graph have the shapes the views draw from.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempArchive, type TestArchive } from '../helpers';

let t: TestArchive;
let incident: string;
let statement: string;

beforeEach(async () => {
  t = tempArchive();
  incident = (await t.call('addIncident', { title: 'Ambush near Al-Suknah', date: '2024-04-19', place: 'Al-Suknah', killed: 20 })).id;
  statement = (await t.call('addStatement', { speaker: 'Yuri Popov', role: 'Major General', quote: 'Three bases were destroyed.', date: '2024-04-18', venue: 'press conference' })).id;
});
afterEach(() => t.dispose());

const mentions = async (noteId: string): Promise<string[]> =>
  (await t.call('getItem', { id: noteId })).links.filter((link) => link.rel === 'mentions' && link.direction === 'out').map((link) => link.id);

describe('wiki-links', () => {
  it('resolve by title (any case) or id, become mentions links, and list what is unresolved', async () => {
    const note = await t.call('addNote', {
      title: 'Leads',
      body: `Compare [[ambush near al-suknah]] with [[${statement.slice(0, 13)}|Popov's claim]] and [[Palmyra convoy]].`,
    });
    expect((await mentions(note.id)).sort()).toEqual([incident, statement].sort());
    const links = (await t.call('getItem', { id: note.id })).note!.wikiLinks!;
    expect(links.map((link) => [link.target, link.status, link.itemId])).toEqual([
      ['ambush near al-suknah', 'resolved', incident],
      [statement.slice(0, 13), 'resolved', statement],
      ['Palmyra convoy', 'unresolved', null],
    ]);
    expect((await t.call('wikiLinks', {})).links.map((link) => link.target)).toEqual(['Palmyra convoy']);

    const convoy = await t.call('addIncident', { title: 'Palmyra convoy' });
    expect(await t.call('resolveWikiLinks', {})).toEqual({ resolved: 1, unresolved: 0 });
    expect(await mentions(note.id)).toContain(convoy.id);
  });

  it('follow renames and edits of the note', async () => {
    const note = await t.call('addNote', { title: 'Leads', body: 'See [[Ambush near Al-Suknah]].' });
    await t.call('updateItem', { id: incident, title: 'Bus ambush east of Al-Suknah, 19 April' });
    const [link] = (await t.call('getItem', { id: note.id })).note!.wikiLinks!;
    expect(link).toMatchObject({ target: 'Ambush near Al-Suknah', itemId: incident, title: 'Bus ambush east of Al-Suknah, 19 April', status: 'resolved' });

    await t.call('updateItem', { id: note.id, body: `Now only [[${statement}]].` });
    expect(await mentions(note.id)).toEqual([statement]);
    expect((await t.call('getItem', { id: note.id })).note!.wikiLinks!.map((l) => l.itemId)).toEqual([statement]);
  });

  it('never dangle: a trashed target stays linked and is shown as trashed', async () => {
    const note = await t.call('addNote', { title: 'Leads', body: 'See [[Ambush near Al-Suknah]].' });
    await t.call('deleteItem', { id: incident });
    const detail = await t.call('getItem', { id: note.id });
    expect(detail.links).toEqual([expect.objectContaining({ id: incident, rel: 'mentions', deletedAt: expect.any(String) })]);
    expect(detail.note!.wikiLinks![0]!.status).toBe('trashed');
    await t.call('restoreItem', { id: incident });
    expect((await t.call('getItem', { id: note.id })).links[0]!.deletedAt).toBeNull();
  });
});

describe('timeline', () => {
  it('places incidents and statements by date with their precision, within a span and a search', async () => {
    await t.call('addIncident', { title: 'Shelling around Palmyra', date: '2024-04-10', dateEnd: '2024-04-14', place: 'Palmyra' });
    await t.call('addIncident', { title: 'Undated report of a checkpoint' });
    const all = await t.call('timeline', {});
    expect(all.entries.map((entry) => [entry.date, entry.type, entry.precision])).toEqual([
      ['2024-04-10', 'incident', 'range'],
      ['2024-04-18', 'statement', 'day'],
      ['2024-04-19', 'incident', 'day'],
    ]);
    expect(all.entries[0]).toMatchObject({ dateEnd: '2024-04-14', place: 'Palmyra' });
    expect(all.entries[1]).toMatchObject({ id: statement, speaker: 'Yuri Popov' });
    expect(all.undated).toBe(1);

    const span = await t.call('timeline', { from: '2024-04-12', to: '2024-04-18' });
    expect(span.entries.map((entry) => entry.title)).toEqual(['Shelling around Palmyra', expect.stringContaining('Yuri Popov')]);
    const searched = await t.call('timeline', { query: 'suknah' });
    expect(searched.entries.map((entry) => entry.id)).toEqual([incident]);
  });
});

describe('graph', () => {
  it('walks links and entities to the depth asked for', async () => {
    const article = (await t.call('addNote', { title: 'Field report', body: 'Driver interviews.' })).id;
    await t.call('addLink', { from: article, to: incident, rel: 'reports-on' });
    await t.call('addLink', { from: statement, to: incident, rel: 'about' });
    const popov = await t.call('addEntity', { kind: 'person', name: 'Yuri Popov' });
    await t.call('addMention', { entity: popov.id, item: statement });

    const near = await t.call('graph', { id: incident, depth: 1 });
    expect(near.root).toBe(incident);
    expect(near.nodes.map((node) => [node.id, node.kind, node.type, node.depth]).sort()).toEqual(
      [
        [incident, 'item', 'incident', 0],
        [article, 'item', 'note', 1],
        [statement, 'item', 'statement', 1],
      ].sort(),
    );
    expect(near.edges).toEqual(expect.arrayContaining([{ from: article, to: incident, rel: 'reports-on' }, { from: statement, to: incident, rel: 'about' }]));

    const far = await t.call('graph', { id: incident, depth: 2 });
    expect(far.nodes.find((node) => node.id === popov.id)).toMatchObject({ kind: 'entity', type: 'person', title: 'Yuri Popov', depth: 2 });
    expect(far.edges).toContainEqual({ from: statement, to: popov.id, rel: 'mentions' });
    await expect(t.call('graph', { id: incident, depth: 4 })).rejects.toThrow(/INVALID_INPUT/);
  });
});

describe('purge', () => {
  it('removes an article that sources an actor without breaking the incident', async () => {
    const group = await t.call('addEntity', { kind: 'organisation', name: 'Islamic State' });
    const report = (await t.call('addNote', { title: 'Informant report' })).id;
    await t.call('addIncidentActor', { incidentId: incident, entity: group.id, role: 'perpetrator', sourceId: report });
    await t.call('deleteItem', { id: report });
    await t.call('purgeItem', { id: report });
    const actors = (await t.call('getItem', { id: incident })).incident!.actors!;
    expect(actors).toEqual([expect.objectContaining({ name: 'Islamic State', role: 'perpetrator', sourceItemId: null })]);
  });
});

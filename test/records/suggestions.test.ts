// From an imported article to records, by accepting suggestions: the press-conference quote becomes a statement
// (speaker, role, quote, the date read from "on Thursday, April 18", its anchored passage), names become entities
// with their spellings in other scripts, and nothing exists until the investigator accepts it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, tempArchive, type TestArchive } from '../helpers';

let t: TestArchive;
let articleId: string;

beforeEach(async () => {
  t = tempArchive();
  const report = await t.call('importPaths', { paths: [fixture('records', 'suknah-ambush.html')] });
  articleId = report.imported[0]!.id;
});
afterEach(() => t.dispose());

const statementCount = (): number => (t.archive.sqlite.prepare("SELECT count(*) AS n FROM items WHERE type = 'statement'").get() as { n: number }).n;

describe('statement suggestions', () => {
  it('reads the press-conference quote with its speaker, role, venue and date', async () => {
    const { suggestions } = await t.call('suggestStatements', { id: articleId });
    const popov = suggestions[0]!.statement!;
    expect(popov).toMatchObject({
      speaker: 'Yuri Popov',
      role: 'Major General',
      affiliation: 'Russian',
      quote: 'The Russian Air Force destroyed three bases used by militants in the Homs desert over the past week.',
      date: '2024-04-18',
      venue: 'press conference',
    });
    expect(popov.anchor.prefix).toHaveLength(32);
    // "he added" is attributed to the speaker before it; indirect speech is found too.
    expect(suggestions[1]!.statement).toMatchObject({ speaker: 'Yuri Popov', quote: 'Those who shelter in the desert will find no safety there' });
    const speakers = suggestions.map((s) => s.statement!.speaker);
    expect(speakers).toContain('Syrian Observatory for Human Rights');
    expect(speakers).toContain('A local official');
    expect(suggestions.every((s) => s.status === 'pending')).toBe(true);
    expect(statementCount()).toBe(0);
  });

  it('creates the statement only on accept, linked both ways and anchored to its passage', async () => {
    const { suggestions } = await t.call('suggestStatements', { id: articleId });
    const accepted = await t.call('acceptSuggestion', { id: suggestions[0]!.id, edits: { organisation: 'Russian Ministry of Defence' } });
    expect(accepted.kind).toBe('statement');

    const statement = await t.call('getItem', { id: accepted.id });
    expect(statement.statement).toMatchObject({
      speaker: 'Yuri Popov',
      role: 'Major General',
      organisation: 'Russian Ministry of Defence',
      date: '2024-04-18',
      venue: 'press conference',
    });
    expect(statement.statement!.speakerEntity!.name).toBe('Yuri Popov');
    expect(statement.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: articleId, rel: 'sourced-from', direction: 'out' }),
        expect.objectContaining({ id: articleId, rel: 'quotes', direction: 'in' }),
      ]),
    );

    const article = await t.call('getItem', { id: articleId });
    const passages = await t.call('getPassages', { id: articleId });
    expect(passages.passages).toHaveLength(1);
    const passage = passages.passages[0]!;
    expect(passage.method).toBe('exact');
    expect(article.article!.bodyText.slice(passage.start!, passage.end!).replace(/\s+/g, ' ')).toBe(statement.statement!.quote);
    expect(passage.before).toMatch(/Yuri Popov said, “$/);
    const own = await t.call('getPassages', { id: accepted.id });
    expect(own.passages[0]!.start).toBe(passage.start);

    const listed = await t.call('listSuggestions', { id: articleId, status: 'accepted' });
    expect(listed.suggestions.map((s) => s.resultId)).toEqual([accepted.id]);
    await expect(t.call('acceptSuggestion', { id: suggestions[0]!.id })).rejects.toThrow(/CONFLICT/);
  });

  it('keeps a dismissed suggestion dismissed when suggestions run again', async () => {
    const first = await t.call('suggestStatements', { id: articleId });
    const official = first.suggestions.find((s) => s.statement!.speaker === 'A local official')!;
    await t.call('dismissSuggestion', { id: official.id });
    const again = await t.call('suggestStatements', { id: articleId });
    expect(again.suggestions).toHaveLength(first.suggestions.length);
    expect(again.suggestions.find((s) => s.id === official.id)!.status).toBe('dismissed');
    expect(statementCount()).toBe(0);
  });

  it('reads relative dates against the captured date when the article has no published date', async () => {
    const text = 'Road reopens\n\nOn Monday, the governor said, “The road to Palmyra is open again to traffic.”\n';
    const report = await t.call('importFiles', { files: [{ name: 'governor.txt', dataBase64: Buffer.from(text).toString('base64') }] });
    const id = report.imported[0]!.id;
    const article = (await t.call('getItem', { id })).article!;
    expect(article.publishedAt).toBeNull();
    const { suggestions } = await t.call('suggestStatements', { id });
    expect(suggestions).toHaveLength(1);
    const proposed = suggestions[0]!.statement!;
    expect(proposed).toMatchObject({ speaker: 'The governor', quote: 'The road to Palmyra is open again to traffic.' });
    // "On Monday" is a Monday within a week of the reference date (captured, else imported).
    const created = (t.archive.sqlite.prepare('SELECT created_at AS at FROM items WHERE id = ?').get(id) as { at: string }).at;
    const reference = new Date(`${(article.capturedAt ?? created).slice(0, 10)}T12:00:00`);
    const said = new Date(`${proposed.date}T12:00:00`);
    expect(said.getDay()).toBe(1);
    expect(Math.abs(reference.getTime() - said.getTime())).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it('refuses to suggest from something that is not an article', async () => {
    const note = await t.call('addNote', { title: 'Working notes', body: 'He said, “nothing.”' });
    await expect(t.call('suggestStatements', { id: note.id })).rejects.toThrow(/INVALID_INPUT/);
  });
});

describe('entity suggestions and entity pages', () => {
  it('suggests names from the text, then names the archive already knows', async () => {
    const { suggestions } = await t.call('suggestEntities', { id: articleId });
    const names = suggestions.map((s) => `${s.entity!.kind}:${s.entity!.name}`);
    expect(names).toContain('person:Yuri Popov');
    expect(names.some((name) => name.startsWith('place:Homs'))).toBe(true);
    expect(suggestions.every((s) => s.entity!.from === 'text' && s.entity!.entityId === null)).toBe(true);

    await t.call('addEntity', { kind: 'place', name: 'Al-Suknah', aliases: ['السخنة', 'Sukhnah'] });
    const again = await t.call('suggestEntities', { id: articleId });
    const known = again.suggestions.find((s) => s.entity!.from === 'archive')!;
    expect(known.entity).toMatchObject({ kind: 'place', name: 'Al-Suknah', count: 2 });
  });

  it('builds the entity page from accepted suggestions: mentions, statements, incidents, aliases', async () => {
    const entities = await t.call('suggestEntities', { id: articleId });
    const popovName = entities.suggestions.find((s) => s.entity!.name === 'Yuri Popov')!;
    const accepted = await t.call('acceptEntity', { id: popovName.id, edits: { aliases: ['Юрий Попов', 'Popov'] } });

    const statements = await t.call('suggestStatements', { id: articleId });
    expect(statements.suggestions[0]!.statement!.speakerEntityId).toBe(accepted.id);
    const statement = await t.call('acceptSuggestion', { id: statements.suggestions[0]!.id });

    const incident = await t.call('addIncident', { title: 'Bus ambush near Al-Suknah', date: '2024-04-19', place: 'Al-Suknah' });
    await t.call('addIncidentActor', { incidentId: incident.id, entity: 'Юрий Попов', role: 'responded' });

    const page = await t.call('getEntity', { ref: 'Popov' });
    expect(page).toMatchObject({ id: accepted.id, kind: 'person', name: 'Yuri Popov' });
    expect(page.aliases).toEqual(expect.arrayContaining(['Юрий Попов', 'Popov']));
    expect(page.mentionedIn.map((item) => item.id)).toEqual([articleId]);
    expect(page.statements.map((s) => [s.id, s.date])).toEqual([[statement.id, '2024-04-18']]);
    expect(page.incidents.map((i) => [i.id, i.role])).toEqual([[incident.id, 'responded']]);

    const listed = await t.call('listEntities', { query: 'попов' });
    expect(listed.entities.map((e) => e.id)).toEqual([accepted.id]);
    const article = await t.call('getItem', { id: articleId });
    expect(article.entities!.map((e) => e.name)).toContain('Yuri Popov');
  });

  it('puts entity names and aliases into search, so another name finds the article', async () => {
    const entity = await t.call('addEntity', { kind: 'organisation', name: 'Islamic State', aliases: ['Daesh', 'داعش'] });
    expect((await t.call('search', { query: 'daesh' })).total).toBe(0);
    await t.call('addMention', { entity: entity.id, item: articleId });
    expect((await t.call('search', { query: 'daesh' })).hits.map((hit) => hit.id)).toEqual([articleId]);
    expect((await t.call('search', { query: 'داعش' })).hits.map((hit) => hit.id)).toEqual([articleId]);
  });

  it('refuses a second entity of the same kind and name', async () => {
    await t.call('addEntity', { kind: 'person', name: 'Yuri Popov' });
    await expect(t.call('addEntity', { kind: 'person', name: 'yuri popov' })).rejects.toThrow(/CONFLICT/);
  });
});

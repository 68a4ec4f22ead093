// Conflicting figures stand side by side, each with its source's grade, with the range shown; sources and items
// are graded on the Admiralty scale and the grades filter search (reliability:A-B, credibility:1-2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempArchive, type TestArchive } from '../helpers';

let t: TestArchive;
let wire: string;
let partisan: string;
let incident: string;

function article(name: string, outlet: string, url: string, body: string): { name: string; dataBase64: string } {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${name}</title>
    <meta property="og:site_name" content="${outlet}"><meta property="og:url" content="${url}">
    <meta property="article:published_time" content="2024-04-20T08:00:00Z"></head>
    <body><article><h1>${name}</h1><p>${body}</p></article></body></html>`;
  return { name: `${name}.html`, dataBase64: Buffer.from(html).toString('base64') };
}

beforeEach(async () => {
  t = tempArchive();
  const report = await t.call('importFiles', {
    files: [
      article('Twenty killed in desert ambush', 'Levant Wire', 'https://levant-wire.example/ambush', 'At least 20 people were killed when gunmen attacked a bus near Al-Suknah on Friday, hospital staff said.'),
      article('Toll in Suknah bus massacre rises', 'Partisan Daily', 'https://partisan-daily.example/suknah', 'The toll in the Suknah bus massacre rose to 22 dead and 11 wounded, the monitor reported on Saturday.'),
    ],
  });
  [wire, partisan] = report.imported.map((entry) => entry.id) as [string, string];
  incident = (await t.call('addIncident', {
    title: 'Ambush on a bus near Al-Suknah',
    date: '2024-04-19',
    datePrecision: 'day',
    place: 'Al-Suknah',
    adminArea: 'Homs Governorate',
    latitude: 34.87,
    longitude: 38.87,
    coordPrecision: 'locality',
    description: 'Gunmen fired on a bus carrying phosphate workers east of Al-Suknah.',
  })).id;
});
afterEach(() => t.dispose());

describe('claims', () => {
  it('keeps conflicting figures per source, graded, with the range per kind', async () => {
    await t.call('gradeSource', { sourceRef: 'Levant Wire', reliability: 'B', rationale: 'Wire service, usually accurate on casualty counts' });
    await t.call('gradeSource', { sourceRef: 'partisan-daily.example', reliability: 'E', rationale: 'Party outlet' });
    await t.call('gradeItem', { id: wire, credibility: 2, rationale: 'Hospital staff on record' });
    await t.call('addClaim', { incidentId: incident, kind: 'killed', valueNumber: 20, sourceId: wire });
    await t.call('addClaim', { incidentId: incident, kind: 'killed', valueNumber: 22, sourceId: partisan, note: 'attributed to a monitor' });
    await t.call('addClaim', { incidentId: incident, kind: 'injured', valueNumber: 11, sourceId: partisan });
    await t.call('addClaim', { incidentId: incident, kind: 'perpetrator', valueText: 'unidentified gunmen', sourceId: wire });

    const detail = (await t.call('getItem', { id: incident })).incident!;
    expect(detail).toMatchObject({ date: '2024-04-19', datePrecision: 'day', place: 'Al-Suknah', adminArea: 'Homs Governorate', coordPrecision: 'locality' });
    const killed = detail.claims.filter((claim) => claim.kind === 'killed');
    expect(killed.map((claim) => [claim.valueNumber, claim.sourceItemId, claim.sourceName, claim.sourceReliability, claim.sourceCredibility])).toEqual([
      [20, wire, 'Levant Wire', 'B', 2],
      [22, partisan, 'Partisan Daily', 'E', null],
    ]);
    expect(detail.claimRanges).toEqual(
      expect.arrayContaining([
        { kind: 'killed', min: 20, max: 22, sources: 2, claims: 2 },
        { kind: 'injured', min: 11, max: 11, sources: 1, claims: 1 },
        { kind: 'perpetrator', min: null, max: null, sources: 1, claims: 1 },
      ]),
    );
  });

  it('records actors with roles and refuses a claim on something that is not an incident', async () => {
    const group = await t.call('addEntity', { kind: 'organisation', name: 'Islamic State', aliases: ['ISIS', 'Daesh'] });
    await t.call('addIncidentActor', { incidentId: incident, entity: 'ISIS', role: 'perpetrator', sourceId: partisan, note: 'suspected' });
    await t.call('addIncidentActor', { incidentId: incident, entity: group.id, role: 'claimed-by' });
    const actors = (await t.call('getItem', { id: incident })).incident!.actors!;
    expect(actors.map((actor) => [actor.role, actor.name])).toEqual([
      ['claimed-by', 'Islamic State'],
      ['perpetrator', 'Islamic State'],
    ]);
    await expect(t.call('addClaim', { incidentId: wire, kind: 'killed', valueNumber: 1 })).rejects.toThrow(/not an incident/);
  });
});

describe('sources and grades', () => {
  it('ties imported articles to their outlet and shows the grade on the item', async () => {
    const { sources } = await t.call('listSources', { kind: 'outlet' });
    expect(sources.map((s) => [s.name, s.domain, s.items])).toEqual([
      ['Levant Wire', 'levant-wire.example', 1],
      ['Partisan Daily', 'partisan-daily.example', 1],
    ]);
    await t.call('gradeSource', { sourceRef: 'Levant Wire', reliability: 'A' });
    await t.call('gradeItem', { id: wire, credibility: 1 });
    const item = await t.call('getItem', { id: wire });
    expect(item.source).toMatchObject({ name: 'Levant Wire', reliability: 'A' });
    expect(item.grade).toMatchObject({ credibility: 1 });
  });

  it('filters search by source reliability and by item credibility', async () => {
    await t.call('gradeSource', { sourceRef: 'Levant Wire', reliability: 'B' });
    await t.call('gradeSource', { sourceRef: 'Partisan Daily', reliability: 'E' });
    await t.call('gradeItem', { id: partisan, credibility: 2 });
    const ids = async (query: string): Promise<string[]> => (await t.call('search', { query })).hits.map((hit) => hit.id);
    expect((await ids('bus')).sort()).toEqual([wire, partisan, incident].sort());
    expect(await ids('bus reliability:A-B')).toEqual([wire]);
    expect(await ids('bus reliability:D-F')).toEqual([partisan]);
    expect(await ids('bus reliability:B')).toEqual([wire]);
    expect(await ids('bus credibility:1-2')).toEqual([partisan]);
    // A statement sourced from a graded article carries the article's grade.
    const statement = await t.call('addStatement', { speaker: 'Hospital staff', quote: 'Twenty bodies were brought to the bus depot morgue.', source: wire });
    expect(await ids('morgue reliability:A-B')).toEqual([statement.id]);
    await expect(t.call('search', { query: 'bus reliability:A-Z' })).rejects.toThrow(/BAD_QUERY/);
  });

  it('audits every grade', async () => {
    await t.call('gradeSource', { sourceRef: 'Levant Wire', reliability: 'C', rationale: 'first look' });
    await t.call('gradeSource', { sourceRef: 'Levant Wire', reliability: 'B', rationale: 'track record checked' });
    const grades = t.archive.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'grade' ORDER BY seq").all() as { detail: string }[];
    expect(grades.map((row) => JSON.parse(row.detail) as { reliability: string; previous: string | null })).toEqual([
      expect.objectContaining({ reliability: 'C', previous: null }),
      expect.objectContaining({ reliability: 'B', previous: 'C' }),
    ]);
  });
});

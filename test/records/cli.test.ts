// The cross-linked record through the built `dossier` command: suggest from an article, accept and dismiss,
// entities, grades, claims, the timeline and the graph, each as one JSON document on stdout.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierOn, fixture, tempDir } from '../helpers';

const dir = tempDir('dossier-records-cli-');
const archivePath = join(dir.path, 'records.sqlite');
afterAll(() => dir.remove());

const dossier = dossierOn(archivePath);

describe('dossier CLI: statements, incidents, sources, entities', () => {
  let articleId: string;

  beforeAll(() => {
    const imported = dossier('import', fixture('records', 'suknah-ambush.html'), '--json');
    expect(imported.status).toBe(0);
    articleId = imported.json.imported[0].id;
  });

  // About thirty runs of the command, a second or so each.
  it('goes from an article to a graded, linked record by accepting suggestions', { timeout: 180_000 }, () => {
    const suggested = dossier('suggest', articleId, '--json');
    expect(suggested.status).toBe(0);
    const quote = suggested.json.statements[0];
    expect(quote.statement).toMatchObject({ speaker: 'Yuri Popov', role: 'Major General', date: '2024-04-18' });
    const name = suggested.json.entities.find((s: any) => s.entity.name === 'Yuri Popov');
    expect(name.status).toBe('pending');

    const entity = dossier('accept', name.id.slice(0, 23), '--aliases', 'Попов,Popov', '--json');
    expect(entity.status).toBe(0);
    expect(entity.json.kind).toBe('entity');
    const accepted = dossier('accept', quote.id, '--organisation', 'Russian Ministry of Defence', '--json');
    expect(accepted.status).toBe(0);
    const statementId = accepted.json.id;
    const official = suggested.json.statements.find((s: any) => s.statement.speaker === 'A local official');
    expect(dossier('dismiss', official.id, '--json').json).toEqual({ id: official.id, status: 'dismissed' });
    expect(dossier('dismiss', official.id, '--json').status).toBe(1);

    const incident = dossier(
      'add', 'incident', '--title', 'Bus ambush near Al-Suknah', '--date', '2024-04-19', '--place', 'Al-Suknah',
      '--admin-area', 'Homs Governorate', '--lat', '34.87', '--lon', '38.87', '--coord-precision', 'locality', '--json',
    ).json.id as string;
    expect(dossier('claim', 'add', incident, '--kind', 'killed', '--value', '20', '--source', articleId, '--json').status).toBe(0);
    expect(dossier('claim', 'add', incident, '--kind', 'killed', '--value', '22', '--note', 'monitor figure', '--json').status).toBe(0);
    expect(dossier('grade', 'source', 'Desert Courier', '--reliability', 'B', '--rationale', 'local stringers', '--json').json.reliability).toBe('B');
    expect(dossier('grade', 'item', articleId, '--credibility', '3', '--json').json.credibility).toBe(3);
    expect(dossier('actor', 'add', incident, 'Popov', '--role', 'responded', '--json').status).toBe(0);

    const shown = dossier('show', incident, '--json').json;
    expect(shown.incident.claims.map((c: any) => [c.valueNumber, c.sourceReliability ?? null])).toEqual([[20, 'B'], [22, null]]);
    expect(shown.incident.claimRanges).toEqual([{ kind: 'killed', min: 20, max: 22, sources: 2, claims: 2 }]);
    const readable = dossier('show', incident).stdout;
    expect(readable).toMatch(/killed range +20-22 from 2 sources/);
    expect(readable).toContain('graded B3');

    const page = dossier('entity', 'show', 'Попов', '--json').json;
    expect(page.statements.map((s: any) => s.id)).toEqual([statementId]);
    expect(page.incidents.map((i: any) => i.role)).toEqual(['responded']);
    expect(dossier('entity', 'list', '--json').json.entities.map((e: any) => e.name)).toEqual(['Yuri Popov']);

    const timeline = dossier('timeline', '--from', '2024-04-01', '--to', '2024-04-30', '--json').json;
    expect(timeline.entries.map((e: any) => [e.date, e.type])).toEqual([['2024-04-18', 'statement'], ['2024-04-19', 'incident']]);
    expect(dossier('timeline').stdout).toMatch(/2024-04-18 +statement/);

    const graph = dossier('graph', articleId, '--depth', '2', '--json').json;
    expect(graph.nodes.map((n: any) => n.type)).toEqual(expect.arrayContaining(['article', 'statement', 'person']));
    expect(dossier('search', 'bus reliability:A-B', '--json').json.hits.map((h: any) => h.id)).toEqual([articleId]);
  });

  it('says what is wrong with a bad grade or a missing value', () => {
    const bad = dossier('grade', 'source', 'Desert Courier', '--reliability', 'Z', '--json');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr).error.code).toBe('INVALID_INPUT');
    const missing = dossier('claim', 'add', articleId, '--kind', 'killed', '--json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--value N or --text T');
  });
});

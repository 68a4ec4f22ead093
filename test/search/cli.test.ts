// The search commands of the built `dossier` CLI as a script runs them: sort, facets, transliteration variants,
// BAD_QUERY messages, saved searches and watch terms reported by the next import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierOn, tempDir } from '../helpers';

const dir = tempDir('dossier-search-cli-');
const archivePath = join(dir.path, 'search.sqlite');
afterAll(() => dir.remove());

const dossier = dossierOn(archivePath, { cwd: dir.path });

// Each step spawns the CLI; on a loaded two-core machine that is seconds per call.
describe('dossier search, saved and watch', { timeout: 180_000 }, () => {
  beforeAll(() => {
    expect(dossier('add', 'statement', '--speaker', 'Сергей Попов', '--quote', 'The convoy left the three bases.', '--date', '2024-04-02').status).toBe(0);
    expect(dossier('add', 'incident', '--title', 'Convoy ambush', '--date', '2024-05-01', '--place', 'السخنة').status).toBe(0);
    expect(dossier('add', 'note', '--title', 'Convoy questions', '--body', 'Undated.').status).toBe(0);
  }, 180_000);

  it('sorts by date, adds facets and says which name variant matched', () => {
    const byDate = dossier('search', 'convoy', '--sort', 'date', '--facets', '--json');
    expect(byDate.status).toBe(0);
    expect(byDate.json.hits.map((hit: { title: string }) => hit.title)).toEqual([
      'Convoy ambush',
      expect.stringContaining('Сергей Попов'),
      'Convoy questions',
    ]);
    expect(byDate.json.facets.type.reduce((sum: number, facet: { count: number }) => sum + facet.count, 0)).toBe(3);

    const readable = dossier('search', 'Popov');
    expect(readable.stdout).toContain('"Popov" matched speaker "Попов"');
    expect(dossier('search', 'place:Sukhna', '--json').json.total).toBe(1);
  });

  it('explains a malformed query and refuses a bad --sort', () => {
    const bad = dossier('search', 'speakr:popov', '--json');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'BAD_QUERY', message: expect.stringContaining('Unknown field "speakr:"') });
    expect(dossier('search', 'convoy', '--sort', 'oldest').status).toBe(2);
  });

  it('keeps saved searches and reports watch terms on import', () => {
    expect(dossier('saved', 'add', 'convoy', 'from:2024', '--name', 'Convoys 2024', '--json').status).toBe(0);
    const watch = dossier('watch', 'add', '*kamera*', '--json');
    expect(watch.status).toBe(0);
    expect(dossier('saved', 'list', '--json').json.searches.map((s: { name: string }) => s.name)).toEqual(['*kamera*', 'Convoys 2024']);
    expect(dossier('watch', 'list').stdout).toContain('watch  *kamera*: *kamera*');

    const file = join(dir.path, 'footage.txt');
    writeFileSync(file, 'Footage\n\nA Videokamera recorded the convoy.');
    const report = dossier('import', file, '--json');
    expect(report.json.watchHits).toEqual([
      { savedSearchId: watch.json.id, name: '*kamera*', query: '*kamera*', items: [{ id: report.json.imported[0].id, title: 'Footage' }] },
    ]);
    const again = join(dir.path, 'other.txt');
    writeFileSync(again, 'Other\n\nNothing here.');
    expect(dossier('import', again).stdout).not.toContain('watch "');

    expect(dossier('watch', 'delete', watch.json.id, '--json').json).toEqual({ id: watch.json.id });
    expect(dossier('watch', 'list', '--json').json.searches).toEqual([]);
  });
});

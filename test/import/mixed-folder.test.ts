// The import issue's "done when": one command over a folder that mixes every format and encoding, through the
// built CLI (so the worker pool runs), gives a correct report; each article is searchable by words of its body,
// shows its provenance, and keeps its original byte for byte. A second run finds everything already there.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dossierOn, fixture, tempDir } from '../helpers';

const dir = tempDir('dossier-mixed-');
afterAll(() => dir.remove());
const inbox = join(dir.path, 'inbox');
const archive = join(dir.path, 'mixed.sqlite');

const dossier = dossierOn(archive, { json: true, timeout: 120_000 });

const good = [
  ['articles', 'al-suknah-ambush.txt'],
  ['articles', 'badia-strikes.html'],
  ['articles', 'field-note.md'],
  ['encodings', 'arabic-windows-1256.html'],
  ['encodings', 'russian-koi8-r.html'],
  ['encodings', 'russian-utf16.txt'],
  ['charset', 'russian-long.koi8-r.txt'],
  ['charset', 'arabic-long.windows-1256.txt'],
  ['mhtml', 'al-suknah-ambush.mhtml'],
  ['mhtml', 'popov-briefing-1251.mhtml'],
  ['pdf', 'popov-briefing.pdf'],
  ['pdf', 'multilingual.pdf'],
  // Cut off after its page: the complete HTML part is imported, the missing image is not.
  ['mhtml', 'truncated.mhtml'],
];
const bad = [
  ['pdf', 'encrypted.pdf'],
  ['pdf', 'scanned.pdf'],
];

function lay(): void {
  mkdirSync(join(inbox, 'nested', 'deeper'), { recursive: true });
  good.forEach(([folder, name], index) => copyFileSync(fixture(folder!, name!), join(inbox, index % 2 ? 'nested' : '', name!)));
  bad.forEach(([folder, name]) => copyFileSync(fixture(folder!, name!), join(inbox, 'nested', 'deeper', name!)));
  cpSync(fixture('saved-complete'), join(inbox, 'saved'), { recursive: true });
  copyFileSync(fixture('articles', 'al-suknah-ambush.txt'), join(inbox, 'كمين السخنة.txt'));
  writeFileSync(join(inbox, 'Засада у Сухны.md'), '# Засада у Сухны\n\nАвтобус с бойцами «Лива аль-Кудс» попал в засаду у Сухны 19 апреля 2024 года.\n');
  writeFileSync(join(inbox, 'empty.html'), '');
  writeFileSync(join(inbox, 'junk.html'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(inbox, 'minutes.docx'), 'PK\u0003\u0004 not really a word file');
}

describe('importing a mixed folder', () => {
  it('reports every file correctly and keeps each article searchable, with provenance and its original', () => {
    lay();
    const run = dossier('import', inbox);
    expect(run.status, run.stderr).toBe(1); // some files are meant to fail
    const report = run.json;
    const importedNames = report.imported.map((entry: { path: string }) => basename(entry.path)).sort();
    expect(importedNames).toEqual(
      [...good.map(([, name]) => name!), 'ambush.html', 'Засада у Сухны.md'].sort(),
    );
    // The Arabic-named copy has the same bytes as al-suknah-ambush.txt.
    expect(report.duplicates.map((entry: { path: string }) => basename(entry.path))).toEqual(['كمين السخنة.txt']);
    const failures = Object.fromEntries(report.failed.map((entry: { path: string; error: string }) => [basename(entry.path), entry.error]));
    expect(Object.keys(failures).sort()).toEqual(['empty.html', 'encrypted.pdf', 'junk.html', 'minutes.docx', 'scanned.pdf']);
    expect(failures['empty.html']).toMatch(/empty \(0 bytes\)/);
    expect(failures['encrypted.pdf']).toMatch(/password/);
    expect(failures['scanned.pdf']).toMatch(/no text layer/);
    expect(failures['minutes.docx']).toMatch(/UNSUPPORTED_FORMAT: "minutes.docx" is a Word file/);
    expect(failures['junk.html']).toMatch(/IMPORT_FAILED: "junk.html" does not hold text/);

    for (const entry of report.imported as { path: string; id: string }[]) {
      const item = dossier('show', entry.id).json;
      const original = item.attachments.find((attachment: { role: string }) => attachment.role === 'original');
      expect(original.sha256, entry.path).toBe(createHash('sha256').update(readFileSync(entry.path)).digest('hex'));
      expect(item.article.bodyText.length, entry.path).toBeGreaterThan(20);
      expect(item.article.bodyText, entry.path).not.toMatch(/\uFFFD/);
      const words = item.article.bodyText.match(/[\p{L}]{6,}/gu) as string[];
      const probe = words.sort((a, b) => b.length - a.length)[0]!;
      const hits = dossier('search', `"${probe}"`, '--limit', '50').json.hits.map((hit: { id: string }) => hit.id);
      expect(hits, `${entry.path}: ${probe}`).toContain(entry.id);
    }
    const mhtml = report.imported.find((entry: { path: string }) => entry.path.endsWith('al-suknah-ambush.mhtml'));
    expect(dossier('show', mhtml.id).json.article).toMatchObject({ url: expect.stringMatching(/^https:\/\//), capturedAt: expect.any(String) });
  }, 180_000);

  it('a second run changes nothing: every file is a duplicate or fails again for the same reason', () => {
    const before = dossier('info').json.counts;
    const again = dossier('import', inbox).json;
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(good.length + 3);
    expect(again.failed).toHaveLength(5);
    expect(dossier('info').json.counts).toEqual(before);
  }, 60_000);
});

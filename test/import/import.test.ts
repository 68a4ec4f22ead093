// Import of files from disk: formats, metadata, encodings, originals, duplicates and per-file errors.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, tempArchive, type TestArchive } from '../helpers';

let t: TestArchive;
beforeEach(() => {
  t = tempArchive();
});
afterEach(() => t.dispose());

async function importOneFile(path: string): Promise<string> {
  const report = await t.call('importPaths', { paths: [path] });
  expect(report.failed).toEqual([]);
  expect(report.imported).toHaveLength(1);
  return report.imported[0]!.id;
}

describe('formats and metadata', () => {
  it('reads a saved web page: saved-from URL, JSON-LD headline, author, date, outlet, main text only', async () => {
    const id = await importOneFile(fixture('articles', 'badia-strikes.html'));
    const item = await t.call('getItem', { id });
    expect(item.title).toBe('Russia says strikes hit militant bases in Syrian desert');
    expect(item.article).toMatchObject({
      url: 'https://wire.example.invalid/world/2024/04/18/badia-strikes',
      outlet: 'Example Wire',
      byline: 'Lena Markova',
      publishedAt: '2024-04-18T17:05:00.000Z',
      language: 'en',
    });
    expect(item.article!.bodyText).toContain('three militant bases in the Al-Amur mountains');
    expect(item.article!.bodyText).not.toContain('tracker');
    expect(item.article!.bodyText).not.toContain('Copyright Example Wire');
  });

  it('reads Markdown front matter and plain text first lines as titles', async () => {
    const md = await t.call('getItem', { id: await importOneFile(fixture('articles', 'field-note.md')) });
    expect(md.title).toBe('Phone call with a contact in Palmyra');
    expect(md.article).toMatchObject({ byline: 'Field team', publishedAt: '2024-04-21', language: 'en' });
    const txt = await t.call('getItem', { id: await importOneFile(fixture('articles', 'al-suknah-ambush.txt')) });
    expect(txt.title).toBe('Militia bus ambushed in Homs desert, about 20 fighters reported dead');
  });
});

describe('encodings', () => {
  it.each([
    ['arabic-windows-1256.html', 'كمين لحافلة قرب السخنة', 'السخنه'],
    ['russian-koi8-r.html', 'Попов: ВКС России уничтожили три базы боевиков', 'Эль-Амур'],
    ['russian-windows-1251.html', 'Попов: ВКС России уничтожили три базы боевиков', 'труднодоступных'],
    ['russian-utf16.txt', 'Засада под Сухной', 'брифинге'],
  ])('%s comes out as correct text and is searchable', async (file, title, word) => {
    const id = await importOneFile(fixture('encodings', file));
    const item = await t.call('getItem', { id });
    expect(item.title).toBe(title);
    expect(item.article!.bodyText).not.toMatch(/[\uFFFD]|Ã|Ð/);
    const found = await t.call('search', { query: word });
    expect(found.hits.map((hit) => hit.id)).toEqual([id]);
  });
});

describe('originals, duplicates and failures', () => {
  it('keeps the original bytes under their SHA-256 and reports a re-import as a duplicate', async () => {
    const path = fixture('encodings', 'russian-koi8-r.html');
    const id = await importOneFile(path);
    const bytes = readFileSync(path);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const stored = t.archive.sqlite.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(sha) as { data: Buffer };
    expect(Buffer.compare(stored.data, bytes)).toBe(0);
    expect((await t.call('getItem', { id })).attachments[0]).toMatchObject({ sha256: sha, size: bytes.length, role: 'original' });

    const counts = () => t.archive.sqlite.prepare('SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM blobs) AS blobs').get();
    const before = counts();
    const again = await t.call('importPaths', { paths: [path] });
    expect(again).toMatchObject({ imported: [], duplicates: [{ path, id }], failed: [], cancelled: false });
    expect(counts()).toEqual(before);
  });

  it('imports a folder recursively, skipping hidden files and page _files folders, and reports each failure', async () => {
    const folder = join(t.dir, 'inbox');
    mkdirSync(join(folder, 'nested', 'page_files'), { recursive: true });
    copyFileSync(fixture('articles', 'al-suknah-ambush.txt'), join(folder, 'a.txt'));
    copyFileSync(fixture('articles', 'badia-strikes.html'), join(folder, 'nested', 'page.html'));
    writeFileSync(join(folder, 'nested', 'page_files', 'style.css'), 'body{}');
    writeFileSync(join(folder, '.DS_Store'), 'x');
    writeFileSync(join(folder, 'report.docx'), 'PK fake word file');
    writeFileSync(join(folder, 'empty.txt'), '   \n');
    const missing = join(t.dir, 'not-there.txt');

    const report = await t.call('importPaths', { paths: [folder, missing] });
    expect(report.imported.map((entry) => entry.path).sort()).toEqual([join(folder, 'a.txt'), join(folder, 'nested', 'page.html')]);
    expect(report.failed).toEqual(
      expect.arrayContaining([
        { path: missing, error: expect.stringMatching(/^NOT_FOUND/) },
        { path: join(folder, 'report.docx'), error: expect.stringMatching(/UNSUPPORTED_FORMAT: "report.docx" is a Word file/) },
        { path: join(folder, 'empty.txt'), error: expect.stringMatching(/no readable text/) },
      ]),
    );
    expect(report.failed).toHaveLength(3);
    // A failed file leaves no trace: no item, no stored bytes.
    expect(t.archive.sqlite.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 2 });
    expect(t.archive.sqlite.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 2 });
  });

  it('imports files sent by the app (base64) through the same pipeline', async () => {
    const data = readFileSync(fixture('articles', 'al-suknah-ambush.txt')).toString('base64');
    const report = await t.call('importFiles', { files: [{ name: '../../evil/al-suknah.txt', dataBase64: data }, { name: 'x.exe', dataBase64: 'AA==' }] });
    expect(report.imported).toEqual([expect.objectContaining({ path: 'al-suknah.txt', type: 'article' })]);
    expect(report.failed).toEqual([{ path: 'x.exe', error: expect.stringMatching(/^UNSUPPORTED_FORMAT/) }]);
  });
});

// PDF import: text layer in reading order, document metadata, and the files a user cannot import (password, scan, junk).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { DossierError } from '../../db/errors';
import { parsePdf, pdfDateToIso } from '../../db/import/pdf';
import { fixture } from '../helpers';

// Every loading task pdf.js hands out, to check that each one is destroyed (an undestroyed one keeps its worker).
const { loadingTasks } = vi.hoisted(() => ({ loadingTasks: [] as { destroyed: boolean }[] }));
vi.mock('pdfjs-dist/legacy/build/pdf.mjs', async (importOriginal) => {
  const pdfjs = await importOriginal<typeof import('pdfjs-dist/legacy/build/pdf.mjs')>();
  return {
    ...pdfjs,
    getDocument: (...args: Parameters<typeof pdfjs.getDocument>) => {
      const task = pdfjs.getDocument(...args);
      loadingTasks.push(task);
      return task;
    },
  };
});

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(fixture('pdf', name)));

async function importError(promise: Promise<unknown>): Promise<DossierError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DossierError);
  expect((error as DossierError).code).toBe('IMPORT_FAILED');
  return error as DossierError;
}

describe('parsePdf', () => {
  it('reads every page as lines, pages apart, with title, author, creation date and language from the document', async () => {
    const article = await parsePdf(read('popov-briefing.pdf'), 'popov-briefing.pdf');
    expect(article).toMatchObject({
      title: 'Popov briefing: strikes in the Al-Amur mountains',
      byline: 'Lena Markova',
      publishedAt: '2024-04-18T12:30:00.000Z',
      language: 'en-GB',
      url: null,
      outlet: null,
      capturedAt: null,
      mediaType: 'application/pdf',
    });
    expect(article.bodyText).toBe(
      [
        'Russian military reports strikes near Al-Amur',
        'Moscow, 18 April 2024',
        'Maj. Gen. Yuri Popov, deputy head of the Russian Reconciliation Centre, said on',
        'Thursday that aircraft had struck three militant bases in the Al-Amur mountains.',
        'According to Popov , the strikes destroyed depots of weapons and ammunition.',
        '',
        'A day later, on 19 April, eight soldiers were killed in an ambush near Al-Suknah,',
        'in the eastern countryside of Homs.',
      ].join('\n'),
    );
  });

  it('takes the first line as the title when the document has no metadata', async () => {
    const article = await parsePdf(read('untitled-note.pdf'), 'untitled-note.pdf');
    expect(article).toMatchObject({ title: 'Field note: ambush near Al-Suknah', byline: null, publishedAt: null, language: null });
    expect(article.bodyText).toBe('Field note: ambush near Al-Suknah\nEight soldiers killed on 19 April 2024, according to local sources.');
  });

  it('reads Cyrillic from a re-encoded standard font and Arabic from a ToUnicode map, in logical order', async () => {
    const article = await parsePdf(read('multilingual.pdf'), 'multilingual.pdf');
    expect(article).toMatchObject({ title: 'Брифинг Юрия Попова, 18 апреля 2024', language: 'ru' });
    expect(article.bodyText).toBe('Брифинг генерал-майора Юрия Попова\nВКС нанесли удары по трём базам террористов.\nكمين قرب السخنة');
  });

  it('stops at the page and text bounds it is given', async () => {
    const all = await parsePdf(read('twelve-pages.pdf'), 'twelve-pages.pdf');
    expect(all.bodyText.split('\n\n')).toHaveLength(12);
    const firstThree = await parsePdf(read('twelve-pages.pdf'), 'twelve-pages.pdf', { maxPages: 3, maxTextChars: 1_000_000 });
    expect(firstThree.bodyText.split('\n\n').map((page) => page.slice(0, 12))).toEqual(['Page 1 of 12', 'Page 2 of 12', 'Page 3 of 12']);
    const short = await parsePdf(read('twelve-pages.pdf'), 'twelve-pages.pdf', { maxPages: 2_000, maxTextChars: 100 });
    expect(short.bodyText.length).toBeLessThanOrEqual(100 + 2 * 2); // page separators come on top of the text
    expect(short.bodyText).toMatch(/^Page 1 of 12: .+\n\nPage 2 of 12: /);
  });

  it('destroys every document it opens, whether the file was read or refused', async () => {
    loadingTasks.length = 0;
    await parsePdf(read('popov-briefing.pdf'), 'popov-briefing.pdf');
    await parsePdf(read('encrypted.pdf'), 'encrypted.pdf').catch(() => undefined);
    await parsePdf(read('scanned.pdf'), 'scanned.pdf').catch(() => undefined);
    await parsePdf(read('truncated.pdf'), 'truncated.pdf').catch(() => undefined);
    expect(loadingTasks.map((task) => task.destroyed)).toEqual([true, true, true, true]);
  });

  it('does not detach or change the bytes it was given', async () => {
    const bytes = read('untitled-note.pdf');
    const copy = bytes.slice();
    await parsePdf(bytes, 'untitled-note.pdf');
    expect(bytes).toEqual(copy);
  });

  it('refuses a password-protected PDF with a sentence saying so', async () => {
    const error = await importError(parsePdf(read('encrypted.pdf'), 'encrypted.pdf'));
    expect(error.message).toMatch(/"encrypted\.pdf" is protected by a password/);
  });

  it('refuses a scan without a text layer', async () => {
    const error = await importError(parsePdf(read('scanned.pdf'), 'scanned.pdf'));
    expect(error.message).toMatch(/"scanned\.pdf" has no text layer \(a scan\?\)/);
  });

  it('refuses truncated files, other formats and empty files', async () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>Not a PDF</body></html>');
    let seed = 3;
    const junk = Uint8Array.from({ length: 200_000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (const [name, bytes] of [
      ['truncated.pdf', read('truncated.pdf')],
      ['page.pdf', html],
      ['junk.pdf', junk],
      ['empty.pdf', new Uint8Array(0)],
    ] as const) {
      const error = await importError(parsePdf(bytes, name));
      expect(error.message).toBe(`"${name}" cannot be read as a PDF: it is damaged, incomplete, or not a PDF at all.`);
    }
  });

  it('reads several PDFs at once', async () => {
    const titles = await Promise.all(
      ['popov-briefing.pdf', 'untitled-note.pdf', 'popov-briefing.pdf'].map(async (name) => (await parsePdf(read(name), name)).title),
    );
    expect(titles).toEqual(['Popov briefing: strikes in the Al-Amur mountains', 'Field note: ambush near Al-Suknah', 'Popov briefing: strikes in the Al-Amur mountains']);
  });
});

describe('pdfDateToIso', () => {
  it.each([
    ["D:20240418153000+03'00'", '2024-04-18T12:30:00.000Z'],
    ["D:20240418153000-05'30", '2024-04-18T21:00:00.000Z'],
    ['D:20240418153000Z', '2024-04-18T15:30:00.000Z'],
    ["D:20240418153000Z00'00'", '2024-04-18T15:30:00.000Z'],
    ['D:20240418', '2024-04-18T00:00:00.000Z'],
    ['D:2024', '2024-01-01T00:00:00.000Z'],
    ['20240419', '2024-04-19T00:00:00.000Z'],
  ])('%s -> %s', (value, iso) => {
    expect(pdfDateToIso(value)).toBe(iso);
  });

  it.each(['', 'yesterday', 'D:20241345', null])('%s -> null', (value) => {
    expect(pdfDateToIso(value)).toBeNull();
  });
});

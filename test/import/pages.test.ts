// Saved pages as browsers write them: "Web page, complete" with its _files folder, inline data: images, and
// hostile markup. The readable copy must keep the article and its local images and nothing that runs or loads.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, tempArchive, type TestArchive } from '../helpers';
import { renderReadableHtml } from '../../db/import/readable';
import { parseHTML } from 'linkedom';

let t: TestArchive;
beforeEach(() => {
  t = tempArchive();
});
afterEach(() => t.dispose());

function readableOf(id: string): string {
  return (t.archive.sqlite.prepare('SELECT readable_html AS html FROM articles WHERE item_id = ?').get(id) as { html: string }).html;
}

describe('"Web page, complete" saves', () => {
  it('stores the page, its images from the _files folder and a safe readable copy', async () => {
    const inbox = join(t.dir, 'inbox');
    mkdirSync(inbox);
    cpSync(fixture('saved-complete'), inbox, { recursive: true });
    const secret = readFileSync(join(inbox, 'ambush_files', 'bus-wreck.png')).map((byte, index) => (index > 20 ? byte ^ 1 : byte));
    writeFileSync(join(t.dir, 'outside-secret.png'), secret);

    const report = await t.call('importPaths', { paths: [inbox] });
    expect(report.failed).toEqual([]);
    expect(report.imported.map((entry) => entry.path)).toEqual([join(inbox, 'ambush.html')]);
    const id = report.imported[0]!.id;
    const item = await t.call('getItem', { id });
    expect(item.article?.url).toBe('https://dispatch.example.invalid/news/2024/04/19/suknah');

    const images = item.attachments.filter((attachment) => attachment.role === 'image');
    expect(images.map((image) => [image.name, image.mediaType]).sort()).toEqual([
      ['bus-wreck.png', 'image/png'],
      ['inline-image', 'image/gif'],
    ]);

    const html = readableOf(id);
    expect(html).toContain('Gunmen opened fire on a bus');
    for (const image of images) expect(html).toContain(`<img data-attachment="${image.sha256}"`);
    expect(html).toContain('[image: remote photo]');
    expect(html).toContain('[image: should not be read]');
    for (const forbidden of [/<script/i, /<iframe/i, /<form/i, /<input/i, /<button/i, /\son\w+=/i, /style=/i, /javascript:/i, /\ssrc=/i, /\shref=/i, /<link/i, /<meta/i, /https:\/\/cdn/, /fonts\.example/, /owned/]) {
      expect(html).not.toMatch(forbidden);
    }
    expect(html).toContain('data-href="https://dispatch.example.invalid/more"');
  });
});

describe('readable HTML writer', () => {
  const render = (markup: string) =>
    renderReadableHtml(parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`).document.body as never, () => null).html;

  it('escapes text and attribute values so nothing can break out', () => {
    expect(render('<p dir="rtl&quot;><script>x</script>">a &lt;b&gt; &amp; c</p>')).toBe('<p dir="rtl&quot;&gt;&lt;script&gt;x&lt;/script&gt;">a &lt;b&gt; &amp; c</p>');
  });

  it('keeps structure, drops dangerous elements with their content, unwraps unknown ones', () => {
    expect(render('<h2>T</h2><custom-el><b>bold</b></custom-el><svg><script>x</script></svg><noscript>n</noscript><table><tr><td colspan="2" onclick="x">c</td></tr></table>'))
      .toBe('<h2>T</h2><b>bold</b><table><tr><td colspan="2">c</td></tr></table>');
  });

  it('flattens markup nested thousands of levels deep instead of failing', () => {
    const deep = '<div>'.repeat(3000) + 'deep text' + '</div>'.repeat(3000);
    const html = render(deep);
    expect(html).toContain('deep text');
    expect(html.length).toBeLessThan(5000);
  });
});

describe('near duplicates', () => {
  it('flags the same article saved again with other markup, and links the two for review', async () => {
    const original = await t.call('importPaths', { paths: [fixture('articles', 'al-suknah-ambush.txt')] });
    const text = readFileSync(fixture('articles', 'al-suknah-ambush.txt'), 'utf8');
    const [title, ...paragraphs] = text.split(/\n\s*\n/);
    const printView = `<html><head><title>${title} (print)</title></head><body><div class="print"><h1>${title}</h1>${paragraphs
      .map((p) => `<p>${p}</p>`)
      .join('\n')}<p>Printed from the archive.</p></div></body></html>`;
    const page = join(t.dir, 'print-view.html');
    writeFileSync(page, printView);

    const second = await t.call('importPaths', { paths: [page] });
    expect(second.imported).toHaveLength(1);
    const flagged = second.imported[0]!;
    expect(flagged.possibleDuplicateOf?.id).toBe(original.imported[0]!.id);
    expect(flagged.possibleDuplicateOf!.similarity).toBeGreaterThanOrEqual(0.8);
    const links = (await t.call('getItem', { id: flagged.id })).links;
    expect(links).toEqual([expect.objectContaining({ id: original.imported[0]!.id, rel: 'possible-duplicate', direction: 'out' })]);

    const unrelated = join(t.dir, 'other.txt');
    writeFileSync(unrelated, `Market prices in Aleppo\n\n${'Bread and fuel prices rose again this week in the markets of Aleppo, traders said. '.repeat(8)}`);
    const third = await t.call('importPaths', { paths: [unrelated] });
    expect(third.imported[0]!.possibleDuplicateOf).toBeUndefined();
  });
});

describe('import runs', () => {
  it('keeps every run and its per-file results in the archive', async () => {
    const report = await t.call('importPaths', { paths: [fixture('articles', 'field-note.md'), join(t.dir, 'missing.html')] });
    const run = t.archive.sqlite.prepare('SELECT status, file_count AS files, finished_at AS finishedAt FROM import_runs WHERE id = ?').get(report.runId);
    expect(run).toMatchObject({ status: 'finished', files: 2, finishedAt: expect.any(String) });
    const results = t.archive.sqlite.prepare('SELECT path, status, item_id AS itemId, error FROM import_results WHERE run_id = ? ORDER BY seq').all(report.runId);
    expect(results).toEqual([
      { path: join(t.dir, 'missing.html'), status: 'failed', itemId: null, error: expect.stringMatching(/^NOT_FOUND/) },
      { path: fixture('articles', 'field-note.md'), status: 'imported', itemId: report.imported[0]!.id, error: null },
    ]);
  });

  it('stops between files when cancelled, keeping every finished item whole', async () => {
    const controller = new AbortController();
    const { importPaths } = await import('../../db/import');
    const report = await importPaths(
      t.archive,
      { paths: [fixture('articles')] },
      { signal: controller.signal, onProgress: ({ done }) => done === 1 && controller.abort() },
    );
    expect(report.cancelled).toBe(true);
    expect(report.imported).toHaveLength(1);
    expect(t.archive.sqlite.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 1 });
    const again = await importPaths(t.archive, { paths: [fixture('articles')] });
    expect(again.duplicates).toHaveLength(1);
    expect(again.imported.length).toBeGreaterThanOrEqual(2);
  });
});

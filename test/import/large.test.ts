// A 100 MB saved page is imported without building a DOM of it: metadata from its head, its text indexed up to a
// bound, the original kept whole, and the rest of the batch unaffected.
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, tempArchive, type TestArchive } from '../helpers';

let t: TestArchive;
let page: string;

beforeAll(async () => {
  t = tempArchive();
  page = join(t.dir, 'whole-thread.html');
  const out = createWriteStream(page);
  out.write('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Forum thread on the Al-Suknah ambush</title>');
  out.write('<link rel="canonical" href="https://forum.example.invalid/t/suknah"></head><body>');
  out.write('<p>First post: zebrafinch is the word only this page has.</p><script>var tracking = 1;</script>');
  const post = `<div class="post"><p>${'Reply about the bus ambush near Al-Suknah and the Badia desert road. '.repeat(20)}</p></div>\n`;
  for (let written = 0; written < 100 * 1024 * 1024; written += post.length) {
    if (!out.write(post)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end('</body></html>', () => resolve()));
}, 120_000);

afterAll(() => t.dispose());

it('imports a 100 MB page with bounded work, keeping the original whole', async () => {
  const report = await t.call('importPaths', { paths: [page, fixture('articles', 'field-note.md')] });
  expect(report.failed).toEqual([]);
  expect(report.imported).toHaveLength(2);
  const item = await t.call('getItem', { id: report.imported[0]!.id });
  expect(item.title).toBe('Forum thread on the Al-Suknah ambush');
  expect(item.article?.url).toBe('https://forum.example.invalid/t/suknah');
  expect(item.article!.bodyText).not.toContain('tracking');
  expect(item.article!.bodyText.length).toBeLessThan(17 * 1024 * 1024);
  expect((await t.call('search', { query: 'zebrafinch' })).hits.map((hit) => hit.id)).toEqual([item.id]);
  const original = item.attachments.find((attachment) => attachment.role === 'original')!;
  expect(original.sha256).toBe(createHash('sha256').update(readFileSync(page)).digest('hex'));
}, 180_000);

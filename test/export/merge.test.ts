// Two investigators exchange a case in both directions: new items arrive, identical ones are skipped, an item
// changed on one side only is brought up to date, an item changed on both sides keeps both versions as a conflict
// until someone chooses, and a case file altered on the way is refused, or with --force imported with its
// altered items flagged.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentReader } from '../../db/export/document';
import { ALTERED_TAG } from '../../db/export/merge';
import type { Archive } from '../../db/open';
import { tempArchive, tempDir, type TestArchive } from '../helpers';
import { archiveFingerprint, buildRichCase, rewriteZip, type BuiltCase } from './case-fixtures';

const work = tempDir('dossier-merge-');
let alice: TestArchive;
let bob: TestArchive;
let built: BuiltCase;
let exportCount = 0;

async function exportFrom(t: TestArchive, name: string): Promise<string> {
  const path = join(work.path, `${++exportCount}-${name}.zip`);
  await t.call('exportCase', { caseRef: built.caseId, outPath: path });
  return path;
}

/** An edit as the app makes one: the note's text and the item's change time. */
function editNote(archive: Archive, id: string, body: string, at: string): void {
  archive.sqlite.transaction(() => {
    archive.sqlite.prepare('UPDATE notes SET body_markdown = ? WHERE item_id = ?').run(body, id);
    archive.sqlite.prepare('UPDATE items SET updated_at = ? WHERE id = ?').run(at, id);
  })();
}

const noteBody = (t: TestArchive, id: string): string => t.archive.sqlite.prepare('SELECT body_markdown FROM notes WHERE item_id = ?').pluck().get(id) as string;

beforeAll(async () => {
  alice = tempArchive();
  bob = tempArchive();
  built = await buildRichCase(alice.archive);
  const first = await exportFrom(alice, 'alice-first');
  const report = await bob.call('importCase', { path: first });
  expect(report.added).toHaveLength(8);
});
afterAll(() => {
  alice.dispose();
  bob.dispose();
  work.remove();
});

describe('merging case files', () => {
  it('brings an item changed on one side only up to date, in both directions, keeping the replaced version', async () => {
    editNote(bob.archive, built.ids.noteRussian, 'Bob: checked both sources, 20 and 22.', '2024-05-01T10:00:00.000Z');
    const fromBob = await exportFrom(bob, 'bob-edit');
    const atAlice = await alice.call('importCase', { path: fromBob });
    expect(atAlice.updated.map((item) => item.id)).toEqual([built.ids.noteRussian]);
    expect(atAlice.conflicts).toEqual([]);
    expect(noteBody(alice, built.ids.noteRussian)).toBe('Bob: checked both sources, 20 and 22.');
    const previous = alice.archive.sqlite
      .prepare("SELECT previous_document FROM case_import_items WHERE item_id = ? AND outcome = 'updated'")
      .pluck()
      .get(built.ids.noteRussian) as string;
    expect(JSON.parse(previous).record.body_markdown).toBe('Сверить цифры потерь с двумя источниками.');

    editNote(alice.archive, built.ids.noteRussian, 'Alice: and a third source says 25.', '2024-05-02T10:00:00.000Z');
    const fromAlice = await exportFrom(alice, 'alice-edit');
    const atBob = await bob.call('importCase', { path: fromAlice });
    expect(atBob.updated.map((item) => item.id)).toEqual([built.ids.noteRussian]);
    expect(noteBody(bob, built.ids.noteRussian)).toBe('Alice: and a third source says 25.');
  });

  it('keeps its own newer version when an older case file comes back', async () => {
    const old = await exportFrom(alice, 'alice-before');
    const atBob = await bob.call('importCase', { path: old });
    expect(atBob.skipped.every((item) => item.reason === 'identical')).toBe(true);
    editNote(bob.archive, built.ids.noteArabic, 'ملاحظة جديدة من بوب', '2024-05-03T10:00:00.000Z');
    const again = await bob.call('importCase', { path: old });
    expect(again.skipped.find((item) => item.id === built.ids.noteArabic)).toMatchObject({ reason: 'ours-newer' });
    expect(noteBody(bob, built.ids.noteArabic)).toBe('ملاحظة جديدة من بوب');
  });

  it('keeps both versions of an item changed on both sides, until the investigator chooses', async () => {
    editNote(alice.archive, built.ids.noteArabic, 'نسخة أليس', '2024-05-04T10:00:00.000Z');
    const fromAlice = await exportFrom(alice, 'alice-conflict');
    const report = await bob.call('importCase', { path: fromAlice });
    expect(report.conflicts).toEqual([expect.objectContaining({ id: built.ids.noteArabic, reason: 'both-changed' })]);
    // Nothing silently overwritten: Bob's text is still the live one.
    expect(noteBody(bob, built.ids.noteArabic)).toBe('ملاحظة جديدة من بوب');

    const { conflicts } = await bob.call('listConflicts', {});
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0]!;
    expect(conflict.ours?.record?.body_markdown).toBe('ملاحظة جديدة من بوب');
    expect(conflict.theirs.record?.body_markdown).toBe('نسخة أليس');
    expect(conflict.differences).toEqual(['item.updated_at', 'record.body_markdown']);

    // The same file imported twice does not pile up conflicts.
    await bob.call('importCase', { path: fromAlice });
    expect((await bob.call('listConflicts', {})).conflicts).toHaveLength(1);

    const resolved = await bob.call('resolveConflict', { id: conflict.id, keep: 'theirs' });
    expect(resolved).toMatchObject({ itemId: built.ids.noteArabic, kept: 'theirs' });
    expect(noteBody(bob, built.ids.noteArabic)).toBe('نسخة أليس');
    // Bob's own version, given up, is still kept.
    const givenUp = bob.archive.sqlite
      .prepare("SELECT previous_document FROM case_import_items WHERE item_id = ? AND outcome = 'conflict' AND previous_document IS NOT NULL")
      .pluck()
      .get(built.ids.noteArabic) as string;
    expect(JSON.parse(givenUp).record.body_markdown).toBe('ملاحظة جديدة من بوب');
    expect((await bob.call('listConflicts', {})).conflicts).toEqual([]);
    expect((await bob.call('listConflicts', { includeResolved: true })).conflicts[0]).toMatchObject({ resolution: 'theirs' });
    await expect(bob.call('resolveConflict', { id: conflict.id, keep: 'ours' })).rejects.toThrow(/already resolved/);
    // The search index follows the chosen version.
    const hits = await bob.call('search', { query: 'أليس' });
    expect(hits.hits.map((hit) => hit.id)).toContain(built.ids.noteArabic);
  });

  it('keeping ours makes the next exchange a plain update on the other side', async () => {
    editNote(alice.archive, built.ids.noteRussian, 'Alice again', '2024-05-05T10:00:00.000Z');
    editNote(bob.archive, built.ids.noteRussian, 'Bob again', '2024-05-05T11:00:00.000Z');
    const report = await bob.call('importCase', { path: await exportFrom(alice, 'alice-again') });
    const conflictId = report.conflicts[0]!.conflictId;
    await bob.call('resolveConflict', { id: conflictId, keep: 'ours' });
    expect(noteBody(bob, built.ids.noteRussian)).toBe('Bob again');
    const atAlice = await alice.call('importCase', { path: await exportFrom(bob, 'bob-kept-ours') });
    expect(atAlice.updated.map((item) => item.id)).toContain(built.ids.noteRussian);
    expect(atAlice.conflicts).toEqual([]);
    expect(noteBody(alice, built.ids.noteRussian)).toBe('Bob again');
  });

  it("merges both sides' new items, links and case membership without losing either", async () => {
    const bobNote = await bob.call('addNote', { title: 'Bob: witness list', body: 'Three names.' });
    await bob.call('addToCase', { caseRef: built.caseId, ids: [bobNote.id] });
    await bob.call('addLink', { from: bobNote.id, to: built.ids.incident, rel: 'about' });
    const aliceNote = await alice.call('addNote', { title: 'Alice: satellite imagery request', body: 'Pending.' });
    await alice.call('addToCase', { caseRef: built.caseId, ids: [aliceNote.id] });

    const atAlice = await alice.call('importCase', { path: await exportFrom(bob, 'bob-new') });
    expect(atAlice.added.map((item) => item.id)).toEqual([bobNote.id]);
    expect(atAlice.links.added).toBe(1);
    const atBob = await bob.call('importCase', { path: await exportFrom(alice, 'alice-new') });
    expect(atBob.added.map((item) => item.id)).toEqual([aliceNote.id]);

    const members = (t: TestArchive) => (t.archive.sqlite.prepare('SELECT item_id FROM case_items WHERE case_id = ? ORDER BY item_id').pluck().all(built.caseId) as string[]);
    expect(members(alice)).toEqual(members(bob));
    expect(members(alice)).toEqual(expect.arrayContaining([bobNote.id, aliceNote.id]));
    // Each side now holds the same content for every item of the case.
    const readA = documentReader(alice.archive.sqlite);
    const readB = documentReader(bob.archive.sqlite);
    for (const id of members(alice)) expect(readB.itemDocument(id)!.contentHash).toBe(readA.itemDocument(id)!.contentHash);
  });

  it('refuses an altered case file, and with force flags every altered item instead of trusting it', async () => {
    const clean = await exportFrom(alice, 'alice-clean');
    const tampered = join(work.path, 'tampered.zip');
    const statementPath = `items/${built.ids.statement}.json`;
    await rewriteZip(clean, tampered, (path, bytes) =>
      path === statementPath ? Buffer.from(bytes.toString('utf8').replaceAll('ВКС России уничтожили', 'ВКС России не уничтожали')) : bytes,
    );
    const before = archiveFingerprint(bob.archive);
    await expect(bob.call('importCase', { path: tampered })).rejects.toThrow(/CASE_FILE_ALTERED.*altered.*--force/);
    expect(archiveFingerprint(bob.archive)).toBe(before);

    const report = await bob.call('importCase', { path: tampered, force: true });
    expect(report.verified).toBe(false);
    expect(report.verification.altered).toEqual([statementPath]);
    expect(report.flagged).toEqual([expect.objectContaining({ id: built.ids.statement, files: [statementPath] })]);
    expect(report.conflicts).toEqual([expect.objectContaining({ id: built.ids.statement, reason: 'altered' })]);
    // The local statement keeps its true quote; the altered one waits as "theirs" for review.
    const quote = bob.archive.sqlite.prepare('SELECT quote FROM statements WHERE item_id = ?').pluck().get(built.ids.statement) as string;
    expect(quote).toContain('ВКС России уничтожили');
    const { conflicts } = await bob.call('listConflicts', { itemId: built.ids.statement });
    expect(conflicts[0]).toMatchObject({ reason: 'altered', alteredFiles: [statementPath] });
    expect(String(conflicts[0]!.theirs.record?.quote)).toContain('не уничтожали');
  });

  it('with force, a new item from an altered file arrives tagged altered-in-transit', async () => {
    const carol = tempArchive();
    try {
      const tampered = join(work.path, 'tampered.zip');
      const report = await carol.call('importCase', { path: tampered, force: true });
      expect(report.added).toHaveLength(10);
      expect(report.flagged.map((item) => item.id)).toEqual([built.ids.statement]);
      const tags = documentReader(carol.archive.sqlite).itemDocument(built.ids.statement)!.tags;
      expect(tags).toContain(ALTERED_TAG);
      expect((await carol.call('listConflicts', {})).conflicts.map((conflict) => [conflict.itemId, conflict.reason])).toEqual([[built.ids.statement, 'altered']]);
    } finally {
      carol.dispose();
    }
  });
});

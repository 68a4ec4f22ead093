// A case going back and forth between two investigators over several rounds: the author's later edits arrive as
// updates (not as conflicts), and items one side deletes go to the other side's trash, unless that side changed
// them since the two last exchanged them.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempArchive, tempDir, type TestArchive } from '../helpers';

let alice: TestArchive;
let bob: TestArchive;
let work: ReturnType<typeof tempDir>;
let caseId: string;
let exports = 0;

async function send(from: TestArchive, to: TestArchive) {
  const path = join(work.path, `${++exports}.zip`);
  await from.call('exportCase', { caseRef: caseId, outPath: path });
  return to.call('importCase', { path });
}

async function note(t: TestArchive, title: string, body: string): Promise<string> {
  const { id } = await t.call('addNote', { title, body });
  await t.call('addToCase', { caseRef: caseId, ids: [id] });
  return id;
}

const isTrashed = (t: TestArchive, id: string): boolean =>
  t.archive.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM items WHERE id = ?').pluck().get(id) === 1;

beforeEach(async () => {
  alice = tempArchive();
  bob = tempArchive();
  work = tempDir('dossier-exchange-');
  caseId = (await alice.call('createCase', { name: 'Badia strikes' })).id;
});
afterEach(() => {
  alice.dispose();
  bob.dispose();
  work.remove();
});

describe('exchanging a case over several rounds', () => {
  it("brings the author's later edits over as updates, round after round", async () => {
    const id = await note(alice, 'Convoy', 'First account.');
    expect((await send(alice, bob)).added.map((item) => item.id)).toEqual([id]);
    for (const body of ['Second account.', 'Third account.']) {
      await alice.call('updateItem', { id, body });
      const report = await send(alice, bob);
      expect(report.conflicts).toEqual([]);
      expect(report.updated.map((item) => item.id)).toEqual([id]);
      expect((await bob.call('getItem', { id })).note?.body).toBe(body);
    }
    // And back: Bob's edit reaches Alice as an update too.
    await bob.call('updateItem', { id, body: 'Bob adds a source.' });
    const atAlice = await send(bob, alice);
    expect(atAlice.conflicts).toEqual([]);
    expect(atAlice.updated.map((item) => item.id)).toEqual([id]);
  });

  it('moves what the sender deleted to the trash, keeps what changed here since, and says which', async () => {
    const untouched = await note(alice, 'Checkpoint', 'Seen at dawn.');
    const editedByBob = await note(alice, 'Casualties', 'Twelve.');
    await send(alice, bob);
    await bob.call('updateItem', { id: editedByBob, body: 'Fourteen, says a second source.' });
    await alice.call('deleteItem', { id: untouched });
    await alice.call('deleteItem', { id: editedByBob });

    const report = await send(alice, bob);
    expect(report.deletions.trashed.map((item) => item.id)).toEqual([untouched]);
    expect(report.deletions.kept.map((item) => item.id)).toEqual([editedByBob]);
    expect(report.warnings.join('\n')).toMatch(/"Casualties" was deleted in the sender's archive .* it was kept/);
    expect(isTrashed(bob, untouched)).toBe(true);
    expect(isTrashed(bob, editedByBob)).toBe(false);

    // From the trash it can come back, and the same file again changes nothing.
    const again = await send(alice, bob);
    expect(again.deletions.trashed).toEqual([]);
    await bob.call('restoreItem', { id: untouched });
    expect(isTrashed(bob, untouched)).toBe(false);
  });

  it('does not delete an item the receiver never exchanged', async () => {
    const id = await note(alice, 'Draft', 'Never sent.');
    await alice.call('deleteItem', { id });
    const report = await send(alice, bob);
    expect(report.added).toEqual([]);
    expect(report.deletions).toEqual({ trashed: [], kept: [] });
  });
});

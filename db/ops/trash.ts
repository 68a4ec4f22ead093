// The trash: deleted items wait here, restorable, until an investigator purges one explicitly. Purging removes
// the item's rows, its versions and its index entries (FTS5 secure-delete drops the words from the word index; the
// word-pairs index drops a row's pairs only when it merges, so it is merged whole), and the stored files no other
// item uses. The audit log keeps that it happened, never what the text was.
import type { PurgeResult, TrashList } from '../../electron/contract';
import { DossierError } from '../errors';
import type { Archive } from '../open';
import { appendAudit } from './audit';
import { resolveItemId } from './items';

export function listTrash(archive: Archive, input: { limit?: number; offset?: number } = {}): TrashList {
  const { total } = archive.sqlite.prepare('SELECT count(*) AS total FROM items WHERE deleted_at IS NOT NULL').get() as { total: number };
  const items = archive.sqlite
    .prepare(
      `SELECT id, type, title, deleted_at AS deletedAt FROM items WHERE deleted_at IS NOT NULL
        ORDER BY deleted_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(input.limit ?? 100, input.offset ?? 0) as TrashList['items'];
  return { total, items };
}

export function purgeItem(archive: Archive, input: { id: string }): PurgeResult {
  const result = archive.sqlite.transaction(() => {
    const db = archive.sqlite;
    const id = resolveItemId(archive, input.id);
    const item = db.prepare('SELECT type, deleted_at AS deletedAt FROM items WHERE id = ?').get(id) as { type: string; deletedAt: string | null };
    if (!item.deletedAt) throw new DossierError('CONFLICT', `Item ${id} is not in the trash; delete it first, then purge it.`);
    const files = (db.prepare('SELECT DISTINCT sha256 FROM attachments WHERE item_id = ?').all(id) as { sha256: string }[]).map((row) => row.sha256);
    // Claims elsewhere that cite this item as their source keep their figure but lose the pointer.
    const claimsUnsourced = db.prepare('UPDATE claims SET source_item_id = NULL WHERE source_item_id = ? AND incident_id <> ?').run(id, id).changes;
    db.prepare('UPDATE incident_actors SET source_item_id = NULL WHERE source_item_id = ? AND incident_id <> ?').run(id, id);
    db.prepare('DELETE FROM search_docs WHERE item_id = ?').run(id);
    db.prepare("INSERT INTO search_pairs(search_pairs) VALUES ('optimize')").run();
    db.prepare('DELETE FROM items WHERE id = ?').run(id); // cascades to its rows, links, attachments, versions
    let blobsRemoved = 0;
    for (const sha256 of files) {
      blobsRemoved += db.prepare('DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)').run(sha256, sha256).changes;
    }
    appendAudit(archive, { action: 'purge', itemId: id, detail: { type: item.type, files, blobsRemoved, claimsUnsourced } });
    return { id, blobsRemoved };
  })();
  // The archive opens with secure_delete on, so the freed cells are zeroed; copying the WAL back now also
  // removes the purged text from the log's older frames (best effort: a long reader elsewhere may hold some).
  archive.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}

// The versioned normalisation step run at open time: when the archive's index was built with other rules than
// NORMALISATION_VERSION (or a migration emptied it), every live item's search row is recomputed. Rows are upserted
// through the same triggers as every edit, so the FTS5 and trigram indexes stay consistent without a 'rebuild'.
import type { Archive } from '../open';
import { NORMALISATION_VERSION } from './normalise';
import { reindexItem } from './index-item';

const VERSION_KEY = 'normalisation_version';

export function indexedNormalisationVersion(archive: Archive): number | null {
  const row = archive.sqlite.prepare('SELECT value FROM search_meta WHERE key = ?').get(VERSION_KEY) as
    | { value: string }
    | undefined;
  return row ? Number(row.value) : null;
}

/** Brings the search index up to the current rules; returns how many items were reindexed (0 when current). */
export function ensureSearchIndexCurrent(archive: Archive): number {
  if (archive.sqlite.readonly || indexedNormalisationVersion(archive) === NORMALISATION_VERSION) return 0;
  return archive.sqlite.transaction(() => {
    archive.sqlite.prepare('DELETE FROM search_docs WHERE item_id NOT IN (SELECT id FROM items WHERE deleted_at IS NULL)').run();
    const ids = archive.sqlite.prepare('SELECT id FROM items WHERE deleted_at IS NULL').pluck().all() as string[];
    for (const id of ids) reindexItem(archive, id);
    archive.sqlite
      .prepare('INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(VERSION_KEY, String(NORMALISATION_VERSION));
    return ids.length;
  })();
}

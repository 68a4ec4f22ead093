// A read-only second connection to an archive holding one read transaction open: in WAL mode it sees the archive
// as it was when the transaction began, however long an export streams and whatever the app writes meanwhile.
import Database from 'better-sqlite3';
import type { Archive } from '../open';

export interface Snapshot {
  readonly db: Database.Database;
  close(): void;
}

export function openSnapshot(archive: Archive): Snapshot {
  const db = new Database(archive.path, { readonly: true, fileMustExist: true, nativeBinding: archive.nativeBinding });
  db.pragma('busy_timeout = 5000');
  db.exec('BEGIN');
  // A read transaction takes its snapshot at its first read, not at BEGIN.
  db.prepare('SELECT count(*) FROM items').get();
  return {
    db,
    close() {
      if (!db.open) return;
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}

/** Blobs up to this size are read in one go; bigger ones in slices, so memory stays flat for a 2 GB video. */
const WHOLE_BLOB_LIMIT = 16 * 1024 * 1024;
const BLOB_SLICE = 4 * 1024 * 1024;

export async function* blobChunks(db: Database.Database, sha256: string): AsyncGenerator<Buffer> {
  const size = db.prepare('SELECT length(data) FROM blobs WHERE sha256 = ?').pluck().get(sha256) as number | undefined;
  if (size === undefined) throw new Error(`The original ${sha256} is missing from the archive.`);
  if (size <= WHOLE_BLOB_LIMIT) {
    yield db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(sha256) as Buffer;
    return;
  }
  const slice = db.prepare('SELECT substr(data, ?, ?) FROM blobs WHERE sha256 = ?').pluck();
  for (let offset = 0; offset < size; offset += BLOB_SLICE) {
    yield slice.get(offset + 1, Math.min(BLOB_SLICE, size - offset), sha256) as Buffer;
  }
}

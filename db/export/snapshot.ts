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
  // An export reads every original once and never again: SQLite's own default cache (2 MB) is plenty, where the
  // 16 MB better-sqlite3 sets would only fill with blob pages.
  db.pragma('cache_size = -2000');
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
export const WHOLE_BLOB_LIMIT = 16 * 1024 * 1024;
const BLOB_SLICE = 4 * 1024 * 1024;

export interface BlobReader {
  /** The size of a stored blob's bytes; throws when the archive lacks it. */
  size(sha256: string): number;
  whole(sha256: string): Buffer;
  slices(sha256: string, size: number): Generator<Buffer>;
}

/** Reads blobs through statements prepared once. */
export function blobReader(db: Database.Database): BlobReader {
  const sizeOf = db.prepare('SELECT length(data) FROM blobs WHERE sha256 = ?').pluck();
  const whole = db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck();
  const slice = db.prepare('SELECT substr(data, ?, ?) FROM blobs WHERE sha256 = ?').pluck();
  return {
    size(sha256) {
      const size = sizeOf.get(sha256) as number | undefined;
      if (size === undefined) throw new Error(`The original ${sha256} is missing from the archive.`);
      return size;
    },
    whole: (sha256) => whole.get(sha256) as Buffer,
    *slices(sha256, size) {
      for (let offset = 0; offset < size; offset += BLOB_SLICE) {
        yield slice.get(offset + 1, Math.min(BLOB_SLICE, size - offset), sha256) as Buffer;
      }
    },
  };
}

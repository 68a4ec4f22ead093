// Appending to the hash-chained audit log. Each entry's hash covers the previous entry's hash, so removing or
// editing one breaks the chain; triggers in the schema already forbid UPDATE and DELETE on the table.
import { createHash } from 'node:crypto';
import type { Archive } from '../open';
import { prepared } from '../statements';
import { nowIso } from '../ids';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction =
  | 'create'
  | 'delete'
  | 'restore'
  | 'link'
  | 'unlink'
  | 'import'
  | 'case-create'
  | 'case-add'
  | 'edit'
  | 'restore-version'
  | 'purge'
  | 'case-export'
  | 'case-import'
  | 'search-save'
  | 'search-delete'
  | 'conflict-resolve'
  | 'entity-create'
  | 'entity-edit'
  | 'mention'
  | 'actor-add'
  | 'claim-add'
  | 'source-create'
  | 'grade'
  | 'suggest'
  | 'suggestion-decide';

export interface AuditEntry {
  action: AuditAction;
  itemId?: string | null;
  detail?: Record<string, unknown>;
}

export function auditHash(prevHash: string, at: string, action: string, itemId: string | null, detail: string): string {
  return createHash('sha256').update(JSON.stringify([prevHash, at, action, itemId, detail])).digest('hex');
}

/** Call inside the transaction of the change it records. */
export function appendAudit(archive: Archive, entry: AuditEntry): void {
  const last = prepared(archive.sqlite, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { hash: string }
    | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = nowIso();
  const itemId = entry.itemId ?? null;
  const detail = JSON.stringify(entry.detail ?? {});
  prepared(archive.sqlite, 'INSERT INTO audit_log (at, action, item_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
    .run(at, entry.action, itemId, detail, prevHash, auditHash(prevHash, at, entry.action, itemId, detail));
}

export interface AuditChainReport {
  entries: number;
  ok: boolean;
  firstBrokenSeq: number | null;
  /** Why the chain does not hold, in words; null when it holds. */
  problem?: string | null;
}

type AuditRow = { seq: number; at: string; action: string; itemId: string | null; detail: string; prevHash: string; hash: string };

/**
 * Recomputes every entry's hash (or only the last `tail` ones, for a quick check at start-up). Removing an entry
 * in the middle breaks the next entry's link; removing the newest ones leaves a gap below AUTOINCREMENT's
 * high-water mark, which SQLite keeps in sqlite_sequence.
 */
export function verifyAuditChain(archive: Archive, options: { tail?: number } = {}): AuditChainReport {
  const db = archive.sqlite;
  const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const skip = options.tail === undefined ? 0 : Math.max(0, total - options.tail);
  let prevHash = GENESIS_HASH;
  let expectedSeq: number | null = 1;
  if (skip > 0) {
    const before = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq LIMIT 1 OFFSET ?').get(skip - 1) as { seq: number; hash: string };
    prevHash = before.hash;
    expectedSeq = null; // the first checked entry's seq is only known relative to its predecessor
  }
  let entries = 0;
  let lastSeq = 0;
  const broken = (seq: number, problem: string): AuditChainReport => ({ entries, ok: false, firstBrokenSeq: seq, problem });
  const rows = db
    .prepare('SELECT seq, at, action, item_id AS itemId, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq LIMIT -1 OFFSET ?')
    .iterate(skip) as IterableIterator<AuditRow>;
  for (const row of rows) {
    entries++;
    if (expectedSeq !== null && row.seq !== expectedSeq) return broken(row.seq, `entries before ${row.seq} are missing`);
    if (row.prevHash !== prevHash) return broken(row.seq, `entry ${row.seq} does not follow the entry before it`);
    if (row.hash !== auditHash(prevHash, row.at, row.action, row.itemId, row.detail)) {
      return broken(row.seq, `entry ${row.seq} was changed after it was written`);
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    lastSeq = row.seq;
  }
  const highWater = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
  if (highWater && highWater.seq > lastSeq) {
    return broken(lastSeq + 1, `the newest entries (${lastSeq + 1} to ${highWater.seq}) were removed`);
  }
  return { entries, ok: true, firstBrokenSeq: null, problem: null };
}

// Appending to the hash-chained audit log. Each entry's hash covers the previous entry's hash, so removing or
// editing one breaks the chain; triggers in the schema already forbid UPDATE and DELETE on the table.
import { createHash } from 'node:crypto';
import type { Archive } from '../open';
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
  | 'case-add';

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
  const last = archive.sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { hash: string }
    | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = nowIso();
  const itemId = entry.itemId ?? null;
  const detail = JSON.stringify(entry.detail ?? {});
  archive.sqlite
    .prepare('INSERT INTO audit_log (at, action, item_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
    .run(at, entry.action, itemId, detail, prevHash, auditHash(prevHash, at, entry.action, itemId, detail));
}

export interface AuditChainReport {
  entries: number;
  ok: boolean;
  firstBrokenSeq: number | null;
}

export function verifyAuditChain(archive: Archive): AuditChainReport {
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const rows = archive.sqlite
    .prepare('SELECT seq, at, action, item_id AS itemId, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<{
    seq: number;
    at: string;
    action: string;
    itemId: string | null;
    detail: string;
    prevHash: string;
    hash: string;
  }>;
  for (const row of rows) {
    entries++;
    if (row.prevHash !== prevHash || row.hash !== auditHash(prevHash, row.at, row.action, row.itemId, row.detail)) {
      return { entries, ok: false, firstBrokenSeq: row.seq };
    }
    prevHash = row.hash;
  }
  return { entries, ok: true, firstBrokenSeq: null };
}

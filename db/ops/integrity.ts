// `dossier check`: proves the archive is whole. SQLite's own page checks, the full-text index against its
// content, foreign keys, every stored original re-hashed, the audit chain, and search in step with live items.
import { createHash } from 'node:crypto';
import type { CheckName, CheckReport, CheckResult } from '../../electron/contract';
import { nowIso } from '../ids';
import type { Archive } from '../open';
import { verifyAuditChain } from './audit';

/** Enough to act on; a broken archive can have thousands of problems and the report must stay readable. */
const MAX_PROBLEMS = 50;
/** The quick check at start-up re-verifies only the newest audit entries. */
const QUICK_AUDIT_TAIL = 200;

function result(name: CheckName, checked: number, problems: string[]): CheckResult {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`... and ${problems.length - MAX_PROBLEMS} more`);
  return { name, ok: problems.length === 0, checked, problems: shown };
}

/** A check that throws (a corrupt page, say) fails with the error as its problem rather than ending the report. */
export function guarded(name: CheckName, run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch (error) {
    return result(name, 0, [`the check could not run: ${(error as Error).message}`]);
  }
}

/** SQLite's own verdict ("ok", or one message per problem) as a check result. */
export function pageIntegrityResult(messages: string[], pages: number): CheckResult {
  return result('integrity', pages, messages.length === 1 && messages[0] === 'ok' ? [] : messages);
}

function pageIntegrity(archive: Archive, quick: boolean): CheckResult {
  const rows = archive.sqlite.pragma(quick ? 'quick_check' : 'integrity_check') as Record<string, string>[];
  const pages = archive.sqlite.pragma('page_count', { simple: true }) as number;
  return pageIntegrityResult(rows.map((row) => Object.values(row)[0] ?? ''), pages);
}

function searchIndexIntegrity(archive: Archive): CheckResult {
  const db = archive.sqlite;
  const docs = (db.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n;
  const indexes = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name")
    .all() as { name: string }[];
  const problems: string[] = [];
  for (const { name } of indexes) {
    try {
      // rank 1 also compares the index with its external content table (search_docs).
      db.prepare(`INSERT INTO "${name}"("${name}", rank) VALUES ('integrity-check', 1)`).run();
    } catch (error) {
      problems.push(`the full-text index ${name} does not match its content: ${(error as Error).message}`);
    }
  }
  return result('searchIndex', docs, problems);
}

function foreignKeys(archive: Archive): CheckResult {
  const rows = archive.sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  const tables = (archive.sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  return result(
    'foreignKeys',
    tables,
    rows.map((row) => `${row.table} row ${row.rowid} points at a missing ${row.parent} row`),
  );
}

function originals(archive: Archive): CheckResult {
  const problems: string[] = [];
  let checked = 0;
  const rows = archive.sqlite.prepare('SELECT sha256, size, data FROM blobs').iterate() as IterableIterator<{
    sha256: string;
    size: number;
    data: Buffer;
  }>;
  for (const row of rows) {
    checked++;
    const actual = createHash('sha256').update(row.data).digest('hex');
    if (actual !== row.sha256) problems.push(`stored file ${row.sha256} now hashes to ${actual}: its bytes changed`);
    else if (row.data.byteLength !== row.size) problems.push(`stored file ${row.sha256} is ${row.data.byteLength} bytes, recorded ${row.size}`);
  }
  const dangling = archive.sqlite
    .prepare('SELECT a.item_id AS itemId, a.sha256 FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE b.sha256 IS NULL')
    .all() as { itemId: string; sha256: string }[];
  for (const row of dangling) problems.push(`item ${row.itemId} refers to a stored file ${row.sha256} that is missing`);
  return result('originals', checked, problems);
}

export function auditChainResult(archive: Archive, quick: boolean): CheckResult {
  const chain = verifyAuditChain(archive, quick ? { tail: QUICK_AUDIT_TAIL } : {});
  const problems = chain.ok ? [] : [`the audit log was altered: ${chain.problem ?? `entry ${chain.firstBrokenSeq}`}`];
  if (!quick) {
    // Every item's creation is recorded; an item with no entry at all was written behind the engine's back.
    const unrecorded = archive.sqlite
      .prepare('SELECT i.id FROM items i WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.item_id = i.id) LIMIT ?')
      .all(MAX_PROBLEMS + 1) as { id: string }[];
    for (const row of unrecorded) problems.push(`item ${row.id} has no entry in the audit log`);
  }
  return result('auditChain', chain.entries, problems);
}

function searchDocs(archive: Archive): CheckResult {
  const db = archive.sqlite;
  const live = (db.prepare('SELECT count(*) AS n FROM items WHERE deleted_at IS NULL').get() as { n: number }).n;
  const missing = db
    .prepare(
      'SELECT i.id FROM items i WHERE i.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.item_id = i.id) LIMIT ?',
    )
    .all(MAX_PROBLEMS + 1) as { id: string }[];
  const deleted = db
    .prepare('SELECT d.item_id AS id FROM search_docs d JOIN items i ON i.id = d.item_id WHERE i.deleted_at IS NOT NULL LIMIT ?')
    .all(MAX_PROBLEMS + 1) as { id: string }[];
  return result('searchDocs', live, [
    ...missing.map((row) => `item ${row.id} cannot be found by search: it is not indexed`),
    ...deleted.map((row) => `item ${row.id} is in the trash but still indexed`),
  ]);
}

export function checkArchive(archive: Archive, input: { quick?: boolean } = {}): CheckReport {
  const quick = input.quick ?? false;
  const checks = [
    guarded('integrity', () => pageIntegrity(archive, quick)),
    guarded('auditChain', () => auditChainResult(archive, quick)),
  ];
  if (!quick) {
    checks.push(
      guarded('searchIndex', () => searchIndexIntegrity(archive)),
      guarded('foreignKeys', () => foreignKeys(archive)),
      guarded('originals', () => originals(archive)),
      guarded('searchDocs', () => searchDocs(archive)),
    );
  }
  return { ok: checks.every((check) => check.ok), path: archive.path, quick, checkedAt: nowIso(), checks };
}

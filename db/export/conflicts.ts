// Conflicts left by case imports: both versions of an item side by side, and the investigator's choice between them.
import type { ConflictView, ResolvedConflict } from '../../electron/contract';
import { DossierError } from '../errors';
import { nowIso } from '../ids';
import type { Archive } from '../open';
import { appendAudit } from '../ops/audit';
import { ApplyContext, finishItem, recordSyncBase, replaceItemDocument, writeDependents } from './apply';
import { documentReader } from './document';
import type { ItemDocument } from './format';

interface ConflictRow {
  id: string;
  itemId: string;
  reason: ConflictView['reason'];
  detectedAt: string;
  caseFile: string;
  theirsHash: string;
  theirsDocument: string;
  alteredFiles: string | null;
  resolvedAt: string | null;
  resolution: ConflictView['resolution'];
}

const SELECT_CONFLICTS = `SELECT c.id, c.item_id AS itemId, c.reason, c.detected_at AS detectedAt, i.file_name AS caseFile,
  c.theirs_hash AS theirsHash, c.theirs_document AS theirsDocument, c.altered_files AS alteredFiles,
  c.resolved_at AS resolvedAt, c.resolution
  FROM merge_conflicts c JOIN case_imports i ON i.id = c.import_id`;

function differences(ours: ItemDocument | null, theirs: ItemDocument): string[] {
  if (!ours) return ['item'];
  const found: string[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const section of ['item', 'record'] as const) {
    const a = ours[section] ?? {};
    const b = theirs[section] ?? {};
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!same(a[key], b[key])) found.push(`${section}.${key}`);
    }
  }
  const claims = (doc: ItemDocument): unknown => [...doc.claims].sort((x, y) => String(x.id).localeCompare(String(y.id)));
  if (!same(claims(ours), claims(theirs))) found.push('claims');
  if (!same([...ours.tags].sort(), [...theirs.tags].sort())) found.push('tags');
  const files = (doc: ItemDocument): string[] => doc.attachments.map((a) => `${a.role}:${a.name}:${a.sha256}`).sort();
  if (!same(files(ours), files(theirs))) found.push('attachments');
  for (const table of [...new Set([...Object.keys(ours.related ?? {}), ...Object.keys(theirs.related ?? {})])].sort()) {
    if (!same(ours.related?.[table] ?? [], theirs.related?.[table] ?? [])) found.push(`related.${table}`);
  }
  return found;
}

function view(archive: Archive, row: ConflictRow): ConflictView {
  const ours = documentReader(archive.sqlite).itemDocument(row.itemId);
  const theirs = JSON.parse(row.theirsDocument) as ItemDocument;
  return {
    id: row.id,
    itemId: row.itemId,
    title: String(ours?.item.title ?? theirs.item.title ?? ''),
    reason: row.reason,
    detectedAt: row.detectedAt,
    caseFile: row.caseFile,
    ours,
    theirs,
    differences: differences(ours, theirs),
    alteredFiles: row.alteredFiles ? (JSON.parse(row.alteredFiles) as string[]) : null,
    resolvedAt: row.resolvedAt,
    resolution: row.resolution,
  };
}

export function listConflicts(archive: Archive, input: { includeResolved?: boolean | undefined; itemId?: string | undefined }): { conflicts: ConflictView[] } {
  const rows = archive.sqlite
    .prepare(
      `${SELECT_CONFLICTS} WHERE (@all = 1 OR c.resolved_at IS NULL) AND (@itemId IS NULL OR c.item_id = @itemId)
        ORDER BY c.detected_at, c.id`,
    )
    .all({ all: input.includeResolved ? 1 : 0, itemId: input.itemId ?? null }) as ConflictRow[];
  return { conflicts: rows.map((row) => view(archive, row)) };
}

/**
 * "ours" keeps the archive's version; "theirs" puts the case file's version in its place. Either way the choice
 * is recorded as the item's exchange base, so the same incoming version does not conflict again.
 */
export function resolveConflict(archive: Archive, input: { id: string; keep: 'ours' | 'theirs' }): ResolvedConflict {
  return archive.sqlite.transaction((): ResolvedConflict => {
    const row = archive.sqlite.prepare(`${SELECT_CONFLICTS} WHERE c.id = ?`).get(input.id) as ConflictRow | undefined;
    if (!row) throw new DossierError('NOT_FOUND', `No conflict with id "${input.id}".`);
    if (row.resolvedAt) throw new DossierError('CONFLICT', `The conflict ${row.id} was already resolved (kept ${row.resolution}) on ${row.resolvedAt}.`);
    const context = new ApplyContext(archive);
    const now = nowIso();
    if (input.keep === 'theirs') {
      const theirs = JSON.parse(row.theirsDocument) as ItemDocument;
      const previous = documentReader(archive.sqlite).itemDocument(row.itemId);
      // The version given up is kept in the ledger of the import that brought the conflict.
      archive.sqlite
        .prepare('UPDATE case_import_items SET previous_document = ? WHERE import_id = (SELECT import_id FROM merge_conflicts WHERE id = ?) AND item_id = ?')
        .run(previous ? JSON.stringify(previous) : null, row.id, row.itemId);
      replaceItemDocument(context, theirs);
      writeDependents(context, theirs);
      finishItem(context, theirs.id);
      appendAudit(archive, {
        action: 'conflict-resolve',
        itemId: row.itemId,
        detail: { conflictId: row.id, kept: 'theirs', replacedContentHash: previous?.contentHash ?? null, contentHash: row.theirsHash },
      });
    } else {
      appendAudit(archive, { action: 'conflict-resolve', itemId: row.itemId, detail: { conflictId: row.id, kept: 'ours', declinedContentHash: row.theirsHash } });
    }
    if (row.reason === 'both-changed') recordSyncBase(archive, row.itemId, row.theirsHash, now);
    archive.sqlite.prepare('UPDATE merge_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(now, input.keep, row.id);
    return { id: row.id, itemId: row.itemId, kept: input.keep, warnings: context.warnings };
  })();
}

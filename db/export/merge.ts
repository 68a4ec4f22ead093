// Importing a case file: verify it, then merge it by id into the open archive. New items are added, identical ones
// skipped, items changed only on the sender's side brought up to date, and items changed on both sides kept in
// both versions as conflicts for the investigator. Originals deduplicate by hash; links, case membership, sources
// and tags merge; the sender's history is kept as imported history beside ours. A case file that fails
// verification is refused, unless forced, and then every item it touches that was altered is flagged.
import { basename } from 'node:path';
import { z } from 'zod';
import type { CaseImportReport, CaseItemRef } from '../../electron/contract';
import { DossierError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { appendAudit, auditHash } from '../ops/audit';
import { deleteItem } from '../ops/items';
import { prepared } from '../statements';
import { ApplyContext, finishItem, insertItemDocument, mergeParentRows, recordSyncBase, replaceItemDocument, writeDependents } from './apply';
import { contentHash, documentReader } from './document';
import {
  AUDIT_PATH,
  CASE_PATH,
  ENTITIES_PATH,
  LINKS_PATH,
  SHA256_PATTERN,
  classifyPath,
  type AuditDocumentEntry,
  type ItemDocument,
  type ReaderLimits,
  type Row,
} from './format';
import { CaseZip, EntryBytes } from './reader';
import { verifyZip, type VerificationReport } from './verify';

/** The tag an item gets when it arrived from a case file whose bytes did not match their hashes (import --force). */
export const ALTERED_TAG = 'altered-in-transit';

const row = z.record(z.string(), z.unknown());
const itemDocumentSchema = z.object({
  id: z.string(),
  type: z.string(),
  contentHash: z.string().optional(),
  base: z.string().nullable().optional(),
  item: row,
  record: row.nullable(),
  claims: z.array(row),
  tags: z.array(z.string()),
  attachments: z.array(
    z.looseObject({ sha256: z.string().regex(SHA256_PATTERN), role: z.string(), name: z.string(), size: z.number(), media_type: z.string(), path: z.string() }),
  ),
});
const caseDocumentSchema = z.object({
  case: row,
  items: z.array(z.object({ item_id: z.string(), added_at: z.string() })),
  // Written since Dossier 0.1 (format version 1 still: readers that do not know it ignore it).
  deleted: z.array(z.object({ item_id: z.string(), deleted_at: z.string(), base: z.string().nullable() })).optional(),
});
const linksDocumentSchema = z.object({ links: z.array(row) });
const entitiesDocumentSchema = z.object({ sources: z.array(row), tags: z.array(row), tables: z.record(z.string(), z.array(row)).optional() });
const auditDocumentSchema = z.object({
  entries: z.array(
    z.object({
      origin: z.enum(['local', 'imported']),
      seq: z.number(),
      at: z.string(),
      action: z.string(),
      item_id: z.string().nullable(),
      detail: z.string(),
      prev_hash: z.string(),
      hash: z.string(),
    }),
  ),
});

export interface ImportCaseInput {
  path: string;
  force?: boolean | undefined;
}

/** One JSON document of the case file, from the bytes verification kept or else from the zip; a damaged one is fatal
 * unless forced, and then a warning. */
async function readDocument<T>(
  zip: CaseZip,
  captured: Map<string, Buffer>,
  path: string,
  schema: z.ZodType<T>,
  fallback: T,
  forced: boolean,
  warnings: string[],
): Promise<T> {
  try {
    const bytes = captured.get(path) ?? (zip.has(path) ? await zip.read(path) : null);
    if (!bytes) throw new Error('it is missing');
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) throw new Error(`it does not follow the format (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return parsed.data;
  } catch (error) {
    if (error instanceof DossierError) throw error;
    const message = `${path} could not be read: ${(error as Error).message}.`;
    if (!forced) throw new DossierError('CASE_FILE_ALTERED', `${message} Nothing was imported.`);
    warnings.push(`${message} Its contents were left out.`);
    return fallback;
  }
}

function refusal(report: VerificationReport): DossierError {
  const bad = report.files.filter((file) => file.status !== 'ok');
  const named = bad.slice(0, 8).map((file) => `${file.path} (${file.status})`);
  const more = bad.length > named.length ? ` and ${bad.length - named.length} more` : '';
  const problems = report.problems.length ? ` ${report.problems.join('; ')}.` : '';
  return new DossierError(
    'CASE_FILE_ALTERED',
    `"${report.path}" does not match its manifest: ${named.join(', ') || 'see the problems listed'}${more}.${problems} Nothing was imported. ` +
      'Ask the sender for a fresh copy; to import it anyway with the altered items flagged, use --force.',
  );
}

const refOf = (doc: ItemDocument): CaseItemRef => ({ id: doc.id, type: doc.type, title: String(doc.item.title ?? '') });

/** Content-addressed bytes this import wrote, removed again if the import as a whole does not go through. */
class StoredOriginals {
  readonly inserted = new Set<string>();
  private readonly insert;
  private readonly exists;

  constructor(private readonly archive: Archive) {
    this.insert = archive.sqlite.prepare('INSERT OR IGNORE INTO blobs (sha256, size, media_type, data, created_at) VALUES (?, ?, ?, ?, ?)');
    this.exists = archive.sqlite.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  }

  has(sha256: string): boolean {
    return this.exists.get(sha256) !== undefined;
  }

  store(sha256: string, bytes: Buffer, mediaType: string): void {
    if (this.insert.run(sha256, bytes.length, mediaType, bytes, nowIso()).changes > 0) this.inserted.add(sha256);
  }

  /** Bytes alone harm nothing, but an import that did not happen leaves none behind. */
  rollBack(): void {
    const orphan = this.archive.sqlite.prepare('DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)');
    this.archive.sqlite.transaction(() => {
      for (const sha of this.inserted) orphan.run(sha, sha);
    })();
  }
}

/**
 * The connection's settings while originals stream in. Their pages pass through SQLite's page cache once and are
 * not read again during the import, so SQLite's own default cache (2 MB) is enough; the 16 MB better-sqlite3 sets
 * would only fill with pages nobody needs. Every checkpoint syncs the disk twice, so the WAL is checkpointed every
 * 8,192 pages (32 MB of 4 KB pages) rather than every 1,000: 200 MB of originals cost a dozen syncs, not a hundred.
 */
const WHILE_STORING_ORIGINALS = { cache_size: -2000, wal_autocheckpoint: 8192 };

/** Runs `work` with WHILE_STORING_ORIGINALS, then puts the usual settings back for the merge that follows. */
async function whileStoringOriginals<T>(archive: Archive, work: () => Promise<T>): Promise<T> {
  const db = archive.sqlite;
  const usual = Object.keys(WHILE_STORING_ORIGINALS).map((name) => [name, db.pragma(name, { simple: true })] as const);
  for (const [name, value] of Object.entries(WHILE_STORING_ORIGINALS)) db.pragma(`${name} = ${value}`);
  try {
    return await work();
  } finally {
    for (const [name, value] of usual) db.pragma(`${name} = ${String(value)}`);
  }
}

export async function importCase(archive: Archive, input: ImportCaseInput, limits?: ReaderLimits): Promise<CaseImportReport> {
  const forced = input.force === true;
  const zip = await CaseZip.open(input.path, limits);
  const originals = new StoredOriginals(archive);
  try {
    // One pass over the zip: every file is hashed; the JSON documents and the originals this archive lacks are
    // kept as they go by, an original only once its bytes matched its name, one original in memory at a time.
    const captured = new Map<string, Buffer>();
    const presentBefore = new Set<string>();
    // Item documents come before the originals in a case file, so each original's media type is known by then.
    const mediaTypes = new Map<string, string>();
    const { report: verification, manifest } = await whileStoringOriginals(archive, () => verifyZip(zip, {
      capture(path) {
        const kind = classifyPath(path);
        if (kind?.kind !== 'blob') return kind !== null && kind.kind !== 'item-page' && path.endsWith('.json');
        if (originals.has(kind.sha256)) {
          presentBefore.add(kind.sha256);
          return false;
        }
        return true;
      },
      matched(path, bytes) {
        const kind = classifyPath(path);
        if (kind?.kind === 'blob') {
          originals.store(kind.sha256, bytes, mediaTypes.get(kind.sha256) ?? 'application/octet-stream');
          return;
        }
        captured.set(path, bytes);
        if (kind?.kind !== 'item-json') return;
        try {
          const doc = JSON.parse(bytes.toString('utf8')) as Partial<ItemDocument>;
          for (const attachment of doc.attachments ?? []) if (typeof attachment.media_type === 'string') mediaTypes.set(attachment.sha256, attachment.media_type);
        } catch {
          // Malformed documents are reported when they are read below.
        }
      },
    }));
    if (!verification.ok && !forced) throw refusal(verification);
    const statusOf = new Map(verification.files.map((file) => [file.path, file.status]));
    const damaged = (path: string): boolean => {
      const status = statusOf.get(path);
      return status === 'altered' || status === 'missing';
    };
    const warnings: string[] = [];

    const docs: ItemDocument[] = [];
    const flaggedFiles = new Map<string, string[]>();
    const flag = (id: string, path: string): void => {
      const files = flaggedFiles.get(id) ?? [];
      if (!files.includes(path)) files.push(path);
      flaggedFiles.set(id, files);
    };
    for (const file of manifest.files) {
      const kind = classifyPath(file.path);
      if (kind?.kind === 'item-page' && damaged(file.path)) flag(kind.itemId, file.path);
      if (kind?.kind !== 'item-json') continue;
      const doc = await readDocument<ItemDocument | null>(zip, captured, file.path, itemDocumentSchema as z.ZodType<ItemDocument>, null, forced, warnings);
      if (!doc) continue;
      if (doc.id !== kind.itemId) {
        if (!forced) throw refusal({ ...verification, problems: [...verification.problems, `${file.path} holds the item ${doc.id}`] });
        warnings.push(`${file.path} holds another item (${doc.id}); it was left out.`);
        continue;
      }
      if (damaged(file.path)) flag(doc.id, file.path);
      for (const attachment of doc.attachments) if (damaged(attachment.path)) flag(doc.id, attachment.path);
      docs.push(doc);
    }
    const caseDocument = await readDocument(zip, captured, CASE_PATH, caseDocumentSchema, { case: { id: manifest.case.id, name: manifest.case.name }, items: [] }, forced, warnings);
    const linksDocument = await readDocument(zip, captured, LINKS_PATH, linksDocumentSchema, { links: [] }, forced, warnings);
    const entities = await readDocument(zip, captured, ENTITIES_PATH, entitiesDocumentSchema, { sources: [], tags: [] }, forced, warnings);
    const audit = await readDocument(zip, captured, AUDIT_PATH, auditDocumentSchema, { entries: [] }, forced, warnings);
    captured.clear();

    // Originals that did not match their names are kept only when forced, under the hash their bytes really have.
    const blobRemap = new Map<string, string>();
    let alreadyPresent = 0;
    const seen = new Set<string>();
    for (const doc of docs) {
      for (const attachment of doc.attachments) {
        if (seen.has(attachment.sha256)) continue;
        seen.add(attachment.sha256);
        if (presentBefore.has(attachment.sha256)) alreadyPresent++;
        if (originals.inserted.has(attachment.sha256)) continue;
        const kind = classifyPath(attachment.path);
        if (!forced || !damaged(attachment.path) || kind?.kind !== 'blob' || kind.sha256 !== attachment.sha256 || !zip.has(attachment.path)) continue;
        const kept = new EntryBytes(zip.sizeOf(attachment.path)!);
        let actual: string;
        try {
          actual = (await zip.hash(attachment.path, (chunk) => kept.add(chunk))).sha256;
        } catch {
          warnings.push(`"${attachment.path}" cannot be unpacked and was left out.`);
          continue;
        }
        blobRemap.set(attachment.sha256, actual);
        if (!originals.has(actual)) originals.store(actual, kept.bytes(), attachment.media_type);
      }
    }

    return archive.sqlite.transaction(() =>
      mergeDocuments(archive, {
        file: input.path,
        forced,
        verification,
        docs,
        flaggedFiles,
        blobRemap,
        caseDocument,
        links: linksDocument.links,
        entities,
        audit: audit.entries,
        warnings,
        originals: { added: originals.inserted.size, alreadyPresent },
      }),
    )();
  } catch (error) {
    originals.rollBack();
    throw error;
  } finally {
    zip.close();
  }
}

interface MergeInput {
  file: string;
  forced: boolean;
  verification: VerificationReport;
  docs: ItemDocument[];
  flaggedFiles: Map<string, string[]>;
  blobRemap: Map<string, string>;
  caseDocument: z.infer<typeof caseDocumentSchema>;
  links: Row[];
  entities: z.infer<typeof entitiesDocumentSchema>;
  audit: AuditDocumentEntry[];
  warnings: string[];
  originals: CaseImportReport['originals'];
}

function mergeSources(context: ApplyContext, sources: Row[]): void {
  for (const source of sources) {
    const id = String(source.id);
    const local = context.prepare('SELECT * FROM sources WHERE id = ?').get(id) as Row | undefined;
    if (local) {
      const differs = ['kind', 'name', 'domain', 'reliability', 'rationale'].some((key) => (local[key] ?? null) !== (source[key] ?? null));
      if (differs) context.warn(`The source "${String(source.name)}" differs between the case file and this archive; this archive's version was kept.`);
      continue;
    }
    const sameName = context.prepare('SELECT id FROM sources WHERE kind = ? AND name = ?').pluck().get(source.kind, source.name) as string | undefined;
    if (sameName) context.sourceIds.set(id, sameName);
    else context.insertRow('sources', source);
  }
}

function mergeCase(context: ApplyContext, caseRow: Row, fallbackName: string): { id: string; name: string } {
  const id = String(caseRow.id);
  const local = context.prepare('SELECT id, name FROM cases WHERE id = ?').get(id) as { id: string; name: string } | undefined;
  if (local) return local;
  let name = String(caseRow.name ?? fallbackName);
  if (context.prepare('SELECT 1 FROM cases WHERE name = ?').get(name)) {
    const renamed = `${name} (case file ${id.slice(0, 8)})`;
    context.warn(`This archive already has another case named "${name}"; the imported case is named "${renamed}".`);
    name = renamed;
  }
  context.insertRow('cases', { ...caseRow, id, name, created_at: caseRow.created_at ?? nowIso() });
  return { id, name };
}

function mergeDocuments(archive: Archive, input: MergeInput): CaseImportReport {
  const context = new ApplyContext(archive);
  const db = archive.sqlite;
  const now = nowIso();
  const importId = newId();
  const { verification } = input;
  const report: CaseImportReport = {
    importId,
    caseId: verification.caseId,
    caseName: verification.caseName,
    manifestSha256: verification.manifestSha256,
    verified: verification.ok,
    verification: {
      ok: verification.ok,
      counts: verification.counts,
      altered: verification.files.filter((f) => f.status === 'altered').map((f) => f.path),
      missing: verification.files.filter((f) => f.status === 'missing').map((f) => f.path),
      unexpected: verification.files.filter((f) => f.status === 'unexpected').map((f) => f.path),
      problems: verification.problems,
    },
    added: [],
    updated: [],
    skipped: [],
    conflicts: [],
    flagged: [],
    deletions: { trashed: [], kept: [] },
    links: { added: 0, skipped: 0, differing: [] },
    originals: input.originals,
    history: { imported: 0, alreadyPresent: 0, rejected: 0 },
    warnings: context.warnings,
  };
  for (const warning of input.warnings) context.warn(warning);
  db.prepare(
    'INSERT INTO case_imports (id, imported_at, file_name, manifest_sha256, case_id, case_name, forced, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(importId, now, basename(input.file), verification.manifestSha256, verification.caseId, verification.caseName, input.forced ? 1 : 0, '{}');

  for (const tag of input.entities.tags) if (typeof tag.name === 'string' && typeof tag.id === 'string') context.tagIds.set(tag.name, tag.id);
  mergeSources(context, input.entities.sources);
  mergeParentRows(context, input.entities.tables ?? {});
  const caseRef = mergeCase(context, { id: verification.caseId, name: verification.caseName, ...input.caseDocument.case }, verification.caseName);
  report.caseId = caseRef.id;
  report.caseName = caseRef.name;
  const addedAt = new Map(input.caseDocument.items.map((member) => [member.item_id, member.added_at]));

  const reader = documentReader(db);
  const localBase = db.prepare('SELECT content_hash FROM item_sync_bases WHERE item_id = ?').pluck();
  const openConflict = db.prepare('SELECT id FROM merge_conflicts WHERE item_id = ? AND theirs_hash = ? AND resolved_at IS NULL').pluck();
  const insertConflict = db.prepare(
    `INSERT INTO merge_conflicts (id, item_id, import_id, reason, detected_at, ours_hash, theirs_hash, theirs_document, altered_files)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ledger = db.prepare(
    'INSERT OR REPLACE INTO case_import_items (import_id, item_id, outcome, ours_hash, theirs_hash, previous_document) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const joinCase = db.prepare('INSERT OR IGNORE INTO case_items (case_id, item_id, added_at) VALUES (?, ?, ?)');

  const written: ItemDocument[] = [];
  for (const incoming of input.docs) {
    const alteredFiles = input.flaggedFiles.get(incoming.id) ?? null;
    // Altered originals are attached under the hash their bytes really have.
    const doc: ItemDocument = {
      ...incoming,
      attachments: incoming.attachments.map((a) => ({ ...a, sha256: input.blobRemap.get(a.sha256) ?? a.sha256 })),
      tags: alteredFiles && !incoming.tags.includes(ALTERED_TAG) ? [...incoming.tags, ALTERED_TAG] : incoming.tags,
    };
    const ref = refOf(doc);
    const theirsHash = contentHash(incoming);
    const ours = reader.itemDocument(doc.id);
    let outcome: 'added' | 'updated' | 'skipped' | 'conflict' | 'flagged';
    let previous: string | null = null;
    const conflict = (reason: 'both-changed' | 'altered'): void => {
      const existing = openConflict.get(doc.id, theirsHash) as string | undefined;
      const conflictId = existing ?? newId();
      if (!existing) {
        insertConflict.run(conflictId, doc.id, importId, reason, now, ours?.contentHash ?? null, theirsHash, JSON.stringify(doc), alteredFiles ? JSON.stringify(alteredFiles) : null);
      }
      report.conflicts.push({ ...ref, conflictId, reason });
    };
    try {
      if (!ours) {
        insertItemDocument(context, doc);
        written.push(doc);
        report.added.push(ref);
        outcome = 'added';
        if (alteredFiles) conflict('altered');
        else recordSyncBase(archive, doc.id, theirsHash, now);
      } else if (ours.contentHash === theirsHash) {
        report.skipped.push({ ...ref, reason: 'identical' });
        outcome = 'skipped';
        if (!alteredFiles) recordSyncBase(archive, doc.id, theirsHash, now);
      } else if (alteredFiles) {
        conflict('altered');
        outcome = 'conflict';
      } else if (incoming.base === ours.contentHash) {
        // They built on the version we still have: theirs is simply newer. Ours is kept in the import's ledger.
        previous = JSON.stringify(ours);
        replaceItemDocument(context, doc);
        written.push(doc);
        recordSyncBase(archive, doc.id, theirsHash, now);
        report.updated.push(ref);
        outcome = 'updated';
      } else if (localBase.get(doc.id) === theirsHash) {
        report.skipped.push({ ...ref, reason: 'ours-newer' });
        outcome = 'skipped';
      } else {
        conflict('both-changed');
        outcome = 'conflict';
      }
    } catch (error) {
      if (!(error instanceof DossierError) || error.code !== 'UNSUPPORTED_FORMAT') throw error;
      context.warn(`${error.message} It was left out.`);
      continue;
    }
    if (alteredFiles) report.flagged.push({ ...ref, files: alteredFiles });
    joinCase.run(caseRef.id, doc.id, addedAt.get(doc.id) ?? now);
    ledger.run(importId, doc.id, alteredFiles && outcome === 'added' ? 'flagged' : outcome, ours?.contentHash ?? null, theirsHash, previous);
    if (outcome !== 'skipped') appendAudit(archive, { action: 'case-import', itemId: doc.id, detail: { importId, outcome, contentHash: theirsHash, ...(alteredFiles ? { alteredFiles } : {}) } });
  }

  for (const doc of written) {
    writeDependents(context, doc);
    finishItem(context, doc.id);
  }
  mergeLinks(context, input.links, report, importId);
  applyDeletions(context, input.caseDocument.deleted ?? [], new Set(input.docs.map((doc) => doc.id)), report, importId);
  mergeHistory(archive, input.audit, report, importId);

  appendAudit(archive, {
    action: 'case-import',
    detail: {
      importId,
      caseId: caseRef.id,
      file: basename(input.file),
      manifestSha256: verification.manifestSha256,
      verified: verification.ok,
      added: report.added.length,
      updated: report.updated.length,
      skipped: report.skipped.length,
      conflicts: report.conflicts.length,
      flagged: report.flagged.length,
    },
  });
  db.prepare('UPDATE case_imports SET report = ?, case_id = ?, case_name = ? WHERE id = ?').run(JSON.stringify(report), caseRef.id, caseRef.name, importId);
  return report;
}

function mergeLinks(context: ApplyContext, links: Row[], report: CaseImportReport, importId: string): void {
  for (const link of links) {
    const id = String(link.id);
    const from = String(link.from_id);
    const to = String(link.to_id);
    if (!context.itemExists(from) || !context.itemExists(to) || from === to) {
      context.warn(`The link ${id} joins items that are not both in this archive; it was left out.`);
      continue;
    }
    const local = context.prepare('SELECT from_id, to_id, rel, note FROM links WHERE id = ?').get(id) as Row | undefined;
    if (local) {
      const same = local.from_id === from && local.to_id === to && local.rel === link.rel && (local.note ?? null) === (link.note ?? null);
      if (same) report.links.skipped++;
      else report.links.differing.push(id);
      continue;
    }
    if (context.prepare('SELECT 1 FROM links WHERE from_id = ? AND to_id = ? AND rel = ?').get(from, to, link.rel)) {
      report.links.skipped++;
      continue;
    }
    try {
      context.insertRow('links', link);
    } catch (error) {
      // A relation this version does not know fails the table's checks: say so rather than fail the import.
      context.warn(`The link ${id} (${String(link.rel)}) could not be stored: ${(error as Error).message}.`);
      continue;
    }
    report.links.added++;
    appendAudit(context.archive, { action: 'link', itemId: from, detail: { linkId: id, to, rel: link.rel, importId } });
  }
  if (report.links.differing.length) {
    context.warn(`${report.links.differing.length} links differ between the case file and this archive (their notes or ends); this archive's versions were kept.`);
  }
}

/**
 * Items the sender deleted (moved to their trash) go to this archive's trash too, restorable, but only when this
 * archive's copy is still the version the two last exchanged. One changed here since is kept, and the report says so.
 */
function applyDeletions(context: ApplyContext, tombstones: { item_id: string; deleted_at: string; base: string | null }[], arrived: Set<string>, report: CaseImportReport, importId: string): void {
  const reader = documentReader(context.db);
  const ledger = prepared(
    context.db,
    'INSERT OR REPLACE INTO case_import_items (import_id, item_id, outcome, ours_hash, theirs_hash, previous_document) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const tombstone of tombstones) {
    if (arrived.has(tombstone.item_id)) continue;
    const ours = reader.itemDocument(tombstone.item_id);
    if (!ours || ours.item.deleted_at) continue;
    const ref = refOf(ours);
    if (tombstone.base === null || ours.contentHash !== tombstone.base) {
      report.deletions.kept.push(ref);
      context.warn(`"${ref.title}" was deleted in the sender's archive on ${tombstone.deleted_at.slice(0, 10)}, but it changed here since the two last exchanged it; it was kept.`);
      continue;
    }
    deleteItem(context.archive, { id: ours.id });
    // Their hash is the version they deleted, which is ours.
    ledger.run(importId, ours.id, 'deleted', ours.contentHash, tombstone.base, JSON.stringify(ours));
    report.deletions.trashed.push(ref);
  }
}

/** The sender's history, each entry checked against its own hash; our own entries coming back are not duplicated. */
function mergeHistory(archive: Archive, entries: AuditDocumentEntry[], report: CaseImportReport, importId: string): void {
  const db = archive.sqlite;
  const ours = db.prepare('SELECT 1 FROM audit_log WHERE hash = ?');
  const insert = db.prepare(
    'INSERT OR IGNORE INTO imported_history (hash, import_id, origin_seq, at, action, item_id, detail, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const entry of entries) {
    if (auditHash(entry.prev_hash, entry.at, entry.action, entry.item_id, entry.detail) !== entry.hash) {
      report.history.rejected++;
      continue;
    }
    if (ours.get(entry.hash) || insert.run(entry.hash, importId, entry.seq, entry.at, entry.action, entry.item_id, entry.detail, entry.prev_hash).changes === 0) {
      report.history.alreadyPresent++;
    } else {
      report.history.imported++;
    }
  }
  if (report.history.rejected) report.warnings.push(`${report.history.rejected} history entries did not match their own hashes and were left out.`);
}

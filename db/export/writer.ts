// Writing a case file: one case of the archive as a zip (format version 1, see format.md), written front to back
// from a read-only snapshot, one file made at a time, originals read whole (the biggest a slice at a time), every
// file hashed once on its way into the zip.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CaseExportResult } from '../../electron/contract';
import { DossierError } from '../errors';
import type { Archive } from '../open';
import { appVersion } from '../ops/archive';
import { appendAudit } from '../ops/audit';
import { resolveCaseId } from '../ops/cases';
import { recordSyncBase } from './apply';
import { documentReader, encodeRow, foreignKeysOf, relatedTables, userTables, type RelatedTable } from './document';
import {
  AUDIT_PATH,
  CASE_FILE_FORMAT,
  CASE_FILE_FORMAT_VERSION,
  CASE_PATH,
  ENTITIES_PATH,
  INDEX_PATH,
  LINKS_PATH,
  MANIFEST_PATH,
  SUMS_PATH,
  blobPath,
  itemJsonPath,
  itemPagePath,
  type AuditDocumentEntry,
  type CaseDocument,
  type ItemDocument,
  type Manifest,
  type ManifestFile,
  type Row,
} from './format';
import { blobReader, openSnapshot, WHOLE_BLOB_LIMIT } from './snapshot';
import { indexEntryOf, indexPageParts, renderItemPage, type IndexEntry, type PageLink } from './viewer';
import { ZipWriter, type ZipLevel } from './zip-writer';

export interface ExportCaseInput {
  caseRef: string;
  outPath: string;
  /** Replace an existing file at outPath (otherwise refused). */
  overwrite?: boolean | undefined;
}

export type ExportCaseResult = CaseExportResult;

export interface ExportOptions {
  /** Fixes the time written into the manifest and the zip (for reproducible files such as the golden fixture). */
  createdAt?: string;
  onProgress?: (progress: { done: number; total: number }) => void;
}

const COMPRESSIBLE_MEDIA = /^(text\/|application\/(json|xml|xhtml\+xml|x-mimearchive)|message\/rfc822|image\/svg\+xml)/;
/** Documents and pages are deflated at zlib's usual level; text originals, many times their size, at the fastest. */
const DOCUMENT_LEVEL: ZipLevel = 6;
const TEXT_ORIGINAL_LEVEL: ZipLevel = 1;

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

function caseItemIds(db: Database.Database, caseId: string): string[] {
  return db
    .prepare(
      `SELECT ci.item_id FROM case_items ci JOIN items i ON i.id = ci.item_id
        WHERE ci.case_id = ? AND i.deleted_at IS NULL ORDER BY ci.item_id`,
    )
    .pluck()
    .all(caseId) as string[];
}

function auditTrail(db: Database.Database, caseId: string): AuditDocumentEntry[] {
  const local = db
    .prepare(
      `SELECT 'local' AS origin, seq, at, action, item_id, detail, prev_hash, hash FROM audit_log
        WHERE item_id IN (SELECT ci.item_id FROM case_items ci JOIN items i ON i.id = ci.item_id WHERE ci.case_id = @caseId AND i.deleted_at IS NULL)
           OR (item_id IS NULL AND json_valid(detail) AND json_extract(detail, '$.caseId') = @caseId)
        ORDER BY seq`,
    )
    .all({ caseId }) as AuditDocumentEntry[];
  const imported = db
    .prepare(
      `SELECT 'imported' AS origin, h.origin_seq AS seq, h.at, h.action, h.item_id, h.detail, h.prev_hash, h.hash
         FROM imported_history h
        WHERE h.item_id IN (SELECT ci.item_id FROM case_items ci JOIN items i ON i.id = ci.item_id WHERE ci.case_id = @caseId AND i.deleted_at IS NULL)
        ORDER BY h.at, h.origin_seq`,
    )
    .all({ caseId }) as AuditDocumentEntry[];
  return [...imported, ...local];
}

/** The rows items point at (entities...), and rows that belong to those (aliases...), by table. */
function parentRows(db: Database.Database, parents: Map<string, Map<string, Set<unknown>>>): Record<string, Row[]> {
  const tables: Record<string, Row[]> = {};
  const all = userTables(db);
  for (const [table, byColumn] of [...parents].sort(([a], [b]) => a.localeCompare(b))) {
    const rows: Row[] = [];
    const keys = new Set<unknown>();
    for (const [column, values] of byColumn) {
      const select = db.prepare(`SELECT * FROM "${table}" WHERE "${column}" = ?`);
      for (const value of [...values].sort()) {
        const found = select.get(value) as Record<string, unknown> | undefined;
        if (found) rows.push(encodeRow(found));
        keys.add(value);
      }
    }
    tables[table] = rows;
    for (const child of all) {
      if (child === 'items' || Object.prototype.hasOwnProperty.call(tables, child)) continue;
      const keysOfChild = foreignKeysOf(db, child);
      if (keysOfChild.some((key) => key.table === 'items')) continue;
      const toParent = keysOfChild.find((key) => key.table === table && key.on_delete.toUpperCase() === 'CASCADE');
      if (!toParent) continue;
      const select = db.prepare(`SELECT * FROM "${child}" WHERE "${toParent.from}" = ?`);
      tables[child] = [...keys].sort().flatMap((key) => (select.all(key) as Record<string, unknown>[]).map(encodeRow));
    }
  }
  return tables;
}

interface CaseBlob {
  sha256: string;
  isOriginal: number;
  mediaType: string;
}

type TitleRow = { id: string; type: string; title: string };

/** Everything about the case that is read before its first file is made. */
interface CaseContents {
  caseId: string;
  caseRow: Row;
  itemIds: string[];
  membership: CaseDocument['items'];
  deleted: CaseDocument['deleted'];
  blobs: CaseBlob[];
  originalShas: Set<string>;
  links: Row[];
  titles: Map<string, TitleRow>;
  audit: AuditDocumentEntry[];
}

function readCaseContents(db: Database.Database, caseId: string): CaseContents {
  const members = `SELECT ci.item_id FROM case_items ci JOIN items i ON i.id = ci.item_id WHERE ci.case_id = @caseId AND i.deleted_at IS NULL`;
  const blobs = db
    .prepare(
      `SELECT a.sha256, max(a.role = 'original') AS isOriginal, b.media_type AS mediaType FROM attachments a
         JOIN blobs b ON b.sha256 = a.sha256
        WHERE a.item_id IN (${members})
        GROUP BY a.sha256 ORDER BY a.sha256`,
    )
    .all({ caseId }) as CaseBlob[];
  const titles = db.prepare(`SELECT id, type, title FROM items WHERE id IN (${members})`).all({ caseId }) as TitleRow[];
  return {
    caseId,
    caseRow: db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Row,
    itemIds: caseItemIds(db, caseId),
    membership: db.prepare('SELECT item_id, added_at FROM case_items WHERE case_id = ? ORDER BY item_id').all(caseId) as CaseDocument['items'],
    deleted: db
      .prepare(
        `SELECT ci.item_id, i.deleted_at, s.content_hash AS base FROM case_items ci
           JOIN items i ON i.id = ci.item_id LEFT JOIN item_sync_bases s ON s.item_id = ci.item_id
          WHERE ci.case_id = ? AND i.deleted_at IS NOT NULL ORDER BY ci.item_id`,
      )
      .all(caseId) as CaseDocument['deleted'],
    blobs,
    originalShas: new Set(blobs.filter((blob) => blob.isOriginal).map((blob) => blob.sha256)),
    links: db.prepare(`SELECT * FROM links WHERE from_id IN (${members}) AND to_id IN (${members}) ORDER BY id`).all({ caseId }) as Row[],
    titles: new Map(titles.map((row) => [row.id, row])),
    audit: auditTrail(db, caseId),
  };
}

/** The sources, tags and other rows the item documents point at, gathered as the documents go by, for entities.json. */
class References {
  readonly sourceIds = new Set<string>();
  readonly tagNames = new Set<string>();
  /** Parent rows (entities...) the items' related rows point at: table -> key column -> values. */
  readonly parents = new Map<string, Map<string, Set<unknown>>>();

  constructor(private readonly related: RelatedTable[]) {}

  note(doc: ItemDocument): void {
    const sourceId = doc.record?.source_id;
    if (typeof sourceId === 'string') this.sourceIds.add(sourceId);
    for (const tag of doc.tags) this.tagNames.add(tag);
    for (const table of this.related) {
      for (const row of doc.related?.[table.table] ?? []) {
        for (const parent of table.parentColumns) {
          if (row[parent.column] === null || row[parent.column] === undefined) continue;
          this.parentKeys(parent.table, parent.to).add(row[parent.column]);
        }
      }
    }
  }

  entities(db: Database.Database): unknown {
    const sources = (db.prepare('SELECT * FROM sources ORDER BY id').all() as Row[]).filter((row) => this.sourceIds.has(String(row.id)));
    const tags = (db.prepare('SELECT * FROM tags ORDER BY name').all() as Row[]).filter((row) => this.tagNames.has(String(row.name)));
    return { sources: sources.map(encodeRow), tags: tags.map(encodeRow), tables: parentRows(db, this.parents) };
  }

  private parentKeys(table: string, column: string): Set<unknown> {
    const byColumn = this.parents.get(table) ?? new Map<string, Set<unknown>>();
    this.parents.set(table, byColumn);
    const values = byColumn.get(column) ?? new Set<unknown>();
    byColumn.set(column, values);
    return values;
  }
}

/** Rows by each item they concern, in their order. */
function byItem<T>(rows: T[], itemsOf: (row: T) => unknown[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    for (const id of new Set(itemsOf(row))) {
      if (typeof id !== 'string') continue;
      const list = grouped.get(id) ?? [];
      grouped.set(id, list);
      list.push(row);
    }
  }
  return grouped;
}

/** Renders the readable page of each item; links and history are sorted out by item once, not searched per page. */
function itemPageRenderer(db: Database.Database, contents: CaseContents): (doc: ItemDocument) => string {
  const sourceById = db.prepare('SELECT * FROM sources WHERE id = ?');
  const linksOf = byItem(contents.links, (link) => [link.from_id, link.to_id]);
  const historyOf = byItem(contents.audit, (entry) => [entry.item_id]);
  const caseName = String(contents.caseRow.name);
  return (doc) => {
    const pageLinks: PageLink[] = (linksOf.get(doc.id) ?? []).map((link) => {
      const out = link.from_id === doc.id;
      const otherId = String(out ? link.to_id : link.from_id);
      const other = contents.titles.get(otherId);
      return { rel: String(link.rel), direction: out ? 'out' : 'in', otherId, otherTitle: other?.title ?? otherId, otherType: other?.type ?? '', note: (link.note as string | null) ?? null };
    });
    const sourceId = doc.record?.source_id;
    const source = typeof sourceId === 'string' ? (sourceById.get(sourceId) as Row | undefined) : undefined;
    return renderItemPage({
      doc,
      caseName,
      links: pageLinks,
      titleOf: (otherId) => contents.titles.get(otherId)?.title ?? null,
      source: source ?? null,
      history: historyOf.get(doc.id) ?? [],
    });
  };
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Passes a file's pieces on, hashing and counting them on the way. */
class HashedChunks implements Iterable<Buffer> {
  size = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly chunks: Iterable<Buffer>) {}

  *[Symbol.iterator](): Generator<Buffer> {
    for (const chunk of this.chunks) {
      this.hash.update(chunk);
      this.size += chunk.length;
      yield chunk;
    }
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}

/** Text made in many small pieces, as UTF-8 in pieces of about a megabyte. */
function* utf8Chunks(parts: Iterable<string>): Generator<Buffer> {
  let pending: string[] = [];
  let length = 0;
  for (const part of parts) {
    pending.push(part);
    length += part.length;
    if (length < 1024 * 1024) continue;
    yield Buffer.from(pending.join(''));
    pending = [];
    length = 0;
  }
  if (pending.length > 0) yield Buffer.from(pending.join(''));
}

/** The zip being written and, in the same order, the files the manifest lists. */
class CaseFileOutput {
  readonly files: ManifestFile[] = [];

  constructor(
    readonly zip: ZipWriter,
    private readonly total: number,
    private readonly onProgress: ExportOptions['onProgress'],
  ) {}

  /** Adds a file Dossier made; returns its SHA-256. */
  async add(path: string, bytes: Buffer, level: ZipLevel = DOCUMENT_LEVEL): Promise<string> {
    const sha256 = sha256Of(bytes);
    this.record(path, sha256, bytes.length);
    await this.zip.addBuffer(path, bytes, level);
    return sha256;
  }

  /** Adds a file Dossier made in pieces, without ever holding it whole. */
  async addParts(path: string, parts: Iterable<string>): Promise<void> {
    const hashed = new HashedChunks(utf8Chunks(parts));
    await this.zip.addChunks(path, hashed, DOCUMENT_LEVEL);
    this.record(path, hashed.sha256(), hashed.size);
  }

  record(path: string, sha256: string, size: number): void {
    this.files.push({ path, sha256, size });
    this.onProgress?.({ done: this.files.length, total: this.total });
  }
}

/** A stored original that no longer matches its name is damage in this archive: never pass it on silently. */
function checkBlobHash(expected: string, actual: string): string {
  if (actual !== expected) throw new DossierError('INTERNAL', `The stored original ${expected} is damaged (its bytes hash to ${actual}); run a check of the archive.`);
  return actual;
}

/** Each blob is read from the archive once: hashed, checked against its name and handed to the zip. */
async function writeBlobs(db: Database.Database, contents: CaseContents, output: CaseFileOutput): Promise<void> {
  const blobs = blobReader(db);
  for (const blob of contents.blobs) {
    const path = blobPath(blob.sha256, contents.originalShas.has(blob.sha256));
    const level = COMPRESSIBLE_MEDIA.test(blob.mediaType) ? TEXT_ORIGINAL_LEVEL : 0;
    const size = blobs.size(blob.sha256);
    if (size <= WHOLE_BLOB_LIMIT) {
      const bytes = blobs.whole(blob.sha256);
      output.record(path, checkBlobHash(blob.sha256, sha256Of(bytes)), bytes.length);
      await output.zip.addBuffer(path, bytes, level);
      continue;
    }
    const slices = new HashedChunks(blobs.slices(blob.sha256, size));
    await output.zip.addChunks(path, slices, level);
    output.record(path, checkBlobHash(blob.sha256, slices.sha256()), slices.size);
  }
}

/** One JSON document and one readable page per item; returns the items' lines of the index page and their content hashes. */
async function writeItems(
  db: Database.Database,
  contents: CaseContents,
  output: CaseFileOutput,
  references: References,
): Promise<{ indexEntries: IndexEntry[]; sent: Map<string, string> }> {
  const reader = documentReader(db, contents.originalShas);
  const renderPage = itemPageRenderer(db, contents);
  const indexEntries: IndexEntry[] = [];
  const sent = new Map<string, string>();
  for (const id of contents.itemIds) {
    const doc = reader.itemDocument(id)!;
    references.note(doc);
    indexEntries.push(indexEntryOf(doc));
    sent.set(id, doc.contentHash!);
    await output.add(itemJsonPath(id), json(doc));
    await output.add(itemPagePath(id), Buffer.from(renderPage(doc)));
  }
  return { indexEntries, sent };
}

/** The case-wide files, then the manifest and SHA256SUMS, which list every file; returns the manifest's SHA-256. */
async function writeCaseWideFiles(db: Database.Database, contents: CaseContents, output: CaseFileOutput, references: References, index: { entries: IndexEntry[]; createdAt: string }): Promise<string> {
  const { caseRow, itemIds, links, audit } = contents;
  const inCase = new Set(itemIds);
  const items = contents.membership.filter((member) => inCase.has(member.item_id));
  await output.add(CASE_PATH, json({ case: encodeRow(caseRow), items, deleted: contents.deleted } satisfies CaseDocument));
  await output.add(LINKS_PATH, json({ links: links.map(encodeRow) }));
  await output.add(ENTITIES_PATH, json(references.entities(db)));
  await output.add(AUDIT_PATH, json({ entries: audit }));
  const { entries, createdAt } = index;
  await output.addParts(INDEX_PATH, indexPageParts({ caseRow, createdAt, appVersion: appVersion(), items: entries, linkCount: links.length, historyCount: audit.length }));
  const manifest: Manifest = {
    format: CASE_FILE_FORMAT,
    formatVersion: CASE_FILE_FORMAT_VERSION,
    appVersion: appVersion(),
    createdAt,
    case: { id: contents.caseId, name: String(caseRow.name) },
    itemCount: itemIds.length,
    files: [...output.files],
  };
  const manifestSha256 = await output.add(MANIFEST_PATH, json(manifest));
  await output.add(SUMS_PATH, Buffer.from(output.files.map((file) => `${file.sha256}  ${file.path}\n`).join('')));
  return manifestSha256;
}

export async function exportCase(archive: Archive, input: ExportCaseInput, options: ExportOptions = {}): Promise<ExportCaseResult> {
  const caseId = resolveCaseId(archive, input.caseRef);
  const outPath = input.outPath;
  if (existsSync(outPath) && !input.overwrite) {
    throw new DossierError('CONFLICT', `"${outPath}" already exists; choose another name or allow replacing it.`);
  }
  if (!existsSync(dirname(outPath))) throw new DossierError('NOT_FOUND', `The folder "${dirname(outPath)}" does not exist.`);

  const createdAt = options.createdAt ?? new Date().toISOString();
  const snapshot = openSnapshot(archive);
  const partial = join(dirname(outPath), `.${basename(outPath)}.partial-${process.pid}-${Date.now()}`);
  let zip: ZipWriter | null = null;
  try {
    const db = snapshot.db;
    const contents = readCaseContents(db, caseId);
    const { caseRow, itemIds } = contents;
    zip = await ZipWriter.create(partial, { mtime: new Date(createdAt) });
    const output = new CaseFileOutput(zip, itemIds.length * 2 + contents.blobs.length + 7, options.onProgress);
    const references = new References(relatedTables(db));

    const { indexEntries, sent } = await writeItems(db, contents, output, references);
    await writeBlobs(db, contents, output);
    const manifestSha256 = await writeCaseWideFiles(db, contents, output, references, { entries: indexEntries, createdAt });
    await zip.finish();
    snapshot.close();

    renameSync(partial, outPath);
    const files = output.files;
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    archive.sqlite.transaction(() => {
      // The receiver will hold exactly these versions: the bases of the next exchange (see format.md).
      for (const [id, hash] of sent) recordSyncBase(archive, id, hash, createdAt);
      appendAudit(archive, {
        action: 'case-export',
        detail: { caseId, file: basename(outPath), manifestSha256, items: itemIds.length },
      });
    })();
    return { path: outPath, caseId, caseName: String(caseRow.name), items: itemIds.length, files: files.length, bytes, manifestSha256 };
  } catch (error) {
    await zip?.abort();
    rmSync(partial, { force: true });
    throw error;
  } finally {
    snapshot.close();
  }
}

// Writing a case file: one case of the archive as a zip (format version 1, see format.md), streamed with yazl
// from a read-only snapshot, originals read a slice at a time, every file hashed on its way into the zip.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { CaseExportResult } from '../../electron/contract';
import { DossierError } from '../errors';
import type { Archive } from '../open';
import { appVersion } from '../ops/archive';
import { appendAudit } from '../ops/audit';
import { resolveCaseId } from '../ops/cases';
import { documentReader, encodeRow, foreignKeysOf, relatedTables, userTables } from './document';
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
import { blobChunks, openSnapshot } from './snapshot';
import { indexEntryOf, renderIndexPage, renderItemPage, type IndexEntry, type PageLink } from './viewer';

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

export async function exportCase(archive: Archive, input: ExportCaseInput, options: ExportOptions = {}): Promise<ExportCaseResult> {
  const caseId = resolveCaseId(archive, input.caseRef);
  const outPath = input.outPath;
  if (existsSync(outPath) && !input.overwrite) {
    throw new DossierError('CONFLICT', `"${outPath}" already exists; choose another name or allow replacing it.`);
  }
  if (!existsSync(dirname(outPath))) throw new DossierError('NOT_FOUND', `The folder "${dirname(outPath)}" does not exist.`);

  const createdAt = options.createdAt ?? new Date().toISOString();
  const mtime = new Date(createdAt);
  const snapshot = openSnapshot(archive);
  const partial = join(dirname(outPath), `.${basename(outPath)}.partial-${process.pid}-${Date.now()}`);
  try {
    const db = snapshot.db;
    const caseRow = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Row;
    const itemIds = caseItemIds(db, caseId);
    const inCase = new Set(itemIds);
    const membership = db.prepare('SELECT item_id, added_at FROM case_items WHERE case_id = ? ORDER BY item_id').all(caseId) as CaseDocument['items'];
    const blobs = db
      .prepare(
        `SELECT a.sha256, max(a.role = 'original') AS isOriginal, b.media_type AS mediaType FROM attachments a
           JOIN blobs b ON b.sha256 = a.sha256
          WHERE a.item_id IN (SELECT ci.item_id FROM case_items ci JOIN items i ON i.id = ci.item_id WHERE ci.case_id = ? AND i.deleted_at IS NULL)
          GROUP BY a.sha256 ORDER BY a.sha256`,
      )
      .all(caseId) as { sha256: string; isOriginal: number; mediaType: string }[];
    const originalShas = new Set(blobs.filter((blob) => blob.isOriginal).map((blob) => blob.sha256));
    const reader = documentReader(db, originalShas);
    const members = `SELECT ci.item_id FROM case_items ci JOIN items i ON i.id = ci.item_id WHERE ci.case_id = @caseId AND i.deleted_at IS NULL`;
    const links = db.prepare(`SELECT * FROM links WHERE from_id IN (${members}) AND to_id IN (${members}) ORDER BY id`).all({ caseId }) as Row[];
    const titles = new Map(
      (db.prepare(`SELECT id, type, title FROM items WHERE id IN (${members})`).all({ caseId }) as { id: string; type: string; title: string }[]).map((row) => [row.id, row]),
    );
    const audit = auditTrail(db, caseId);
    const sourceIds = new Set<string>();
    const tagNames = new Set<string>();
    const related = relatedTables(db);
    /** Parent rows (entities...) the items' related rows point at: table -> key column -> values. */
    const parents = new Map<string, Map<string, Set<unknown>>>();
    const indexEntries: IndexEntry[] = [];

    const zip = new yazl.ZipFile();
    const written = pipeline(zip.outputStream, createWriteStream(partial, { flags: 'wx' }));
    const files: ManifestFile[] = [];
    const total = itemIds.length * 2 + blobs.length + 7;
    let done = 0;
    const record = (path: string, sha256: string, size: number): void => {
      files.push({ path, sha256, size });
      options.onProgress?.({ done: ++done, total });
    };
    /** Adds a file whose bytes are made only when yazl reaches it, so at most one file is in memory at a time. */
    const addGenerated = (path: string, make: () => Buffer, compress = true): void => {
      zip.addReadStreamLazy(path, { mtime, compress }, (callback) => {
        try {
          const bytes = make();
          record(path, createHash('sha256').update(bytes).digest('hex'), bytes.length);
          callback(null, Readable.from([bytes]));
        } catch (error) {
          (zip.outputStream as unknown as Readable).destroy(error as Error);
        }
      });
    };

    let current: ItemDocument | null = null;
    for (const id of itemIds) {
      addGenerated(itemJsonPath(id), () => {
        current = reader.itemDocument(id)!;
        const sourceId = current.record?.source_id;
        if (typeof sourceId === 'string') sourceIds.add(sourceId);
        for (const tag of current.tags) tagNames.add(tag);
        for (const table of related) {
          for (const row of current.related?.[table.table] ?? []) {
            for (const parent of table.parentColumns) {
              if (row[parent.column] === null || row[parent.column] === undefined) continue;
              const byColumn = parents.get(parent.table) ?? new Map<string, Set<unknown>>();
              parents.set(parent.table, byColumn);
              const values = byColumn.get(parent.to) ?? new Set<unknown>();
              byColumn.set(parent.to, values);
              values.add(row[parent.column]);
            }
          }
        }
        indexEntries.push(indexEntryOf(current));
        return json(current);
      });
      addGenerated(itemPagePath(id), () => {
        const doc = current!;
        const pageLinks: PageLink[] = links
          .filter((link) => link.from_id === id || link.to_id === id)
          .map((link) => {
            const out = link.from_id === id;
            const otherId = String(out ? link.to_id : link.from_id);
            const other = titles.get(otherId);
            return { rel: String(link.rel), direction: out ? 'out' : 'in', otherId, otherTitle: other?.title ?? otherId, otherType: other?.type ?? '', note: (link.note as string | null) ?? null };
          });
        const sourceId = doc.record?.source_id;
        const source = typeof sourceId === 'string' ? (db.prepare('SELECT * FROM sources WHERE id = ?').get(sourceId) as Row | undefined) : undefined;
        const html = renderItemPage({
          doc,
          caseName: String(caseRow.name),
          links: pageLinks,
          titleOf: (otherId) => titles.get(otherId)?.title ?? null,
          source: source ?? null,
          history: audit.filter((entry) => entry.item_id === id),
        });
        current = null;
        return Buffer.from(html);
      });
    }

    for (const blob of blobs) {
      const path = blobPath(blob.sha256, originalShas.has(blob.sha256));
      const compress = COMPRESSIBLE_MEDIA.test(blob.mediaType);
      zip.addReadStreamLazy(path, { mtime, compress, compressionLevel: compress ? 1 : 0 }, (callback) => {
        const hash = createHash('sha256');
        let size = 0;
        async function* hashed(): AsyncGenerator<Buffer> {
          for await (const chunk of blobChunks(db, blob.sha256)) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
          const sha256 = hash.digest('hex');
          // A stored original that no longer matches its name is damage in this archive: never pass it on silently.
          if (sha256 !== blob.sha256) throw new DossierError('INTERNAL', `The stored original ${blob.sha256} is damaged (its bytes hash to ${sha256}); run a check of the archive.`);
          record(path, sha256, size);
        }
        const stream = Readable.from(hashed());
        // yazl does not watch the streams it is given: a failure must end the whole zip, not hang it.
        stream.once('error', (error) => (zip.outputStream as unknown as Readable).destroy(error));
        callback(null, stream);
      });
    }

    addGenerated(CASE_PATH, () => json({ case: encodeRow(caseRow), items: membership.filter((m) => inCase.has(m.item_id)) } satisfies CaseDocument));
    addGenerated(LINKS_PATH, () => json({ links: links.map(encodeRow) }));
    addGenerated(ENTITIES_PATH, () => {
      const sources = (db.prepare('SELECT * FROM sources ORDER BY id').all() as Row[]).filter((row) => sourceIds.has(String(row.id)));
      const tags = (db.prepare('SELECT * FROM tags ORDER BY name').all() as Row[]).filter((row) => tagNames.has(String(row.name)));
      return json({ sources: sources.map(encodeRow), tags: tags.map(encodeRow), tables: parentRows(db, parents) });
    });
    addGenerated(AUDIT_PATH, () => json({ entries: audit }));
    addGenerated(INDEX_PATH, () =>
      Buffer.from(
        renderIndexPage({ caseRow, createdAt, appVersion: appVersion(), items: indexEntries, linkCount: links.length, historyCount: audit.length }),
      ),
    );
    let manifestSha256 = '';
    addGenerated(MANIFEST_PATH, () => {
      const manifest: Manifest = {
        format: CASE_FILE_FORMAT,
        formatVersion: CASE_FILE_FORMAT_VERSION,
        appVersion: appVersion(),
        createdAt,
        case: { id: caseId, name: String(caseRow.name) },
        itemCount: itemIds.length,
        files: [...files],
      };
      const bytes = json(manifest);
      manifestSha256 = createHash('sha256').update(bytes).digest('hex');
      return bytes;
    });
    addGenerated(SUMS_PATH, () => Buffer.from(files.map((file) => `${file.sha256}  ${file.path}\n`).join('')));
    zip.end();
    await written;
    snapshot.close();

    renameSync(partial, outPath);
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    archive.sqlite.transaction(() =>
      appendAudit(archive, {
        action: 'case-export',
        detail: { caseId, file: basename(outPath), manifestSha256, items: itemIds.length },
      }),
    )();
    return { path: outPath, caseId, caseName: String(caseRow.name), items: itemIds.length, files: files.length, bytes, manifestSha256 };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    snapshot.close();
  }
}

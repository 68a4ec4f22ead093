// Writing an item document from a case file into the archive: as a new item, or in place of the local version
// (a fast-forward, or the investigator choosing "theirs" in a conflict). Columns are matched by name against the
// archive's own tables, so files from older or newer versions apply as far as the two schemas share columns.
import type Database from 'better-sqlite3';
import { DossierError } from '../errors';
import { newId } from '../ids';
import { minhashSignature, storeFingerprint } from '../import/fingerprint';
import type { Archive } from '../open';
import { prepared } from '../statements';
import { reindexItem } from '../search/index-item';
import { RECORD_TABLES, decodeValue, relatedTables, userTables, type RelatedTable } from './document';
import type { ItemDocument, Row } from './format';

export class ApplyContext {
  private readonly columns = new Map<string, Set<string>>();
  private readonly warned = new Set<string>();
  readonly warnings: string[] = [];
  /** Their source id -> ours, when a source with the same kind and name already had another id here. */
  readonly sourceIds = new Map<string, string>();
  /** Tag ids a case file proposes for new tags, by name. */
  readonly tagIds = new Map<string, string>();

  private readonly statements = new Map<string, Database.Statement>();
  private relatedCache: RelatedTable[] | null = null;

  constructor(readonly archive: Archive) {}

  /** Statements are prepared once per merge: a case of a thousand items runs the same few thousands of times. */
  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get related(): RelatedTable[] {
    this.relatedCache ??= relatedTables(this.db);
    return this.relatedCache;
  }

  get db(): Database.Database {
    return this.archive.sqlite;
  }

  warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnings.push(message);
  }

  columnsOf(table: string): Set<string> {
    let known = this.columns.get(table);
    if (!known) {
      known = new Set((this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name));
      this.columns.set(table, known);
    }
    return known;
  }

  /** Inserts the columns the archive knows; names come from the file, so only names found in the table are used. */
  insertRow(table: string, row: Row, conflict: 'abort' | 'ignore' | 'replace' = 'abort'): number {
    const known = this.columnsOf(table);
    const names = Object.keys(row).filter((name) => {
      if (known.has(name)) return true;
      this.warn(`The field "${name}" of ${table} is not known to this version of Dossier and was not stored.`);
      return false;
    });
    const verb = conflict === 'ignore' ? 'INSERT OR IGNORE' : conflict === 'replace' ? 'INSERT OR REPLACE' : 'INSERT';
    const sql = `${verb} INTO "${table}" (${names.map((name) => `"${name}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    return this.prepare(sql).run(...names.map((name) => decodeValue(row[name]))).changes;
  }

  updateRow(table: string, keyColumn: string, key: string, row: Row): void {
    const known = this.columnsOf(table);
    const names = Object.keys(row).filter((name) => name !== keyColumn && known.has(name));
    if (names.length === 0) return;
    const sql = `UPDATE "${table}" SET ${names.map((name) => `"${name}" = ?`).join(', ')} WHERE "${keyColumn}" = ?`;
    this.prepare(sql).run(...names.map((name) => decodeValue(row[name])), key);
  }

  notNullColumns(table: string): Set<string> {
    return new Set((this.prepare('SELECT name FROM pragma_table_info(?) WHERE "notnull" = 1').all(table) as { name: string }[]).map((row) => row.name));
  }

  itemExists(id: string): boolean {
    return this.prepare('SELECT 1 FROM items WHERE id = ?').get(id) !== undefined;
  }

  blobExists(sha256: string): boolean {
    return this.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256) !== undefined;
  }

  tagId(name: string): string {
    const existing = this.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as string | undefined;
    if (existing) return existing;
    const proposed = this.tagIds.get(name);
    const id = proposed && !this.prepare('SELECT 1 FROM tags WHERE id = ?').get(proposed) ? proposed : newId();
    this.prepare('INSERT INTO tags (id, name) VALUES (?, ?)').run(id, name);
    return id;
  }
}

function recordTable(doc: ItemDocument): string {
  const table = RECORD_TABLES[doc.type];
  if (!table) throw new DossierError('UNSUPPORTED_FORMAT', `The item ${doc.id} is of type "${doc.type}", which this version of Dossier does not know.`);
  return table;
}

/** Claims and records may point at items outside the case file; a pointer to nothing here is dropped, with a warning. */
function localReference(context: ApplyContext, doc: ItemDocument, what: string, id: unknown): unknown {
  if (typeof id !== 'string') return id;
  if (context.itemExists(id) || id === doc.id) return id;
  context.warn(`Item ${doc.id}: its ${what} ${id} is not in this archive or the case file; the reference was left out.`);
  return null;
}

/** The item's own rows: record, tags, attachments, fingerprint. Every item of a merge gets these first. */
function writeCore(context: ApplyContext, doc: ItemDocument): void {
  const table = recordTable(doc);
  if (doc.record) {
    const record: Row = { ...doc.record, item_id: doc.id };
    if (typeof record.source_id === 'string') {
      const sourceId = context.sourceIds.get(record.source_id) ?? record.source_id;
      const known = context.prepare('SELECT 1 FROM sources WHERE id = ?').get(sourceId) !== undefined;
      if (!known) context.warn(`Item ${doc.id}: its source ${record.source_id} is not in the case file; the reference was left out.`);
      record.source_id = known ? sourceId : null;
    }
    context.insertRow(table, record, 'replace');
  }
  for (const name of doc.tags) {
    context.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)').run(doc.id, context.tagId(name));
  }
  for (const attachment of doc.attachments) {
    if (!context.blobExists(attachment.sha256)) {
      context.warn(`Item ${doc.id}: the file "${attachment.name}" (${attachment.sha256}) is missing from the case file and was not attached.`);
      continue;
    }
    const { path: _path, size: _size, media_type: _mediaType, ...row } = attachment;
    context.insertRow('attachments', { ...row, item_id: doc.id }, 'ignore');
  }
  const body = doc.record?.body_text;
  if (doc.type === 'article' && typeof body === 'string') {
    const signature = minhashSignature(body);
    if (signature) storeFingerprint(context.archive, doc.id, signature);
  }
}

/**
 * Rows that may point at other items (claims and their sources, actors, grades...): written once every item of
 * the merge exists, so a claim whose source is another item of the same case file keeps its source.
 */
export function writeDependents(context: ApplyContext, doc: ItemDocument): void {
  for (const claim of doc.claims) {
    const row = { ...claim, incident_id: doc.id, source_item_id: localReference(context, doc, 'claim source', claim.source_item_id) };
    // A claim id already used by another item here is never taken over.
    if (context.insertRow('claims', row, 'ignore') === 0) context.warn(`Item ${doc.id}: its claim ${String(claim.id)} clashes with a claim of another item and was left out.`);
  }
  const tables = new Map(context.related.map((table) => [table.table, table]));
  for (const [name, rows] of Object.entries(doc.related ?? {})) {
    const table = tables.get(name);
    if (!table) {
      context.warn(`The case file holds rows of "${name}", which this version of Dossier does not keep; they were not stored.`);
      continue;
    }
    const notNull = context.notNullColumns(name);
    for (const incoming of rows) {
      const row: Row = { ...incoming, [table.ownerColumn]: doc.id };
      let usable = true;
      for (const column of table.itemColumns) {
        const value = localReference(context, doc, `${name}.${column}`, row[column]);
        if (value === null && row[column] !== null && row[column] !== undefined && notNull.has(column)) usable = false;
        row[column] = value;
      }
      for (const parent of table.parentColumns) {
        const value = row[parent.column];
        if (value === null || value === undefined) continue;
        const exists = context.prepare(`SELECT 1 FROM "${parent.table}" WHERE "${parent.to}" = ?`).get(value) !== undefined;
        if (!exists) {
          context.warn(`Item ${doc.id}: a row of ${name} points at ${parent.table} ${String(value)}, which is missing; the row was left out.`);
          usable = false;
        }
      }
      if (!usable) continue;
      if (context.insertRow(name, row, 'ignore') === 0) context.warn(`Item ${doc.id}: a row of ${name} clashes with a row already here and was left out.`);
    }
  }
}

/** A new item, without the rows that point at other items (see writeDependents). Inside the caller's transaction. */
export function insertItemDocument(context: ApplyContext, doc: ItemDocument): void {
  recordTable(doc);
  context.insertRow('items', { ...doc.item, id: doc.id, type: doc.type });
  writeCore(context, doc);
}

/** Replaces the local version of an item with the document's, part by part; then call writeDependents. */
export function replaceItemDocument(context: ApplyContext, doc: ItemDocument): void {
  recordTable(doc);
  context.updateRow('items', 'id', doc.id, { ...doc.item, type: doc.type });
  for (const table of Object.values(RECORD_TABLES)) context.prepare(`DELETE FROM ${table} WHERE item_id = ?`).run(doc.id);
  for (const table of context.related) context.prepare(`DELETE FROM "${table.table}" WHERE "${table.ownerColumn}" = ?`).run(doc.id);
  context.prepare('DELETE FROM claims WHERE incident_id = ?').run(doc.id);
  context.prepare('DELETE FROM item_tags WHERE item_id = ?').run(doc.id);
  context.prepare('DELETE FROM attachments WHERE item_id = ?').run(doc.id);
  context.prepare('DELETE FROM fingerprint_bands WHERE item_id = ?').run(doc.id);
  context.prepare('DELETE FROM text_fingerprints WHERE item_id = ?').run(doc.id);
  writeCore(context, doc);
}

/** After an item's rows are all written: its search entry. */
export function finishItem(context: ApplyContext, id: string): void {
  reindexItem(context.archive, id);
}

/** Rows of other tables that items' rows point at (entities and their aliases), merged by primary key; ours win. */
export function mergeParentRows(context: ApplyContext, tables: Record<string, Row[]>): void {
  const known = new Set(userTables(context.db));
  for (const [table, rows] of Object.entries(tables)) {
    if (!known.has(table)) {
      context.warn(`The case file holds rows of "${table}", which this version of Dossier does not keep; they were not stored.`);
      continue;
    }
    for (const row of rows) {
      try {
        if (context.insertRow(table, row, 'ignore') === 0) continue;
      } catch (error) {
        context.warn(`A row of ${table} could not be stored: ${(error as Error).message}.`);
      }
    }
  }
}

export function recordSyncBase(archive: Archive, itemId: string, contentHash: string, at: string): void {
  prepared(
    archive.sqlite,
    `INSERT INTO item_sync_bases (item_id, content_hash, recorded_at) VALUES (?, ?, ?)
     ON CONFLICT(item_id) DO UPDATE SET content_hash = excluded.content_hash, recorded_at = excluded.recorded_at`,
  ).run(itemId, contentHash, at);
}

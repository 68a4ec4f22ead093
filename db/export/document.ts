// An item as a case file carries it, read generically from its tables (SELECT *), so columns added to the schema
// later travel without changes here; and the content hash that tells identical, changed and conflicting items apart.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { blobPath, type AttachmentEntry, type ItemDocument, type Row } from './format';

/** The table holding each item type's own fields, keyed by item_id. */
export const RECORD_TABLES: Record<string, string> = {
  article: 'articles',
  statement: 'statements',
  incident: 'incidents',
  note: 'notes',
};

/** Bytes cannot go into JSON as they are: a byte column becomes {"$base64": "..."}. */
export function encodeRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = Buffer.isBuffer(value) ? { $base64: value.toString('base64') } : value;
  }
  return out;
}

export function decodeValue(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { $base64?: unknown }).$base64 === 'string') {
    return Buffer.from((value as { $base64: string }).$base64, 'base64');
  }
  return value;
}

/** Keys sorted, null and undefined fields left out: a column added later (null in old rows) keeps old hashes. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== null && field !== undefined) out[key] = canonical(field);
    }
    return out;
  }
  return value;
}

/**
 * SHA-256 over what the item says: its row, its own record, claims, tag names and attachment rows. The file
 * layout (attachment paths, blob sizes and media types) and the exchange bookkeeping (base) are left out.
 */
export function contentHash(document: Pick<ItemDocument, 'item' | 'record' | 'claims' | 'tags' | 'attachments' | 'related'>): string {
  const attachments = document.attachments.map((attachment) => {
    const { path: _path, size: _size, media_type: _mediaType, ...row } = attachment;
    return row;
  });
  const content = {
    item: document.item,
    record: document.record,
    claims: [...document.claims].sort((a, b) => String(a.id).localeCompare(String(b.id))),
    tags: [...document.tags].sort(),
    attachments: attachments.sort((a, b) => `${a.role}\u0000${a.name}\u0000${a.sha256}`.localeCompare(`${b.role}\u0000${b.name}\u0000${b.sha256}`)),
    related: Object.fromEntries(
      Object.entries(document.related ?? {})
        .filter(([, rows]) => rows.length > 0)
        .map(([table, rows]) => [table, sortRows(rows)]),
    ),
  };
  return createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}

/**
 * Tables that are not the item's own record but hang off one item (grades, actors, speakers, mentions...): any
 * table with a cascading foreign key to items, except those the format handles itself and those that are derived
 * (search index, fingerprints) or bookkeeping (history snapshots, exchange state, suggestions).
 */
const NOT_RELATED = new Set([
  ...Object.values(RECORD_TABLES),
  'claims', 'attachments', 'item_tags', 'case_items', 'links', 'search_docs', 'text_fingerprints', 'fingerprint_bands',
  'item_versions', 'item_sync_bases', 'merge_conflicts', 'case_import_items', 'imported_history', 'suggestions', 'wiki_links',
  'import_results',
]);

export interface RelatedTable {
  table: string;
  /** The column naming the item the row belongs to. */
  ownerColumn: string;
  /** Other columns pointing at items (a claim's or an actor's source): they may point outside the case file. */
  itemColumns: string[];
  /** Columns pointing at rows of other tables (entities...), which travel in entities.json. */
  parentColumns: { column: string; table: string; to: string }[];
}

interface ForeignKey {
  table: string;
  from: string;
  to: string | null;
  on_delete: string;
}

export function foreignKeysOf(db: Database.Database, table: string): ForeignKey[] {
  return db.prepare('SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)').all(table) as ForeignKey[];
}

export function userTables(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
}

export function relatedTables(db: Database.Database): RelatedTable[] {
  const related: RelatedTable[] = [];
  for (const table of userTables(db)) {
    if (NOT_RELATED.has(table)) continue;
    const keys = foreignKeysOf(db, table);
    const owner = keys.find((key) => key.table === 'items' && key.on_delete.toUpperCase() === 'CASCADE');
    if (!owner) continue;
    related.push({
      table,
      ownerColumn: owner.from,
      itemColumns: keys.filter((key) => key.table === 'items' && key !== owner).map((key) => key.from),
      parentColumns: keys.filter((key) => key.table !== 'items').map((key) => ({ column: key.from, table: key.table, to: key.to ?? 'id' })),
    });
  }
  return related;
}

const sortRows = (rows: Row[]): Row[] => rows.map((row) => [JSON.stringify(canonical(row)), row] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, row]) => row);

export interface DocumentReader {
  itemDocument(id: string): ItemDocument | null;
}

/** Prepared statements over one connection (the archive's own, or a read-only snapshot of it). */
export function documentReader(db: Database.Database, originalShas?: ReadonlySet<string>): DocumentReader {
  const itemRow = db.prepare('SELECT * FROM items WHERE id = ?');
  const records = new Map(Object.entries(RECORD_TABLES).map(([type, table]) => [type, db.prepare(`SELECT * FROM ${table} WHERE item_id = ?`)]));
  const claims = db.prepare('SELECT * FROM claims WHERE incident_id = ? ORDER BY id');
  const tags = db.prepare('SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name').pluck();
  const attachments = db.prepare(
    `SELECT a.*, b.size AS size, b.media_type AS media_type FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
      WHERE a.item_id = ? ORDER BY a.role, a.name, a.sha256`,
  );
  const base = db.prepare('SELECT content_hash FROM item_sync_bases WHERE item_id = ?').pluck();
  const related = relatedTables(db).map((table) => ({ table: table.table, rows: db.prepare(`SELECT * FROM "${table.table}" WHERE "${table.ownerColumn}" = ?`) }));
  return {
    itemDocument(id) {
      const item = itemRow.get(id) as Record<string, unknown> | undefined;
      if (!item) return null;
      const type = String(item.type);
      const record = (records.get(type)?.get(id) as Record<string, unknown> | undefined) ?? null;
      const body = {
        item: encodeRow(item),
        record: record ? encodeRow(record) : null,
        claims: (claims.all(id) as Record<string, unknown>[]).map(encodeRow),
        tags: tags.all(id) as string[],
        attachments: (attachments.all(id) as Record<string, unknown>[]).map((row) => {
          const entry = encodeRow(row) as AttachmentEntry;
          const isOriginal = originalShas ? originalShas.has(entry.sha256) : entry.role === 'original';
          entry.path = blobPath(entry.sha256, isOriginal);
          return entry;
        }),
        related: Object.fromEntries(
          related.map(({ table, rows }) => [table, sortRows((rows.all(id) as Record<string, unknown>[]).map(encodeRow))] as const).filter(([, rows]) => rows.length > 0),
        ),
      };
      return { id, type, contentHash: contentHash(body), base: (base.get(id) as string | undefined) ?? null, ...body };
    },
  };
}

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
export function contentHash(document: Pick<ItemDocument, 'item' | 'record' | 'claims' | 'tags' | 'attachments'>): string {
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
  };
  return createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}

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
      };
      return { id, type, contentHash: contentHash(body), base: (base.get(id) as string | undefined) ?? null, ...body };
    },
  };
}

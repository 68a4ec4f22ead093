// The write half of an import, on the one writer connection: the original bytes, the images, the item's rows,
// its fingerprint, index entry and audit entry, all in one transaction, so an item is either whole or absent.
import type Database from 'better-sqlite3';
import type { ItemType } from '../../electron/contract';
import { nowIso } from '../ids';
import type { Archive } from '../open';
import { prepared } from '../statements';
import { articles, attachments } from '../schema';
import { appendAudit } from '../ops/audit';
import { insertItem } from '../ops/items';
import { insertLink } from '../ops/links';
import { attachOutletSource } from '../ops/sources';
import { reindexItem } from '../search/index-item';
import { findNearDuplicate, minhashSignature, storeFingerprint } from './fingerprint';
import type { ParsedArticle } from './parsed';
import type { Prepared } from './prepare';

export type ImportOutcome =
  | { status: 'imported'; id: string; type: ItemType; title: string; possibleDuplicateOf?: { id: string; similarity: number } }
  | { status: 'duplicate'; id: string }
  | { status: 'failed'; error: string };

/** Takes the bare connection so that import workers can ask it on their read-only one. */
export function findOriginal(sqlite: Database.Database, sha256: string): string | null {
  const row = prepared(
    sqlite,
    `SELECT a.item_id AS id FROM attachments a JOIN items i ON i.id = a.item_id
      WHERE a.sha256 = ? AND a.role = 'original' ORDER BY i.deleted_at IS NOT NULL, i.created_at LIMIT 1`,
  ).get(sha256) as { id: string } | undefined;
  return row?.id ?? null;
}

function insertBlob(archive: Archive, sha256: string, bytes: Uint8Array, mediaType: string, at: string): void {
  prepared(archive.sqlite, 'INSERT OR IGNORE INTO blobs (sha256, size, media_type, data, created_at) VALUES (?, ?, ?, ?, ?)').run(sha256, bytes.byteLength, mediaType, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), at);
}

function storeArticle(archive: Archive, name: string, sha256: string, bytes: Uint8Array, parsed: ParsedArticle): ImportOutcome {
  const signature = minhashSignature(parsed.bodyText);
  const nearDuplicate = signature ? findNearDuplicate(archive, signature) : null;
  const now = nowIso();
  insertBlob(archive, sha256, bytes, parsed.mediaType, now);
  const itemId = insertItem(archive, 'article', parsed.title, parsed.language);
  archive.orm
    .insert(articles)
    .values({
      itemId,
      url: parsed.url,
      outlet: parsed.outlet,
      byline: parsed.byline,
      publishedAt: parsed.publishedAt,
      capturedAt: parsed.capturedAt,
      language: parsed.language,
      bodyText: parsed.bodyText,
      readableHtml: parsed.readableHtml ?? null,
    })
    .run();
  archive.orm.insert(attachments).values({ itemId, sha256, role: 'original', name, createdAt: now }).run();
  for (const image of parsed.images ?? []) {
    insertBlob(archive, image.sha256, image.bytes, image.mediaType, now);
    archive.orm
      .insert(attachments)
      .values({ itemId, sha256: image.sha256, role: 'image', name: image.name, createdAt: now })
      .onConflictDoNothing()
      .run();
  }
  if (signature) storeFingerprint(archive, itemId, signature);
  attachOutletSource(archive, itemId, parsed.outlet, parsed.url);
  reindexItem(archive, itemId);
  appendAudit(archive, { action: 'import', itemId, detail: { file: name, sha256, size: bytes.byteLength } });
  if (!nearDuplicate) return { status: 'imported', id: itemId, type: 'article', title: parsed.title };
  const similarity = Math.round(nearDuplicate.similarity * 100) / 100;
  insertLink(archive, { from: itemId, to: nearDuplicate.id, rel: 'possible-duplicate', note: `text similarity ${similarity}` });
  return { status: 'imported', id: itemId, type: 'article', title: parsed.title, possibleDuplicateOf: { id: nearDuplicate.id, similarity } };
}

export function commitPrepared(archive: Archive, prepared: Prepared): ImportOutcome {
  if (prepared.status !== 'parsed') return prepared;
  return archive.sqlite.transaction((): ImportOutcome => {
    // Two files of one batch may carry the same bytes: the second to arrive here is a duplicate.
    const duplicateOf = findOriginal(archive.sqlite, prepared.sha256);
    if (duplicateOf) return { status: 'duplicate', id: duplicateOf };
    return storeArticle(archive, prepared.name, prepared.sha256, prepared.bytes, prepared.parsed);
  })();
}

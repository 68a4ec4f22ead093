// Items in general: finding one by id, reading it whole, listing, soft delete and restore.
import type { ItemDetail, ItemList, ItemSummary, ItemType, LinkView, ListItemsInput } from '../../electron/contract';
import { DossierError, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { prepared } from '../statements';
import { items } from '../schema';
import { ITEM_DATE_SQL } from '../search/search';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { addRecordDetail } from './record-detail';
import { resolveCaseId } from './cases';

/** Accepts a full id or an unambiguous prefix of at least 8 characters (handy on the command line). */
export function resolveItemId(archive: Archive, ref: string): string {
  const exact = archive.sqlite.prepare('SELECT id FROM items WHERE id = ?').get(ref) as { id: string } | undefined;
  if (exact) return exact.id;
  if (ref.length >= 8 && /^[0-9a-f-]+$/i.test(ref)) {
    const matches = archive.sqlite
      .prepare("SELECT id FROM items WHERE id >= ? AND id < ? || 'g' LIMIT 2")
      .all(ref.toLowerCase(), ref.toLowerCase()) as { id: string }[];
    if (matches.length === 1) return matches[0]!.id;
    if (matches.length > 1) throw new DossierError('INVALID_INPUT', `"${ref}" matches more than one item; give more of the id.`);
  }
  throw notFound('item', ref);
}

export function insertItem(archive: Archive, type: ItemType, title: string, language?: string | null): string {
  const id = newId();
  const now = nowIso();
  archive.orm
    .insert(items)
    .values({ id, type, title, language: language ?? null, createdAt: now, updatedAt: now })
    .run();
  return id;
}

type ItemRow = Pick<ItemDetail, 'id' | 'type' | 'title' | 'language' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

function linksOf(archive: Archive, id: string): LinkView[] {
  return archive.sqlite
    .prepare(
      // Links to trashed items are kept (a restore brings them back) and shown with the item's deletedAt.
      `SELECT l.id AS linkId, l.to_id AS id, l.rel, 'out' AS direction, i.type, i.title, l.note, l.anchor_exact AS passage, i.deleted_at AS deletedAt
         FROM links l JOIN items i ON i.id = l.to_id WHERE l.from_id = @id
       UNION ALL
       SELECT l.id AS linkId, l.from_id AS id, l.rel, 'in' AS direction, i.type, i.title, l.note, l.anchor_exact AS passage, i.deleted_at AS deletedAt
         FROM links l JOIN items i ON i.id = l.from_id WHERE l.to_id = @id
       ORDER BY direction DESC, deletedAt, rel, title`,
    )
    .all({ id }) as LinkView[];
}

export function getItem(archive: Archive, input: { id: string }): ItemDetail {
  const db = archive.sqlite;
  const id = resolveItemId(archive, input.id);
  const row = db
    .prepare(
      'SELECT id, type, title, language, created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt FROM items WHERE id = ?',
    )
    .get(id) as ItemRow;
  const detail: ItemDetail = {
    ...row,
    tags: (
      db.prepare('SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name').all(id) as {
        name: string;
      }[]
    ).map((tag) => tag.name),
    cases: db
      .prepare('SELECT c.id, c.name FROM case_items ci JOIN cases c ON c.id = ci.case_id WHERE ci.item_id = ? ORDER BY c.name')
      .all(id) as { id: string; name: string }[],
    attachments: db
      .prepare(
        `SELECT a.sha256, b.size, b.media_type AS mediaType, a.role, a.name
           FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.item_id = ? ORDER BY a.role, a.name`,
      )
      .all(id) as ItemDetail['attachments'],
    links: linksOf(archive, id),
  };
  if (row.type === 'article') {
    detail.article = db
      .prepare(
        `SELECT url, outlet, byline, published_at AS publishedAt, captured_at AS capturedAt, language, body_text AS bodyText
           FROM articles WHERE item_id = ?`,
      )
      .get(id) as ItemDetail['article'];
  } else if (row.type === 'statement') {
    detail.statement = db
      .prepare(
        `SELECT speaker, role, organisation, stated_on AS date, venue, language, quote, translation
           FROM statements WHERE item_id = ?`,
      )
      .get(id) as ItemDetail['statement'];
  } else if (row.type === 'incident') {
    const incident = db
      .prepare(
        `SELECT date_start AS date, date_end AS dateEnd, date_precision AS datePrecision, place, admin_area AS adminArea,
                latitude, longitude, description FROM incidents WHERE item_id = ?`,
      )
      .get(id) as Omit<NonNullable<ItemDetail['incident']>, 'claims'>;
    const claims = db
      .prepare(
        `SELECT c.id, c.kind, c.value_number AS valueNumber, c.value_text AS valueText, c.source_item_id AS sourceItemId,
                s.title AS sourceTitle, c.note
           FROM claims c LEFT JOIN items s ON s.id = c.source_item_id WHERE c.incident_id = ? ORDER BY c.kind, c.created_at`,
      )
      .all(id) as NonNullable<ItemDetail['incident']>['claims'];
    detail.incident = { ...incident, claims };
  } else if (row.type === 'note') {
    const note = db.prepare('SELECT body_markdown AS body FROM notes WHERE item_id = ?').get(id) as { body: string };
    detail.note = note;
  }
  return addRecordDetail(archive, detail);
}

/**
 * Counting 100k live items costs as much as fetching a page; a list scrolled page by page asks the same count
 * again and again. Counts are kept until anything in the file changes (this connection's changes or another's).
 */
const counts = new WeakMap<Archive['sqlite'], { version: string; values: Map<string, number> }>();

function cachedCount(archive: Archive, key: string, count: () => number): number {
  const { changes } = prepared(archive.sqlite, 'SELECT total_changes() AS changes').get() as { changes: number };
  const version = `${archive.sqlite.pragma('data_version', { simple: true }) as number}:${changes}`;
  let entry = counts.get(archive.sqlite);
  if (!entry || entry.version !== version) {
    entry = { version, values: new Map() };
    counts.set(archive.sqlite, entry);
  }
  let value = entry.values.get(key);
  if (value === undefined) {
    value = count();
    entry.values.set(key, value);
  }
  return value;
}

export function listItems(archive: Archive, input: ListItemsInput): ItemList {
  const caseId = input.caseRef ? resolveCaseId(archive, input.caseRef) : null;
  const where = `i.deleted_at IS NULL AND (@type IS NULL OR i.type = @type)
    AND (@caseId IS NULL OR EXISTS (SELECT 1 FROM case_items ci WHERE ci.case_id = @caseId AND ci.item_id = i.id))`;
  const params = { type: input.type ?? null, caseId };
  const total = cachedCount(archive, JSON.stringify(params), () =>
    (archive.sqlite.prepare(`SELECT count(*) AS total FROM items i WHERE ${where}`).get(params) as { total: number }).total,
  );
  const rows = archive.sqlite
    .prepare(
      `SELECT i.id, i.type, i.title, ${ITEM_DATE_SQL} AS date, i.updated_at AS updatedAt
         FROM items i WHERE ${where} ORDER BY i.updated_at DESC, i.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit ?? 100, offset: input.offset ?? 0 }) as ItemSummary[];
  return { total, items: rows };
}

export function deleteItem(archive: Archive, input: { id: string }): { id: string; deletedAt: string } {
  return archive.sqlite.transaction(() => {
    const id = resolveItemId(archive, input.id);
    const deletedAt = nowIso();
    const changed = archive.sqlite
      .prepare('UPDATE items SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL')
      .run(deletedAt, deletedAt, id);
    if (changed.changes === 0) throw new DossierError('CONFLICT', `Item ${id} is already in the trash.`);
    reindexItem(archive, id);
    appendAudit(archive, { action: 'delete', itemId: id });
    return { id, deletedAt };
  })();
}

export function restoreItem(archive: Archive, input: { id: string }): { id: string } {
  return archive.sqlite.transaction(() => {
    const id = resolveItemId(archive, input.id);
    const changed = archive.sqlite
      .prepare('UPDATE items SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL')
      .run(nowIso(), id);
    if (changed.changes === 0) throw new DossierError('CONFLICT', `Item ${id} is not in the trash.`);
    reindexItem(archive, id);
    appendAudit(archive, { action: 'restore', itemId: id });
    return { id };
  })();
}

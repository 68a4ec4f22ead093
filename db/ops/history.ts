// Edits with history: every edit first keeps the item as it was (a snapshot in item_versions), then changes it,
// re-indexes it and appends an audit entry carrying digests of before and after. An earlier version can be
// restored, which is itself an edit (so nothing is ever overwritten without a trace).
import { createHash } from 'node:crypto';
import type { EditResult, ItemEdit, ItemHistory, ItemType, ItemVersion } from '../../electron/contract';
import { DossierError, notFound } from '../errors';
import { nowIso } from '../ids';
import type { Archive } from '../open';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { resolveItemId } from './items';
import { statementTitle } from './statements';
import { syncWikiLinks } from './wikilinks';

type Table = 'items' | 'notes' | 'statements' | 'incidents' | 'articles';
type FieldName = Exclude<keyof ItemEdit, 'id'>;
type FieldValue = string | number | null;
type FieldValues = Partial<Record<FieldName, FieldValue>>;

/** Where each editable field lives, per item type. An article's text and original are never editable. */
const EDITABLE: Record<ItemType, Partial<Record<FieldName, { table: Table; column: string }>>> = {
  note: { title: { table: 'items', column: 'title' }, body: { table: 'notes', column: 'body_markdown' } },
  statement: {
    title: { table: 'items', column: 'title' },
    speaker: { table: 'statements', column: 'speaker' },
    role: { table: 'statements', column: 'role' },
    organisation: { table: 'statements', column: 'organisation' },
    date: { table: 'statements', column: 'stated_on' },
    venue: { table: 'statements', column: 'venue' },
    language: { table: 'statements', column: 'language' },
    quote: { table: 'statements', column: 'quote' },
    translation: { table: 'statements', column: 'translation' },
    time: { table: 'statements', column: 'stated_at_time' },
  },
  incident: {
    title: { table: 'items', column: 'title' },
    date: { table: 'incidents', column: 'date_start' },
    place: { table: 'incidents', column: 'place' },
    description: { table: 'incidents', column: 'description' },
    adminArea: { table: 'incidents', column: 'admin_area' },
    dateEnd: { table: 'incidents', column: 'date_end' },
    datePrecision: { table: 'incidents', column: 'date_precision' },
    coordPrecision: { table: 'incidents', column: 'coord_precision' },
    latitude: { table: 'incidents', column: 'latitude' },
    longitude: { table: 'incidents', column: 'longitude' },
  },
  article: {
    title: { table: 'items', column: 'title' },
    outlet: { table: 'articles', column: 'outlet' },
    byline: { table: 'articles', column: 'byline' },
    published: { table: 'articles', column: 'published_at' },
    url: { table: 'articles', column: 'url' },
  },
};

/** Columns of the type's own table kept in a snapshot besides the editable ones (bodies of articles are not: they never change). */
const SNAPSHOT_SKIP = new Set(['body_text', 'readable_html']);

interface Snapshot {
  item: Record<string, unknown>;
  record: Record<string, unknown> | null;
  fields: FieldValues;
}

const keyColumn = (table: Table): string => (table === 'items' ? 'id' : 'item_id');

function itemType(archive: Archive, id: string): { type: ItemType; deletedAt: string | null } {
  return archive.sqlite.prepare('SELECT type, deleted_at AS deletedAt FROM items WHERE id = ?').get(id) as {
    type: ItemType;
    deletedAt: string | null;
  };
}

function readFields(archive: Archive, id: string, type: ItemType): FieldValues {
  const fields: FieldValues = {};
  for (const [name, where] of Object.entries(EDITABLE[type]) as [FieldName, { table: Table; column: string }][]) {
    const row = archive.sqlite.prepare(`SELECT ${where.column} AS value FROM ${where.table} WHERE ${keyColumn(where.table)} = ?`).get(id) as
      | { value: FieldValue }
      | undefined;
    fields[name] = row?.value ?? null;
  }
  return fields;
}

function takeSnapshot(archive: Archive, id: string, type: ItemType): Snapshot {
  const item = archive.sqlite.prepare('SELECT * FROM items WHERE id = ?').get(id) as Record<string, unknown>;
  const table = `${type}s` as Table;
  const row = archive.sqlite.prepare(`SELECT * FROM ${table} WHERE item_id = ?`).get(id) as Record<string, unknown> | undefined;
  const record = row ? Object.fromEntries(Object.entries(row).filter(([column]) => !SNAPSHOT_SKIP.has(column))) : null;
  return { item, record, fields: readFields(archive, id, type) };
}

const digest = (snapshot: Snapshot): string => createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');

function currentVersion(archive: Archive, id: string): number {
  const row = archive.sqlite.prepare('SELECT max(version) AS v FROM item_versions WHERE item_id = ?').get(id) as { v: number | null };
  return (row.v ?? 0) + 1;
}

function requestedFields(type: ItemType, input: FieldValues): FieldValues {
  const allowed = EDITABLE[type];
  const given = Object.entries(input).filter(([, value]) => value !== undefined) as [FieldName, FieldValue][];
  const foreign = given.filter(([name]) => !allowed[name]).map(([name]) => name);
  if (foreign.length > 0) {
    throw new DossierError(
      'INVALID_INPUT',
      `A ${type} has no editable field ${foreign.map((name) => `"${name}"`).join(', ')}; its editable fields are: ${Object.keys(allowed).join(', ')}.`,
    );
  }
  return Object.fromEntries(given) as FieldValues;
}

function applyFields(archive: Archive, id: string, type: ItemType, changes: FieldValues, now: string): void {
  const byTable = new Map<Table, Record<string, FieldValue>>([['items', { updated_at: now }]]);
  for (const [name, value] of Object.entries(changes) as [FieldName, FieldValue][]) {
    const where = EDITABLE[type][name]!;
    byTable.set(where.table, { ...byTable.get(where.table), [where.column]: value });
    if (type === 'statement' && name === 'language') byTable.set('items', { ...byTable.get('items'), language: value });
    if (type === 'incident' && name === 'date' && changes.datePrecision === undefined) byTable.set('incidents', { ...byTable.get('incidents'), date_precision: value ? 'day' : null });
  }
  for (const [table, columns] of byTable) {
    const names = Object.keys(columns);
    archive.sqlite
      .prepare(`UPDATE ${table} SET ${names.map((column) => `${column} = @${column}`).join(', ')} WHERE ${keyColumn(table)} = @__id`)
      .run({ ...columns, __id: id });
  }
}

/**
 * A place has both coordinates or neither. Coordinates given where there were none are taken as exact unless a
 * precision comes with them (as when an incident is recorded); cleared ones lose their precision too.
 */
function checkCoordinates(before: FieldValues, changes: FieldValues): void {
  if (changes.latitude === undefined && changes.longitude === undefined) return;
  const latitude = changes.latitude !== undefined ? changes.latitude : before.latitude;
  const longitude = changes.longitude !== undefined ? changes.longitude : before.longitude;
  if ((latitude === null || latitude === undefined) !== (longitude === null || longitude === undefined)) {
    throw new DossierError('INVALID_INPUT', 'A place needs both a latitude and a longitude; to remove the coordinates, clear both.');
  }
  if (changes.coordPrecision !== undefined) return;
  if (latitude === null && before.coordPrecision !== null) changes.coordPrecision = null;
  if (latitude !== null && before.latitude === null && before.coordPrecision === null) changes.coordPrecision = 'exact';
}

/** The one path every edit takes, inside the caller's transaction. */
function editItem(archive: Archive, id: string, wanted: FieldValues, audit: { action: 'edit' | 'restore-version'; restoredFrom?: number }): EditResult {
  const { type, deletedAt } = itemType(archive, id);
  if (deletedAt) throw new DossierError('CONFLICT', `Item ${id} is in the trash; restore it before editing it.`);
  const requested = requestedFields(type, wanted);
  const before = takeSnapshot(archive, id, type);
  const changes = Object.fromEntries(
    Object.entries(requested).filter(([name, value]) => before.fields[name as FieldName] !== value),
  ) as FieldValues;
  if (type === 'statement' && requested.title === undefined && (changes.speaker !== undefined || changes.quote !== undefined)) {
    // A title the engine derived from speaker and quote follows them; one the investigator wrote stays.
    const text = (value: FieldValue | undefined): string | undefined => (value === null || value === undefined ? undefined : String(value));
    const derived = statementTitle(text(before.fields.speaker) ?? '', text(before.fields.quote) ?? '');
    if (before.fields.title === derived) {
      const title = statementTitle(text(changes.speaker) ?? text(before.fields.speaker) ?? '', text(changes.quote) ?? text(before.fields.quote) ?? '');
      if (title !== before.fields.title) changes.title = title;
    }
  }
  if (type === 'incident') checkCoordinates(before.fields, changes);
  const version = currentVersion(archive, id);
  const changed = Object.keys(changes);
  if (changed.length === 0) return { id, version, changed };

  const now = nowIso();
  archive.sqlite
    .prepare('INSERT INTO item_versions (item_id, version, snapshot, at) VALUES (?, ?, ?, ?)')
    .run(id, version, JSON.stringify(before), now);
  applyFields(archive, id, type, changes, now);
  reindexItem(archive, id);
  if (type === 'note') syncWikiLinks(archive, id);
  const after = takeSnapshot(archive, id, type);
  appendAudit(archive, {
    action: audit.action,
    itemId: id,
    detail: {
      fields: changed,
      previousVersion: version,
      ...(audit.restoredFrom !== undefined ? { restoredFrom: audit.restoredFrom } : {}),
      before: digest(before),
      after: digest(after),
    },
  });
  return { id, version: version + 1, changed };
}

export function updateItem(archive: Archive, input: ItemEdit): EditResult {
  return archive.sqlite.transaction(() => {
    const { id: ref, ...fields } = input;
    return editItem(archive, resolveItemId(archive, ref), fields as FieldValues, { action: 'edit' });
  })();
}

function storedVersion(archive: Archive, id: string, version: number): { snapshot: Snapshot; at: string } {
  const row = archive.sqlite.prepare('SELECT snapshot, at FROM item_versions WHERE item_id = ? AND version = ?').get(id, version) as
    | { snapshot: string; at: string }
    | undefined;
  if (!row) throw notFound(`version ${version} of item`, id);
  return { snapshot: JSON.parse(row.snapshot) as Snapshot, at: row.at };
}

export function restoreVersion(archive: Archive, input: { id: string; version: number }): EditResult {
  return archive.sqlite.transaction(() => {
    const id = resolveItemId(archive, input.id);
    const { snapshot } = storedVersion(archive, id, input.version);
    return editItem(archive, id, snapshot.fields, { action: 'restore-version', restoredFrom: input.version });
  })();
}

export function itemHistory(archive: Archive, input: { id: string }): ItemHistory {
  const id = resolveItemId(archive, input.id);
  const rows = archive.sqlite
    .prepare('SELECT version, snapshot, at FROM item_versions WHERE item_id = ? ORDER BY version')
    .all(id) as { version: number; snapshot: string; at: string }[];
  const versions: ItemVersion[] = rows.map((row) => {
    const snapshot = JSON.parse(row.snapshot) as Snapshot;
    return { version: row.version, replacedAt: row.at, title: String(snapshot.item.title), fields: snapshot.fields as Record<string, string | number | null> };
  });
  const audit = archive.sqlite
    .prepare('SELECT seq, at, action, detail FROM audit_log WHERE item_id = ? ORDER BY seq')
    .all(id) as ItemHistory['audit'];
  return { id, currentVersion: versions.length + 1, versions, audit };
}

// Entities: the people, organisations and places an investigation is about, with their other names and
// spellings (in any script), the items confirmed to mention them, the statements they made and the incidents
// they took part in.
import type { EntityItemRef, EntityKind, EntityPage, EntitySummary, InputOf } from '../../electron/contract';
import { DossierError, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { ITEM_DATE_SQL } from '../search/search';
import { reindexItem } from '../search/index-item';
import { normaliseForSearch } from '../search/normalise';
import { appendAudit } from './audit';
import { resolveItemId } from './items';
import { sourceByName } from './sources';

interface EntityRow {
  id: string;
  kind: EntityKind;
  name: string;
  description: string | null;
  createdAt: string;
}

const ENTITY_COLUMNS = 'id, kind, name, description, created_at AS createdAt';

/** An entity by id, id prefix (8+), exact name or alias; a name shared by two entities must be given by id. */
export function resolveEntity(archive: Archive, ref: string): EntityRow {
  const db = archive.sqlite;
  const byId = db.prepare(`SELECT ${ENTITY_COLUMNS} FROM entities WHERE id = ?`).get(ref) as EntityRow | undefined;
  if (byId) return byId;
  if (ref.length >= 8 && /^[0-9a-f-]+$/i.test(ref)) {
    const prefixed = db
      .prepare(`SELECT ${ENTITY_COLUMNS} FROM entities WHERE id >= ? AND id < ? || 'g' LIMIT 2`)
      .all(ref.toLowerCase(), ref.toLowerCase()) as EntityRow[];
    if (prefixed.length === 1) return prefixed[0]!;
  }
  const named = entitiesNamed(archive, ref);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new DossierError('INVALID_INPUT', `"${ref}" names ${named.length} entities (${named.map((e) => `${e.kind} ${e.id}`).join(', ')}); give the id.`);
  }
  throw notFound('entity', ref);
}

/** Entities whose name or one of whose aliases equals `name`, ignoring case, accents and letter variants. */
export function entitiesNamed(archive: Archive, name: string, kind?: EntityKind): EntityRow[] {
  const wanted = normaliseForSearch(name).trim();
  if (!wanted) return [];
  const names = archive.sqlite
    .prepare(
      `SELECT e.id, e.name AS candidate FROM entities e WHERE @kind IS NULL OR e.kind = @kind
       UNION ALL SELECT e.id, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE @kind IS NULL OR e.kind = @kind`,
    )
    .all({ kind: kind ?? null }) as { id: string; candidate: string }[];
  const ids = [...new Set(names.filter((row) => normaliseForSearch(row.candidate).trim() === wanted).map((row) => row.id))];
  const byId = archive.sqlite.prepare(`SELECT ${ENTITY_COLUMNS} FROM entities WHERE id = ?`);
  return ids.map((id) => byId.get(id) as EntityRow);
}

export function aliasesOf(archive: Archive, entityId: string): string[] {
  return (archive.sqlite.prepare('SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias').all(entityId) as { alias: string }[]).map(
    (row) => row.alias,
  );
}

/** Inside a caller's transaction. */
export function insertEntity(archive: Archive, input: { kind: EntityKind; name: string; aliases?: string[] | undefined; description?: string | undefined }): string {
  const id = newId();
  const now = nowIso();
  archive.sqlite
    .prepare('INSERT INTO entities (id, kind, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, input.kind, input.name.trim(), input.description ?? null, now, now);
  insertAliases(archive, id, input.name, input.aliases ?? []);
  appendAudit(archive, { action: 'entity-create', itemId: null, detail: { entityId: id, kind: input.kind, name: input.name } });
  return id;
}

function insertAliases(archive: Archive, entityId: string, name: string, aliases: string[]): string[] {
  const added: string[] = [];
  const insert = archive.sqlite.prepare('INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)');
  for (const raw of aliases) {
    const alias = raw.trim();
    if (!alias || alias === name.trim()) continue;
    if (insert.run(entityId, alias).changes > 0) added.push(alias);
  }
  return added;
}

export function addEntity(archive: Archive, input: InputOf<'addEntity'>): { id: string } {
  return archive.sqlite.transaction(() => {
    const same = entitiesNamed(archive, input.name, input.kind);
    if (same.length > 0) {
      throw new DossierError('CONFLICT', `There is already a ${input.kind} named "${input.name}" (entity ${same[0]!.id}); add an alias to it instead.`);
    }
    return { id: insertEntity(archive, input) };
  })();
}

/** Items whose search text carries an entity's names: its mentions and the statements it made. */
function reindexEntityItems(archive: Archive, entityId: string): void {
  const rows = archive.sqlite
    .prepare(
      `SELECT item_id AS id FROM entity_mentions WHERE entity_id = @id
       UNION SELECT statement_id FROM statement_speakers WHERE entity_id = @id
       UNION SELECT incident_id FROM incident_actors WHERE entity_id = @id`,
    )
    .all({ id: entityId }) as { id: string }[];
  for (const row of rows) reindexItem(archive, row.id);
}

export function addAliases(archive: Archive, input: InputOf<'addAliases'>): { id: string; aliases: string[] } {
  return archive.sqlite.transaction(() => {
    const entity = resolveEntity(archive, input.ref);
    const added = insertAliases(archive, entity.id, entity.name, input.aliases);
    if (added.length > 0) {
      archive.sqlite.prepare('UPDATE entities SET updated_at = ? WHERE id = ?').run(nowIso(), entity.id);
      appendAudit(archive, { action: 'entity-edit', detail: { entityId: entity.id, aliasesAdded: added } });
      reindexEntityItems(archive, entity.id);
    }
    return { id: entity.id, aliases: aliasesOf(archive, entity.id) };
  })();
}

/** Inside a caller's transaction; true when the mention is new. */
export function insertMention(archive: Archive, entityId: string, itemId: string): boolean {
  const added = archive.sqlite
    .prepare('INSERT OR IGNORE INTO entity_mentions (entity_id, item_id, created_at) VALUES (?, ?, ?)')
    .run(entityId, itemId, nowIso()).changes > 0;
  if (added) {
    appendAudit(archive, { action: 'mention', itemId, detail: { entityId } });
    reindexItem(archive, itemId);
  }
  return added;
}

export function addMention(archive: Archive, input: InputOf<'addMention'>): { entityId: string; itemId: string } {
  return archive.sqlite.transaction(() => {
    const entity = resolveEntity(archive, input.entity);
    const itemId = resolveItemId(archive, input.item);
    insertMention(archive, entity.id, itemId);
    return { entityId: entity.id, itemId };
  })();
}

function summary(archive: Archive, row: EntityRow): EntitySummary {
  const { n } = archive.sqlite.prepare('SELECT count(*) AS n FROM entity_mentions WHERE entity_id = ?').get(row.id) as { n: number };
  return { id: row.id, kind: row.kind, name: row.name, aliases: aliasesOf(archive, row.id), mentions: n };
}

export function listEntities(archive: Archive, input: InputOf<'listEntities'>): { entities: EntitySummary[] } {
  const rows = archive.sqlite
    .prepare(`SELECT ${ENTITY_COLUMNS} FROM entities WHERE (@kind IS NULL OR kind = @kind) ORDER BY kind, name`)
    .all({ kind: input.kind ?? null }) as EntityRow[];
  const query = input.query ? normaliseForSearch(input.query).trim() : '';
  const matching = query
    ? rows.filter((row) => [row.name, ...aliasesOf(archive, row.id)].some((name) => normaliseForSearch(name).includes(query)))
    : rows;
  return { entities: matching.slice(0, input.limit ?? 500).map((row) => summary(archive, row)) };
}

const ITEM_REF_COLUMNS = `i.id, i.type, i.title, ${ITEM_DATE_SQL} AS date, i.deleted_at AS deletedAt`;

export function entityMentions(archive: Archive, input: InputOf<'entityMentions'>): { entityId: string; items: EntityItemRef[] } {
  const entity = resolveEntity(archive, input.ref);
  return { entityId: entity.id, items: mentionedIn(archive, entity.id) };
}

function mentionedIn(archive: Archive, entityId: string): EntityItemRef[] {
  return archive.sqlite
    .prepare(
      `SELECT ${ITEM_REF_COLUMNS} FROM entity_mentions m JOIN items i ON i.id = m.item_id
        WHERE m.entity_id = ? ORDER BY date IS NULL, date, i.title`,
    )
    .all(entityId) as EntityItemRef[];
}

export function getEntity(archive: Archive, input: InputOf<'getEntity'>): EntityPage {
  const db = archive.sqlite;
  const entity = resolveEntity(archive, input.ref);
  const statements = db
    .prepare(
      `SELECT ${ITEM_REF_COLUMNS}, s.quote, s.role FROM statement_speakers sp
         JOIN items i ON i.id = sp.statement_id JOIN statements s ON s.item_id = i.id
        WHERE sp.entity_id = ? ORDER BY date IS NULL, date, i.title`,
    )
    .all(entity.id) as EntityPage['statements'];
  const incidents = db
    .prepare(
      `SELECT ${ITEM_REF_COLUMNS}, a.role, a.note FROM incident_actors a JOIN items i ON i.id = a.incident_id
        WHERE a.entity_id = ? ORDER BY date IS NULL, date, i.title, a.role`,
    )
    .all(entity.id) as EntityPage['incidents'];
  const sourceKind = entity.kind === 'person' ? 'person' : entity.kind === 'organisation' ? 'organisation' : null;
  return {
    ...summary(archive, entity),
    description: entity.description,
    createdAt: entity.createdAt,
    mentionedIn: mentionedIn(archive, entity.id),
    statements,
    incidents,
    source: sourceKind ? sourceByName(archive, sourceKind, [entity.name, ...aliasesOf(archive, entity.id)]) : null,
  };
}

/** Finds the entity a speaker or actor name stands for, or creates it; inside a caller's transaction. */
export function entityFor(archive: Archive, kind: EntityKind, name: string): string {
  const known = entitiesNamed(archive, name, kind);
  return known[0]?.id ?? insertEntity(archive, { kind, name });
}

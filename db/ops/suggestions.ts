// Suggestions from an article's text: statements (reported speech with speaker, role, quote, date and anchor)
// and entities (names the text or the archive knows). They are stored as pending proposals; only the
// investigator's accept turns one into a record, and a dismissed one stays dismissed when suggestions are re-run.
import type {
  AcceptedSuggestion,
  EntityEdits,
  EntityKind,
  EntityProposal,
  InputOf,
  StatementEdits,
  StatementProposal,
  SuggestionList,
  SuggestionView,
} from '../../electron/contract';
import { DossierError, notFound } from '../errors';
import { findNames } from '../extract/entities';
import { findStatements } from '../extract/quotes';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { normaliseForSearch } from '../search/normalise';
import { findAnchor, selectorFor } from './anchors';
import { appendAudit } from './audit';
import { entitiesNamed, entityFor, insertEntity, insertMention, resolveEntity } from './entities';
import { resolveItemId } from './items';
import { insertLink } from './links';
import { addStatement } from './statements';

interface ArticleText {
  id: string;
  body: string;
  /** The date relative dates are read against: published, else captured, else when it entered the archive. */
  date: string | null;
}

function articleText(archive: Archive, ref: string): ArticleText {
  const id = resolveItemId(archive, ref);
  const row = archive.sqlite
    .prepare(
      `SELECT i.type, a.body_text AS body, coalesce(a.published_at, a.captured_at, i.created_at) AS date
         FROM items i LEFT JOIN articles a ON a.item_id = i.id WHERE i.id = ?`,
    )
    .get(id) as { type: string; body: string | null; date: string | null };
  if (row.type !== 'article' || row.body === null) {
    throw new DossierError('INVALID_INPUT', `Item ${id} is a ${row.type}; suggestions are made from imported articles.`);
  }
  return { id, body: row.body, date: row.date ? row.date.slice(0, 10) : null };
}

interface SuggestionRow {
  id: string;
  itemId: string;
  kind: 'statement' | 'entity';
  fingerprint: string;
  payload: string;
  status: SuggestionView['status'];
  resultId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

const SUGGESTION_COLUMNS = `id, item_id AS itemId, kind, fingerprint, payload, status, result_id AS resultId,
  created_at AS createdAt, decided_at AS decidedAt`;

function view(row: SuggestionRow): SuggestionView {
  const base = { id: row.id, itemId: row.itemId, kind: row.kind, status: row.status, resultId: row.resultId, createdAt: row.createdAt, decidedAt: row.decidedAt };
  return row.kind === 'statement'
    ? { ...base, statement: JSON.parse(row.payload) as StatementProposal }
    : { ...base, entity: JSON.parse(row.payload) as EntityProposal };
}

const fingerprintOf = (...parts: string[]): string => parts.map((part) => normaliseForSearch(part).replace(/\s+/g, ' ').trim()).join('|');

/** Adds new proposals as pending and refreshes pending ones; decided ones are left as decided. */
function store(archive: Archive, itemId: string, kind: 'statement' | 'entity', proposals: { fingerprint: string; payload: object }[]): void {
  const find = archive.sqlite.prepare('SELECT id, status FROM suggestions WHERE item_id = ? AND kind = ? AND fingerprint = ?');
  const insert = archive.sqlite.prepare(
    `INSERT INTO suggestions (id, item_id, kind, fingerprint, payload, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
  );
  const refresh = archive.sqlite.prepare(`UPDATE suggestions SET payload = ? WHERE id = ? AND status = 'pending'`);
  let added = 0;
  for (const proposal of proposals) {
    const existing = find.get(itemId, kind, proposal.fingerprint) as { id: string; status: string } | undefined;
    if (existing) refresh.run(JSON.stringify(proposal.payload), existing.id);
    else {
      insert.run(newId(), itemId, kind, proposal.fingerprint, JSON.stringify(proposal.payload), nowIso());
      added++;
    }
  }
  if (added > 0) appendAudit(archive, { action: 'suggest', itemId, detail: { kind, added } });
}

export function listSuggestions(archive: Archive, input: InputOf<'listSuggestions'>): SuggestionList {
  const itemId = resolveItemId(archive, input.id);
  const rows = archive.sqlite
    .prepare(
      `SELECT ${SUGGESTION_COLUMNS} FROM suggestions WHERE item_id = @itemId AND (@kind IS NULL OR kind = @kind)
          AND (@status IS NULL OR status = @status) ORDER BY kind DESC, created_at, id`,
    )
    .all({ itemId, kind: input.kind ?? null, status: input.status ?? null }) as SuggestionRow[];
  const suggestions = rows.map(view);
  // Statements in the order they appear in the article.
  suggestions.sort((a, b) => (a.kind === b.kind && a.statement && b.statement ? a.statement.start - b.statement.start : 0));
  return { suggestions };
}

export function suggestStatements(archive: Archive, input: InputOf<'suggestStatements'>): SuggestionList {
  return archive.sqlite.transaction(() => {
    const article = articleText(archive, input.id);
    const proposals = findStatements(article.body, article.date).map((found) => {
      const payload: StatementProposal = {
        ...found,
        anchor: selectorFor(article.body, found.start, found.end),
        speakerEntityId: entitiesNamed(archive, found.speaker, 'person')[0]?.id ?? entitiesNamed(archive, found.speaker)[0]?.id ?? null,
      };
      return { fingerprint: fingerprintOf(found.speaker, found.quote), payload };
    });
    store(archive, article.id, 'statement', proposals);
    return listSuggestions(archive, { id: article.id, kind: 'statement' });
  })();
}

/** Names of entities already in the archive that occur in the text (any of their names or aliases). */
function knownNamesIn(archive: Archive, body: string): EntityProposal[] {
  const text = ` ${normaliseForSearch(body).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const rows = archive.sqlite
    .prepare(`SELECT e.id, e.kind, e.name, e.name AS candidate FROM entities e
              UNION ALL SELECT e.id, e.kind, e.name, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id`)
    .all() as { id: string; kind: EntityKind; name: string; candidate: string }[];
  const found = new Map<string, EntityProposal>();
  for (const row of rows) {
    const needle = ` ${normaliseForSearch(row.candidate).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
    if (needle.trim().length < 2) continue;
    const count = text.split(needle).length - 1;
    if (count === 0) continue;
    const known = found.get(row.id);
    if (known) known.count += count;
    else found.set(row.id, { kind: row.kind, name: row.name, count, entityId: row.id, from: 'archive' });
  }
  return [...found.values()];
}

export function suggestEntities(archive: Archive, input: InputOf<'suggestEntities'>): SuggestionList {
  return archive.sqlite.transaction(() => {
    const article = articleText(archive, input.id);
    const known = knownNamesIn(archive, article.body);
    const proposals: EntityProposal[] = [...known];
    for (const name of findNames(article.body)) {
      const existing = entitiesNamed(archive, name.name, name.kind)[0] ?? entitiesNamed(archive, name.name)[0];
      if (existing && known.some((proposal) => proposal.entityId === existing.id)) continue;
      proposals.push({ kind: name.kind, name: name.name, count: name.count, entityId: existing?.id ?? null, from: 'text' });
    }
    const mentioned = new Set(
      (archive.sqlite.prepare('SELECT entity_id AS id FROM entity_mentions WHERE item_id = ?').all(article.id) as { id: string }[]).map((row) => row.id),
    );
    store(
      archive,
      article.id,
      'entity',
      proposals
        .filter((proposal) => !proposal.entityId || !mentioned.has(proposal.entityId))
        .map((proposal) => ({ fingerprint: proposal.entityId ?? fingerprintOf(proposal.kind, proposal.name), payload: proposal })),
    );
    return listSuggestions(archive, { id: article.id, kind: 'entity' });
  })();
}

/** A suggestion by id or by an unambiguous prefix of 8 or more characters (as typed on the command line). */
function findSuggestion(archive: Archive, ref: string): SuggestionRow | undefined {
  const exact = archive.sqlite.prepare(`SELECT ${SUGGESTION_COLUMNS} FROM suggestions WHERE id = ?`).get(ref) as SuggestionRow | undefined;
  if (exact || ref.length < 8 || !/^[0-9a-f-]+$/i.test(ref)) return exact;
  const matches = archive.sqlite
    .prepare(`SELECT ${SUGGESTION_COLUMNS} FROM suggestions WHERE id >= ? AND id < ? || 'g' LIMIT 2`)
    .all(ref.toLowerCase(), ref.toLowerCase()) as SuggestionRow[];
  if (matches.length > 1) throw new DossierError('INVALID_INPUT', `"${ref}" matches more than one suggestion; give more of the id.`);
  return matches[0];
}

function pendingSuggestion(archive: Archive, id: string): SuggestionRow {
  const row = findSuggestion(archive, id);
  if (!row) throw notFound('suggestion', id);
  if (row.status !== 'pending') throw new DossierError('CONFLICT', `Suggestion ${id} was already ${row.status}.`);
  return row;
}

function decide(archive: Archive, row: SuggestionRow, status: 'accepted' | 'dismissed', resultId: string | null): void {
  archive.sqlite.prepare('UPDATE suggestions SET status = ?, result_id = ?, decided_at = ? WHERE id = ?').run(status, resultId, nowIso(), row.id);
  appendAudit(archive, { action: 'suggestion-decide', itemId: row.itemId, detail: { suggestionId: row.id, kind: row.kind, status, resultId } });
}

function acceptStatement(archive: Archive, row: SuggestionRow, edits: StatementEdits): string {
  const proposal = JSON.parse(row.payload) as StatementProposal;
  const article = articleText(archive, row.itemId);
  let anchor = proposal.anchor;
  const quote = edits.quote ?? proposal.quote;
  if (quote !== proposal.quote) {
    // An edited quote (trimmed, corrected) is anchored where it now stands in the article, if it does.
    const found = findAnchor(article.body, { exact: quote, prefix: proposal.anchor.prefix, suffix: proposal.anchor.suffix });
    if (found && found.method !== 'fuzzy') anchor = selectorFor(article.body, found.start, found.end);
  }
  const speaker = edits.speaker ?? proposal.speaker;
  const speakerEntity = edits.speakerEntity
    ? resolveEntity(archive, edits.speakerEntity).id
    : speaker === proposal.speaker && proposal.speakerEntityId
      ? proposal.speakerEntityId
      : entityFor(archive, 'person', speaker);
  const optional = <T>(edited: T | null | undefined, proposed: T | null): T | undefined =>
    edited === null ? undefined : (edited ?? proposed ?? undefined);
  const { id } = addStatement(archive, {
    speaker,
    quote,
    role: optional(edits.role, proposal.role),
    organisation: optional(edits.organisation, proposal.organisation),
    date: optional(edits.date, proposal.date),
    venue: optional(edits.venue, proposal.venue),
    ...(edits.language ? { language: edits.language } : {}),
    ...(edits.translation ? { translation: edits.translation } : {}),
    source: row.itemId,
    speakerEntity,
    anchor,
  });
  insertLink(archive, { from: row.itemId, to: id, rel: 'quotes' });
  insertMention(archive, speakerEntity, row.itemId);
  return id;
}

function acceptEntityRow(archive: Archive, row: SuggestionRow, edits: EntityEdits): string {
  const proposal = JSON.parse(row.payload) as EntityProposal;
  const kind = edits.kind ?? proposal.kind;
  const name = edits.name ?? proposal.name;
  let entityId: string;
  if (edits.entity) entityId = resolveEntity(archive, edits.entity).id;
  else if (proposal.entityId && !edits.kind && !edits.name) entityId = proposal.entityId;
  else entityId = entitiesNamed(archive, name, kind)[0]?.id ?? insertEntity(archive, { kind, name, aliases: edits.aliases });
  if (edits.aliases?.length) {
    const insert = archive.sqlite.prepare('INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)');
    for (const alias of edits.aliases) insert.run(entityId, alias);
  }
  // A name found in the text that differs from the entity's own name is kept as one of its spellings.
  if (edits.entity && proposal.name.trim()) {
    archive.sqlite.prepare('INSERT OR IGNORE INTO entity_aliases (entity_id, alias) SELECT id, ? FROM entities WHERE id = ? AND name <> ?').run(proposal.name, entityId, proposal.name);
  }
  insertMention(archive, entityId, row.itemId);
  return entityId;
}

export function acceptSuggestion(archive: Archive, input: InputOf<'acceptSuggestion'>): AcceptedSuggestion {
  return archive.sqlite.transaction(() => {
    const row = pendingSuggestion(archive, input.id);
    const edits = input.edits ?? {};
    const allowed = row.kind === 'statement'
      ? ['speaker', 'role', 'organisation', 'date', 'venue', 'quote', 'translation', 'language', 'speakerEntity']
      : ['kind', 'name', 'aliases', 'entity'];
    const foreign = Object.keys(edits).filter((key) => !allowed.includes(key));
    if (foreign.length > 0) {
      throw new DossierError('INVALID_INPUT', `A ${row.kind} suggestion cannot take ${foreign.join(', ')}; it takes ${allowed.join(', ')}.`);
    }
    const id = row.kind === 'statement' ? acceptStatement(archive, row, edits as StatementEdits) : acceptEntityRow(archive, row, edits as EntityEdits);
    decide(archive, row, 'accepted', id);
    return { suggestionId: row.id, kind: row.kind, id };
  })();
}

export function acceptEntity(archive: Archive, input: InputOf<'acceptEntity'>): AcceptedSuggestion {
  const row = findSuggestion(archive, input.id);
  if (row && row.kind !== 'entity') throw new DossierError('INVALID_INPUT', `Suggestion ${input.id} is a statement; accept it with acceptSuggestion.`);
  return acceptSuggestion(archive, input.edits ? { id: input.id, edits: input.edits } : { id: input.id });
}

export function dismissSuggestion(archive: Archive, input: InputOf<'dismissSuggestion'>): { id: string; status: 'dismissed' } {
  return archive.sqlite.transaction(() => {
    const row = pendingSuggestion(archive, input.id);
    decide(archive, row, 'dismissed', null);
    return { id: row.id, status: 'dismissed' as const };
  })();
}

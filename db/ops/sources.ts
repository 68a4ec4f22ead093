// Sources and grades on the Admiralty scale: an outlet, person or organisation is graded for reliability (A
// completely reliable ... F cannot be judged), and each item for the credibility of its information (1 confirmed
// ... 6 cannot be judged), each with the investigator's rationale. Imported articles are tied to their outlet.
import type { InputOf, Reliability, SourceView } from '../../electron/contract';
import { DossierError, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { resolveItemId } from './items';

export { ITEM_CREDIBILITY_SQL, ITEM_RELIABILITY_SQL } from './grade-sql';

type SourceKind = SourceView['kind'];

const SOURCE_COLUMNS = `s.id, s.kind, s.name, s.domain, s.reliability, s.rationale,
  (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS items`;

export function resolveSource(archive: Archive, ref: string): SourceView {
  const db = archive.sqlite;
  const byId = db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = ?`).get(ref) as SourceView | undefined;
  if (byId) return byId;
  const named = db
    .prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE lower(s.name) = lower(?) OR lower(s.domain) = lower(?)`)
    .all(ref, ref) as SourceView[];
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new DossierError('INVALID_INPUT', `"${ref}" names ${named.length} sources; give the id.`);
  throw notFound('source', ref);
}

/** The source of one kind known under any of `names`, if any. */
export function sourceByName(archive: Archive, kind: SourceKind, names: string[]): SourceView | null {
  const query = archive.sqlite.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.kind = ? AND lower(s.name) = lower(?)`);
  for (const name of names) {
    const found = query.get(kind, name) as SourceView | undefined;
    if (found) return found;
  }
  return null;
}

function insertSource(archive: Archive, input: InputOf<'addSource'>): string {
  const id = newId();
  archive.sqlite
    .prepare('INSERT INTO sources (id, kind, name, domain, reliability, rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, input.kind, input.name, input.domain ?? null, input.reliability ?? null, input.rationale ?? null, nowIso());
  appendAudit(archive, { action: 'source-create', detail: { sourceId: id, kind: input.kind, name: input.name } });
  return id;
}

export function addSource(archive: Archive, input: InputOf<'addSource'>): { id: string } {
  return archive.sqlite.transaction(() => {
    if (sourceByName(archive, input.kind, [input.name])) {
      throw new DossierError('CONFLICT', `There is already a ${input.kind} source named "${input.name}".`);
    }
    return { id: insertSource(archive, input) };
  })();
}

export function listSources(archive: Archive, input: InputOf<'listSources'>): { sources: SourceView[] } {
  const sources = archive.sqlite
    .prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE (@kind IS NULL OR s.kind = @kind) ORDER BY s.kind, s.name`)
    .all({ kind: input.kind ?? null }) as SourceView[];
  return { sources };
}

/** Items whose reliability comes from this source (its articles, its statements), re-indexed after a grade. */
function itemsOf(archive: Archive, source: SourceView): string[] {
  const rows = archive.sqlite
    .prepare(
      `SELECT item_id AS id FROM articles WHERE source_id = @id
       UNION SELECT item_id FROM statements WHERE @kind <> 'outlet' AND lower(speaker) = lower(@name)`,
    )
    .all({ id: source.id, kind: source.kind, name: source.name }) as { id: string }[];
  return rows.map((row) => row.id);
}

export function gradeSource(archive: Archive, input: InputOf<'gradeSource'>): SourceView {
  return archive.sqlite.transaction(() => {
    const source = resolveSource(archive, input.sourceRef);
    archive.sqlite.prepare('UPDATE sources SET reliability = ?, rationale = ? WHERE id = ?').run(input.reliability, input.rationale ?? null, source.id);
    appendAudit(archive, {
      action: 'grade',
      detail: { sourceId: source.id, reliability: input.reliability, previous: source.reliability, rationale: input.rationale ?? null },
    });
    for (const id of itemsOf(archive, source)) reindexItem(archive, id);
    return resolveSource(archive, source.id);
  })();
}

export function gradeItem(archive: Archive, input: InputOf<'gradeItem'>): { id: string; credibility: number; rationale: string | null } {
  return archive.sqlite.transaction(() => {
    const id = resolveItemId(archive, input.id);
    const previous = archive.sqlite.prepare('SELECT credibility FROM item_grades WHERE item_id = ?').get(id) as { credibility: number } | undefined;
    archive.sqlite
      .prepare(
        `INSERT INTO item_grades (item_id, credibility, rationale, graded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(item_id) DO UPDATE SET credibility = excluded.credibility, rationale = excluded.rationale, graded_at = excluded.graded_at`,
      )
      .run(id, input.credibility, input.rationale ?? null, nowIso());
    appendAudit(archive, {
      action: 'grade',
      itemId: id,
      detail: { credibility: input.credibility, previous: previous?.credibility ?? null, rationale: input.rationale ?? null },
    });
    reindexItem(archive, id);
    return { id, credibility: input.credibility, rationale: input.rationale ?? null };
  })();
}

function domainOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

/**
 * Ties a newly imported article to its outlet's source row, creating an ungraded one the first time an outlet
 * (by name, else by the URL's domain) is seen. Inside the import's transaction.
 */
export function attachOutletSource(archive: Archive, itemId: string, outlet: string | null, url: string | null): string | null {
  const domain = domainOf(url);
  const name = outlet?.trim() || domain;
  if (!name) return null;
  const existing = archive.sqlite
    .prepare(`SELECT id FROM sources WHERE kind = 'outlet' AND (lower(name) = lower(@name) OR (@domain IS NOT NULL AND lower(domain) = @domain)) LIMIT 1`)
    .get({ name, domain }) as { id: string } | undefined;
  const id = existing?.id ?? insertSource(archive, { kind: 'outlet', name, ...(domain ? { domain } : {}) });
  if (existing && domain) archive.sqlite.prepare('UPDATE sources SET domain = coalesce(domain, ?) WHERE id = ?').run(domain, id);
  archive.sqlite.prepare('UPDATE articles SET source_id = ? WHERE item_id = ?').run(id, itemId);
  return id;
}


/** The source an item comes from, with its grade: the article's outlet, or the statement speaker's person source. */
export function sourceOfItem(archive: Archive, itemId: string): SourceView | null {
  const db = archive.sqlite;
  const viaArticle = db
    .prepare(`SELECT ${SOURCE_COLUMNS} FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.item_id = ?`)
    .get(itemId) as SourceView | undefined;
  if (viaArticle) return viaArticle;
  const speaker = db.prepare('SELECT speaker FROM statements WHERE item_id = ?').get(itemId) as { speaker: string } | undefined;
  if (speaker) return sourceByName(archive, 'person', [speaker.speaker]) ?? sourceByName(archive, 'organisation', [speaker.speaker]);
  return null;
}

export const isReliability = (value: string | null): value is Reliability => value !== null && /^[A-F]$/.test(value);

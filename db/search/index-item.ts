// Keeps an item's row in search_docs (and through triggers the FTS5 and trigram indexes) in step with its
// records. Deleted items have no row, so they cannot be found. The row holds normalised text; the original text
// comes from the item's own tables whenever something is shown (snippets, variants).
import type { Archive } from '../open';
import { joinedForms, normaliseForSearch, wordsOf } from './normalise';
import { prepared } from '../statements';
import { nameKeys } from './translit';
import { entityNamesOf } from './entity-names';

/** An item's searchable text as the user wrote it, per index column. */
export interface SearchText {
  type: string;
  title: string;
  quote: string;
  names: string;
  body: string;
  speaker: string;
  place: string;
  outlet: string;
  day: string | null;
  lang: string | null;
}

export function joined(...parts: (string | null | undefined)[]): string {
  return parts.filter((part): part is string => !!part && part.trim() !== '').join('\n');
}

const dayOf = (value: string | null | undefined): string | null =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;

export function gatherSearchText(archive: Archive, itemId: string): SearchText | null {
  const db = archive.sqlite;
  const item = prepared(db, 'SELECT type, title, language, deleted_at AS deletedAt FROM items WHERE id = ?').get(itemId) as
    | { type: string; title: string; language: string | null; deletedAt: string | null }
    | undefined;
  if (!item || item.deletedAt) return null;
  const text: SearchText = {
    type: item.type,
    title: item.title,
    quote: '',
    names: namesText(archive, itemId, item.type),
    body: '',
    speaker: '',
    place: '',
    outlet: '',
    day: null,
    lang: item.language,
  };

  if (item.type === 'article') {
    const article = prepared(
      db,
      'SELECT outlet, published_at AS publishedAt, language, body_text AS body FROM articles WHERE item_id = ?',
    ).get(itemId) as Record<string, string | null> | undefined;
    if (article) {
      text.outlet = article.outlet ?? '';
      text.body = article.body ?? '';
      text.day = dayOf(article.publishedAt);
      text.lang ??= article.language ?? null;
    }
  } else if (item.type === 'statement') {
    const statement = prepared(
      db,
      'SELECT speaker, quote, translation, stated_on AS statedOn, language FROM statements WHERE item_id = ?',
    ).get(itemId) as Record<string, string | null> | undefined;
    if (statement) {
      text.quote = joined(statement.quote, statement.translation);
      text.speaker = statement.speaker ?? '';
      text.day = dayOf(statement.statedOn);
      text.lang ??= statement.language ?? null;
    }
  } else if (item.type === 'incident') {
    const incident = prepared(
      db,
      'SELECT place, admin_area AS adminArea, description, date_start AS dateStart FROM incidents WHERE item_id = ?',
    ).get(itemId) as Record<string, string | null> | undefined;
    if (incident) {
      text.place = joined(incident.place, incident.adminArea);
      text.body = incident.description ?? '';
      text.day = dayOf(incident.dateStart);
    }
  } else if (item.type === 'note') {
    const note = prepared(db, 'SELECT body_markdown AS body FROM notes WHERE item_id = ?').get(itemId) as
      | { body: string }
      | undefined;
    text.body = note?.body ?? '';
  }
  return text;
}

/** The names of an item's own record that are searched as names. */
const RECORD_NAMES_SQL: Record<string, string> = {
  article: 'SELECT byline, url FROM articles WHERE item_id = ?',
  statement: 'SELECT role, organisation, venue FROM statements WHERE item_id = ?',
};

/** An item's names column as written: its tags, the names its record holds, and the names of its entities. */
export function namesText(archive: Archive, itemId: string, type: string): string {
  const db = archive.sqlite;
  const tags = prepared(db, 'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ?').pluck().all(itemId) as string[];
  const recordSql = RECORD_NAMES_SQL[type];
  const record = recordSql ? Object.values((prepared(db, recordSql).get(itemId) ?? {}) as Record<string, string | null>) : [];
  return joined(...tags, ...record, ...entityNamesOf(archive, itemId));
}

/** The search_docs row for an item's text: every column normalised, plus joined forms and name keys. */
export function searchDocRow(text: SearchText): Record<string, string | null> {
  const row = {
    title: normaliseForSearch(text.title),
    quote: normaliseForSearch(text.quote),
    names: normaliseForSearch(text.names),
    body: normaliseForSearch(text.body),
    speaker: normaliseForSearch(text.speaker),
    place: normaliseForSearch(text.place),
    outlet: normaliseForSearch(text.outlet),
  };
  const compounds = new Set(Object.values(row).flatMap(joinedForms));
  return {
    ...row,
    joined: [...compounds].join(' '),
    speakerKeys: nameKeys(wordsOf(row.speaker)),
    placeKeys: nameKeys(wordsOf(row.place)),
    nameKeys: nameKeys(wordsOf(row.names)),
    type: text.type,
    day: text.day,
    lang: text.lang ? text.lang.toLowerCase() : null,
  };
}

export function reindexItem(archive: Archive, itemId: string): void {
  const text = gatherSearchText(archive, itemId);
  if (!text) {
    prepared(archive.sqlite, 'DELETE FROM search_docs WHERE item_id = ?').run(itemId);
    return;
  }
  prepared(
    archive.sqlite,
    `INSERT INTO search_docs (item_id, title, quote, names, body, speaker, place, outlet, joined,
                              speaker_keys, place_keys, name_keys, type, day, lang)
     VALUES (@itemId, @title, @quote, @names, @body, @speaker, @place, @outlet, @joined,
             @speakerKeys, @placeKeys, @nameKeys, @type, @day, @lang)
     ON CONFLICT(item_id) DO UPDATE SET title = excluded.title, quote = excluded.quote, names = excluded.names,
       body = excluded.body, speaker = excluded.speaker, place = excluded.place, outlet = excluded.outlet,
       joined = excluded.joined, speaker_keys = excluded.speaker_keys, place_keys = excluded.place_keys,
       name_keys = excluded.name_keys, type = excluded.type, day = excluded.day, lang = excluded.lang`,
  ).run({ itemId, ...searchDocRow(text) });
}

// Keeps an item's row in search_docs (and through triggers the FTS index) in step with its records.
// Deleted items have no row, so they cannot be found.
import type { Archive } from '../open';
import { normaliseForSearch } from './normalise';

interface SearchText {
  title: string;
  quote: string;
  names: string;
  body: string;
}

function joined(...parts: (string | null | undefined)[]): string {
  return parts.filter((part): part is string => !!part && part.trim() !== '').join('\n');
}

function gatherText(archive: Archive, itemId: string): SearchText | null {
  const db = archive.sqlite;
  const item = db.prepare('SELECT type, title, deleted_at AS deletedAt FROM items WHERE id = ?').get(itemId) as
    | { type: string; title: string; deletedAt: string | null }
    | undefined;
  if (!item || item.deletedAt) return null;
  const tags = (
    db.prepare('SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ?').all(itemId) as {
      name: string;
    }[]
  ).map((tag) => tag.name);
  const text: SearchText = { title: item.title, quote: '', names: joined(...tags), body: '' };

  if (item.type === 'article') {
    const article = db
      .prepare('SELECT url, outlet, byline, body_text AS body FROM articles WHERE item_id = ?')
      .get(itemId) as { url: string | null; outlet: string | null; byline: string | null; body: string } | undefined;
    if (article) {
      text.names = joined(text.names, article.outlet, article.byline, article.url);
      text.body = article.body;
    }
  } else if (item.type === 'statement') {
    const statement = db
      .prepare('SELECT speaker, role, organisation, venue, quote, translation FROM statements WHERE item_id = ?')
      .get(itemId) as Record<string, string | null> | undefined;
    if (statement) {
      text.quote = joined(statement.quote, statement.translation);
      text.names = joined(text.names, statement.speaker, statement.role, statement.organisation, statement.venue);
    }
  } else if (item.type === 'incident') {
    const incident = db
      .prepare('SELECT place, admin_area AS adminArea, description FROM incidents WHERE item_id = ?')
      .get(itemId) as Record<string, string | null> | undefined;
    if (incident) {
      text.names = joined(text.names, incident.place, incident.adminArea);
      text.body = incident.description ?? '';
    }
  } else if (item.type === 'note') {
    const note = db.prepare('SELECT body_markdown AS body FROM notes WHERE item_id = ?').get(itemId) as
      | { body: string }
      | undefined;
    text.body = note?.body ?? '';
  }
  return text;
}

export function reindexItem(archive: Archive, itemId: string): void {
  const text = gatherText(archive, itemId);
  if (!text) {
    archive.sqlite.prepare('DELETE FROM search_docs WHERE item_id = ?').run(itemId);
    return;
  }
  archive.sqlite
    .prepare(
      `INSERT INTO search_docs (item_id, title, quote, names, body) VALUES (@itemId, @title, @quote, @names, @body)
       ON CONFLICT(item_id) DO UPDATE SET title = excluded.title, quote = excluded.quote, names = excluded.names, body = excluded.body`,
    )
    .run({
      itemId,
      title: normaliseForSearch(text.title),
      quote: normaliseForSearch(text.quote),
      names: normaliseForSearch(text.names),
      body: normaliseForSearch(text.body),
    });
}

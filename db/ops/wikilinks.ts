// [[Wiki-links]] inside notes: each target (a title or an id) resolves to an item and becomes a `mentions` link
// from the note. The resolution is kept, so a renamed item stays linked and shows its new title; links whose
// target has gone from the note are removed, and targets that name nothing are listed as unresolved.
import type { WikiLinkView } from '../../electron/contract';
import type { Archive } from '../open';
import { normaliseForSearch } from '../search/normalise';
import { appendAudit } from './audit';
import { resolveItemId } from './items';
import { insertLink } from './links';

const WIKI_LINK = /\[\[([^\[\]\n|]{1,300})(?:\|[^\[\]\n]{0,300})?\]\]/g;

/** The distinct targets written in a note's text, in order. */
export function wikiTargets(body: string): string[] {
  const targets: string[] = [];
  for (const match of body.matchAll(WIKI_LINK)) {
    const target = match[1]!.trim();
    if (target && !targets.includes(target)) targets.push(target);
  }
  return targets;
}

/** An item for a target: its id or id prefix, else a live item with that title (case, accents, letter variants folded). */
function resolveTarget(archive: Archive, noteId: string, target: string): string | null {
  const db = archive.sqlite;
  if (/^[0-9a-f-]{8,}$/i.test(target)) {
    try {
      return resolveItemId(archive, target);
    } catch {
      // not an id after all: try it as a title
    }
  }
  const exact = db
    .prepare('SELECT id FROM items WHERE title = ? AND deleted_at IS NULL AND id <> ? ORDER BY created_at LIMIT 1')
    .get(target, noteId) as { id: string } | undefined;
  if (exact) return exact.id;
  // search_docs holds every live item's title already normalised.
  const folded = db
    .prepare('SELECT d.item_id AS id FROM search_docs d JOIN items i ON i.id = d.item_id WHERE d.title = ? AND d.item_id <> ? ORDER BY i.created_at LIMIT 1')
    .get(normaliseForSearch(target), noteId) as { id: string } | undefined;
  return folded?.id ?? null;
}

/**
 * Brings a note's wiki-links in step with its text; inside the caller's transaction. Targets already resolved keep
 * their item (so renames do not break them); new targets are resolved; targets no longer written are dropped
 * along with the link they made.
 */
export function syncWikiLinks(archive: Archive, noteId: string): void {
  const db = archive.sqlite;
  const note = db.prepare('SELECT body_markdown AS body FROM notes WHERE item_id = ?').get(noteId) as { body: string } | undefined;
  if (!note) return;
  const targets = wikiTargets(note.body);
  const stored = db.prepare('SELECT target, item_id AS itemId, link_id AS linkId FROM wiki_links WHERE note_id = ?').all(noteId) as {
    target: string;
    itemId: string | null;
    linkId: string | null;
  }[];
  for (const row of stored) {
    if (targets.includes(row.target)) continue;
    db.prepare('DELETE FROM wiki_links WHERE note_id = ? AND target = ?').run(noteId, row.target);
    const stillUsed = row.itemId && stored.some((other) => other.itemId === row.itemId && targets.includes(other.target));
    if (row.linkId && !stillUsed) {
      db.prepare('DELETE FROM links WHERE id = ?').run(row.linkId);
      appendAudit(archive, { action: 'unlink', itemId: noteId, detail: { linkId: row.linkId, to: row.itemId, rel: 'mentions', wikiLink: row.target } });
    }
  }
  for (const target of targets) {
    const existing = stored.find((row) => row.target === target);
    if (existing?.itemId) continue;
    const itemId = resolveTarget(archive, noteId, target);
    const linkId = itemId ? mentionLink(archive, noteId, itemId, target) : null;
    db.prepare(
      `INSERT INTO wiki_links (note_id, target, item_id, link_id) VALUES (?, ?, ?, ?)
       ON CONFLICT(note_id, target) DO UPDATE SET item_id = excluded.item_id, link_id = excluded.link_id`,
    ).run(noteId, target, itemId, linkId);
  }
}

function mentionLink(archive: Archive, noteId: string, itemId: string, target: string): string {
  const existing = archive.sqlite.prepare("SELECT id FROM links WHERE from_id = ? AND to_id = ? AND rel = 'mentions'").get(noteId, itemId) as
    | { id: string }
    | undefined;
  return existing?.id ?? insertLink(archive, { from: noteId, to: itemId, rel: 'mentions', note: `[[${target}]]` });
}

export function wikiLinksOf(archive: Archive, noteId: string | null): WikiLinkView[] {
  return archive.sqlite
    .prepare(
      `SELECT w.note_id AS noteId, n.title AS noteTitle, w.target, w.item_id AS itemId, i.title, i.type,
              CASE WHEN w.item_id IS NULL THEN 'unresolved' WHEN i.deleted_at IS NOT NULL THEN 'trashed' ELSE 'resolved' END AS status
         FROM wiki_links w JOIN items n ON n.id = w.note_id LEFT JOIN items i ON i.id = w.item_id
        WHERE (@noteId IS NOT NULL AND w.note_id = @noteId) OR (@noteId IS NULL AND w.item_id IS NULL AND n.deleted_at IS NULL)
        ORDER BY n.title, w.rowid`,
    )
    .all({ noteId }) as WikiLinkView[];
}

/** Tries again every unresolved target (items may have been added or renamed since). */
export function resolveWikiLinks(archive: Archive): { resolved: number; unresolved: number } {
  return archive.sqlite.transaction(() => {
    const notes = archive.sqlite.prepare('SELECT DISTINCT note_id AS id FROM wiki_links WHERE item_id IS NULL').all() as { id: string }[];
    const before = wikiLinksOf(archive, null).length;
    for (const note of notes) syncWikiLinks(archive, note.id);
    const after = wikiLinksOf(archive, null).length;
    return { resolved: before - after, unresolved: after };
  })();
}

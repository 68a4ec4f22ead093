// Typed links between items: an article quotes a statement, a statement is sourced from an article, an
// article reports on an incident. One row per (from, to, relation); shown from both ends.
import type { NewLink } from '../../electron/contract';
import { DossierError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { links } from '../schema';
import { appendAudit } from './audit';
import { findAnchor, selectorFor, type TextQuoteSelector } from './anchors';
import { resolveItemId } from './items';

/** The text a link from this item can be anchored in: an article's, a note's, an incident's description, a quote. */
function anchorableText(archive: Archive, itemId: string): string {
  const row = archive.sqlite
    .prepare(
      `SELECT coalesce((SELECT body_text FROM articles WHERE item_id = @id), (SELECT body_markdown FROM notes WHERE item_id = @id),
                       (SELECT description FROM incidents WHERE item_id = @id), (SELECT quote FROM statements WHERE item_id = @id), '') AS text`,
    )
    .get({ id: itemId }) as { text: string };
  return row.text;
}

/** The anchor of a passage in the linking item's text, found as findAnchor finds any (whitespace and quote marks aside). */
function anchorFor(archive: Archive, from: string, passage: string): TextQuoteSelector {
  const text = anchorableText(archive, from);
  const found = findAnchor(text, { exact: passage });
  if (!found || found.method === 'fuzzy') {
    throw new DossierError('INVALID_INPUT', `The passage "${passage.slice(0, 80)}" is not in the text of the item the link starts from.`);
  }
  return selectorFor(text, found.start, found.end);
}

/** Inside a caller's transaction. */
export function insertLink(
  archive: Archive,
  link: { from: string; to: string; rel: NewLink['rel']; note?: string | undefined; passage?: string | undefined },
): string {
  if (link.from === link.to) throw new DossierError('INVALID_INPUT', 'An item cannot be linked to itself.');
  const existing = archive.sqlite
    .prepare('SELECT id FROM links WHERE from_id = ? AND to_id = ? AND rel = ?')
    .get(link.from, link.to, link.rel) as { id: string } | undefined;
  if (existing) throw new DossierError('CONFLICT', `These items are already linked as "${link.rel}" (link ${existing.id}).`);
  const anchor = link.passage ? anchorFor(archive, link.from, link.passage) : null;
  const id = newId();
  archive.orm
    .insert(links)
    .values({
      id,
      fromId: link.from,
      toId: link.to,
      rel: link.rel,
      note: link.note ?? null,
      createdAt: nowIso(),
      anchorExact: anchor?.exact ?? null,
      anchorPrefix: anchor?.prefix ?? null,
      anchorSuffix: anchor?.suffix ?? null,
    })
    .run();
  appendAudit(archive, { action: 'link', itemId: link.from, detail: { linkId: id, to: link.to, rel: link.rel } });
  return id;
}

export function addLink(archive: Archive, input: NewLink): { id: string } {
  return archive.sqlite.transaction(() => {
    const from = resolveItemId(archive, input.from);
    const to = resolveItemId(archive, input.to);
    return { id: insertLink(archive, { from, to, rel: input.rel, note: input.note, passage: input.passage }) };
  })();
}

export function removeLink(archive: Archive, input: { id: string }): { id: string } {
  return archive.sqlite.transaction(() => {
    const link = archive.sqlite.prepare('SELECT from_id AS fromId, to_id AS toId, rel FROM links WHERE id = ?').get(input.id) as
      | { fromId: string; toId: string; rel: string }
      | undefined;
    if (!link) throw new DossierError('NOT_FOUND', `No link with id "${input.id}".`);
    archive.sqlite.prepare('DELETE FROM links WHERE id = ?').run(input.id);
    appendAudit(archive, { action: 'unlink', itemId: link.fromId, detail: { linkId: input.id, to: link.toId, rel: link.rel } });
    return { id: input.id };
  })();
}

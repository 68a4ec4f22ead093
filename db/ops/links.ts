// Typed links between items: an article quotes a statement, a statement is sourced from an article, an
// article reports on an incident. One row per (from, to, relation); shown from both ends.
import type { NewLink } from '../../electron/contract';
import { DossierError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { links } from '../schema';
import { appendAudit } from './audit';
import { resolveItemId } from './items';

/** Inside a caller's transaction. */
export function insertLink(archive: Archive, link: { from: string; to: string; rel: NewLink['rel']; note?: string | undefined }): string {
  if (link.from === link.to) throw new DossierError('INVALID_INPUT', 'An item cannot be linked to itself.');
  const existing = archive.sqlite
    .prepare('SELECT id FROM links WHERE from_id = ? AND to_id = ? AND rel = ?')
    .get(link.from, link.to, link.rel) as { id: string } | undefined;
  if (existing) throw new DossierError('CONFLICT', `These items are already linked as "${link.rel}" (link ${existing.id}).`);
  const id = newId();
  archive.orm
    .insert(links)
    .values({ id, fromId: link.from, toId: link.to, rel: link.rel, note: link.note ?? null, createdAt: nowIso() })
    .run();
  appendAudit(archive, { action: 'link', itemId: link.from, detail: { linkId: id, to: link.to, rel: link.rel } });
  return id;
}

export function addLink(archive: Archive, input: NewLink): { id: string } {
  return archive.sqlite.transaction(() => {
    const from = resolveItemId(archive, input.from);
    const to = resolveItemId(archive, input.to);
    return { id: insertLink(archive, { from, to, rel: input.rel, note: input.note }) };
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

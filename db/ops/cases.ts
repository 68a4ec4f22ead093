// Cases group the items of one investigation; an item may belong to several.
import type { CaseView, NewCase } from '../../electron/contract';
import { DossierError, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { cases } from '../schema';
import { appendAudit } from './audit';
import { resolveItemId } from './items';

/** A case is named by its id or its (unique) name. */
export function resolveCaseId(archive: Archive, ref: string): string {
  const row = archive.sqlite
    .prepare('SELECT id FROM cases WHERE (id = @ref OR name = @ref) AND deleted_at IS NULL')
    .get({ ref }) as { id: string } | undefined;
  if (!row) throw notFound('case', ref);
  return row.id;
}

export function createCase(archive: Archive, input: NewCase): { id: string } {
  return archive.sqlite.transaction(() => {
    const taken = archive.sqlite.prepare('SELECT id FROM cases WHERE name = ?').get(input.name) as { id: string } | undefined;
    if (taken) throw new DossierError('CONFLICT', `A case named "${input.name}" already exists (${taken.id}).`);
    const id = newId();
    archive.orm
      .insert(cases)
      .values({ id, name: input.name, description: input.description ?? null, createdAt: nowIso() })
      .run();
    appendAudit(archive, { action: 'case-create', detail: { caseId: id, name: input.name } });
    return { id };
  })();
}

export function addToCase(archive: Archive, input: { caseRef: string; ids: string[] }): { caseId: string; added: number } {
  return archive.sqlite.transaction(() => {
    const caseId = resolveCaseId(archive, input.caseRef);
    const insert = archive.sqlite.prepare('INSERT OR IGNORE INTO case_items (case_id, item_id, added_at) VALUES (?, ?, ?)');
    let added = 0;
    for (const ref of input.ids) {
      const itemId = resolveItemId(archive, ref);
      if (insert.run(caseId, itemId, nowIso()).changes > 0) {
        added++;
        appendAudit(archive, { action: 'case-add', itemId, detail: { caseId } });
      }
    }
    return { caseId, added };
  })();
}

export function listCases(archive: Archive): { cases: CaseView[] } {
  const rows = archive.sqlite
    .prepare(
      `SELECT c.id, c.name, c.description, c.created_at AS createdAt,
              (SELECT count(*) FROM case_items ci JOIN items i ON i.id = ci.item_id
                WHERE ci.case_id = c.id AND i.deleted_at IS NULL) AS itemCount
         FROM cases c WHERE c.deleted_at IS NULL ORDER BY c.name`,
    )
    .all() as CaseView[];
  return { cases: rows };
}

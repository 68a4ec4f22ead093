// The speaker of a statement as an entity. The statement keeps its speaker text as written; this ties it to the
// person (or body) so the entity page can list everything they said.
import type { Archive } from '../open';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { resolveEntity } from './entities';

/** Inside a caller's transaction. */
export function setSpeakerEntity(archive: Archive, statementId: string, entityRef: string): string {
  const entity = resolveEntity(archive, entityRef);
  archive.sqlite
    .prepare(
      `INSERT INTO statement_speakers (statement_id, entity_id) VALUES (?, ?)
       ON CONFLICT(statement_id) DO UPDATE SET entity_id = excluded.entity_id`,
    )
    .run(statementId, entity.id);
  appendAudit(archive, { action: 'edit', itemId: statementId, detail: { speakerEntity: entity.id } });
  reindexItem(archive, statementId);
  return entity.id;
}

export function speakerEntityOf(archive: Archive, statementId: string): { id: string; name: string } | null {
  return (
    (archive.sqlite
      .prepare('SELECT e.id, e.name FROM statement_speakers s JOIN entities e ON e.id = s.entity_id WHERE s.statement_id = ?')
      .get(statementId) as { id: string; name: string } | undefined) ?? null
  );
}

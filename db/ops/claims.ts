// Claims and actors of an incident. Every figure is kept as the source gave it, beside the others ("20 killed"
// per source A, "22 killed" per source B); the range per kind is computed, never stored, so nothing is
// overwritten. Actors are entities with a role: perpetrator, target, claimed by, responded.
import type { ActorView, ClaimRange, ClaimView, InputOf } from '../../electron/contract';
import { DossierError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { resolveEntity } from './entities';
import { resolveItemId } from './items';
import { ITEM_CREDIBILITY_SQL, ITEM_RELIABILITY_SQL } from './sources';

function incidentId(archive: Archive, ref: string): string {
  const id = resolveItemId(archive, ref);
  const row = archive.sqlite.prepare('SELECT type FROM items WHERE id = ?').get(id) as { type: string };
  if (row.type !== 'incident') throw new DossierError('INVALID_INPUT', `Item ${id} is a ${row.type}, not an incident.`);
  return id;
}

export function addClaim(archive: Archive, input: InputOf<'addClaim'>): { id: string } {
  return archive.sqlite.transaction(() => {
    const incident = incidentId(archive, input.incidentId);
    const sourceId = input.sourceId ? resolveItemId(archive, input.sourceId) : null;
    const id = newId();
    archive.sqlite
      .prepare(
        `INSERT INTO claims (id, incident_id, kind, value_number, value_text, source_item_id, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, incident, input.kind.toLowerCase(), input.valueNumber ?? null, input.valueText ?? null, sourceId, input.note ?? null, nowIso());
    archive.sqlite.prepare('UPDATE items SET updated_at = ? WHERE id = ?').run(nowIso(), incident);
    appendAudit(archive, {
      action: 'claim-add',
      itemId: incident,
      detail: { claimId: id, kind: input.kind, valueNumber: input.valueNumber ?? null, valueText: input.valueText ?? null, source: sourceId },
    });
    return { id };
  })();
}

/** Inside a caller's transaction. */
export function insertActor(
  archive: Archive,
  incident: string,
  entityId: string,
  role: ActorView['role'],
  sourceItemId: string | null,
  note: string | null,
): string {
  const duplicate = archive.sqlite
    .prepare('SELECT id FROM incident_actors WHERE incident_id = ? AND entity_id = ? AND role = ? AND source_item_id IS ?')
    .get(incident, entityId, role, sourceItemId) as { id: string } | undefined;
  if (duplicate) throw new DossierError('CONFLICT', `That actor is already recorded as ${role} of this incident (actor ${duplicate.id}).`);
  const id = newId();
  archive.sqlite
    .prepare('INSERT INTO incident_actors (id, incident_id, entity_id, role, source_item_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, incident, entityId, role, sourceItemId, note, nowIso());
  appendAudit(archive, { action: 'actor-add', itemId: incident, detail: { actorId: id, entityId, role, source: sourceItemId } });
  reindexItem(archive, incident);
  return id;
}

export function addIncidentActor(archive: Archive, input: InputOf<'addIncidentActor'>): { id: string } {
  return archive.sqlite.transaction(() => {
    const incident = incidentId(archive, input.incidentId);
    const entity = resolveEntity(archive, input.entity);
    const sourceId = input.sourceId ? resolveItemId(archive, input.sourceId) : null;
    return { id: insertActor(archive, incident, entity.id, input.role, sourceId, input.note ?? null) };
  })();
}

export function actorsOf(archive: Archive, incident: string): ActorView[] {
  return archive.sqlite
    .prepare(
      `SELECT a.id, a.entity_id AS entityId, e.kind, e.name, a.role, a.source_item_id AS sourceItemId, a.note
         FROM incident_actors a JOIN entities e ON e.id = a.entity_id WHERE a.incident_id = ? ORDER BY a.role, e.name`,
    )
    .all(incident) as ActorView[];
}

/** The incident's claims, each with the grade of the source behind it and its item's credibility. */
export function claimsOf(archive: Archive, incident: string): ClaimView[] {
  return archive.sqlite
    .prepare(
      `SELECT c.id, c.kind, c.value_number AS valueNumber, c.value_text AS valueText, c.source_item_id AS sourceItemId,
              i.title AS sourceTitle, c.note,
              CASE WHEN i.id IS NULL THEN NULL ELSE ${ITEM_RELIABILITY_SQL} END AS sourceReliability,
              CASE WHEN i.id IS NULL THEN NULL ELSE ${ITEM_CREDIBILITY_SQL} END AS sourceCredibility,
              (SELECT coalesce(a.outlet, s.name) FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.item_id = i.id) AS sourceName
         FROM claims c LEFT JOIN items i ON i.id = c.source_item_id
        WHERE c.incident_id = ? ORDER BY c.kind, c.value_number, c.created_at`,
    )
    .all(incident) as ClaimView[];
}

/** Per kind: the lowest and highest figure and how many sources stand behind the figures. */
export function claimRanges(claims: ClaimView[]): ClaimRange[] {
  const byKind = new Map<string, ClaimView[]>();
  for (const claim of claims) byKind.set(claim.kind, [...(byKind.get(claim.kind) ?? []), claim]);
  return [...byKind].map(([kind, group]) => {
    const numbers = group.map((claim) => claim.valueNumber).filter((value): value is number => value !== null);
    return {
      kind,
      min: numbers.length ? Math.min(...numbers) : null,
      max: numbers.length ? Math.max(...numbers) : null,
      sources: new Set(group.map((claim) => claim.sourceItemId ?? `none:${claim.id}`)).size,
      claims: group.length,
    };
  });
}

// Incidents: an event at a place and time. Figures such as casualties are claims, one per source, so that
// sources that disagree stand side by side.
import type { NewIncident } from '../../electron/contract';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { claims, incidents } from '../schema';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { insertItem, resolveItemId } from './items';
import { insertLink } from './links';
import { insertActor } from './claims';
import { resolveEntity } from './entities';

export function addIncident(archive: Archive, input: NewIncident): { id: string } {
  return archive.sqlite.transaction(() => {
    const sourceId = input.source ? resolveItemId(archive, input.source) : null;
    const id = insertItem(archive, 'incident', input.title);
    archive.orm
      .insert(incidents)
      .values({
        itemId: id,
        dateStart: input.date ?? null,
        dateEnd: input.dateEnd ?? null,
        datePrecision: input.datePrecision ?? (input.dateEnd ? 'range' : input.date ? 'day' : null),
        place: input.place ?? null,
        adminArea: input.adminArea ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        coordPrecision: input.coordPrecision ?? (input.latitude !== undefined ? 'exact' : null),
        description: input.description ?? null,
      })
      .run();
    for (const actor of input.actors ?? []) insertActor(archive, id, resolveEntity(archive, actor.entity).id, actor.role, sourceId, null);
    const figures = [
      ['killed', input.killed],
      ['injured', input.injured],
    ] as const;
    for (const [kind, value] of figures) {
      if (value === undefined) continue;
      archive.orm
        .insert(claims)
        .values({ id: newId(), incidentId: id, kind, valueNumber: value, sourceItemId: sourceId, createdAt: nowIso() })
        .run();
    }
    reindexItem(archive, id);
    appendAudit(archive, { action: 'create', itemId: id, detail: { type: 'incident', source: sourceId } });
    if (sourceId) insertLink(archive, { from: id, to: sourceId, rel: 'sourced-from' });
    return { id };
  })();
}

// What getItem adds to an item for the cross-linked record: its grade and source, the entities it mentions, a
// statement's time, anchor and speaker entity, an incident's actors, graded claims and their ranges, a note's
// wiki-links.
import type { ItemDetail } from '../../electron/contract';
import type { Archive } from '../open';
import { actorsOf, claimRanges, claimsOf } from './claims';
import { sourceOfItem } from './sources';
import { speakerEntityOf } from './speakers';
import { wikiLinksOf } from './wikilinks';

export function addRecordDetail(archive: Archive, detail: ItemDetail): ItemDetail {
  const db = archive.sqlite;
  const id = detail.id;
  detail.grade =
    (db.prepare('SELECT credibility, rationale, graded_at AS gradedAt FROM item_grades WHERE item_id = ?').get(id) as ItemDetail['grade']) ?? null;
  detail.source = sourceOfItem(archive, id);
  detail.entities = db
    .prepare('SELECT e.id, e.kind, e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id WHERE m.item_id = ? ORDER BY e.kind, e.name')
    .all(id) as NonNullable<ItemDetail['entities']>;
  if (detail.statement) {
    const extra = db
      .prepare('SELECT stated_at_time AS time, anchor_exact AS exact, anchor_prefix AS prefix, anchor_suffix AS suffix FROM statements WHERE item_id = ?')
      .get(id) as { time: string | null; exact: string | null; prefix: string | null; suffix: string | null };
    detail.statement.time = extra.time;
    detail.statement.anchor = extra.exact ? { exact: extra.exact, prefix: extra.prefix, suffix: extra.suffix } : null;
    detail.statement.speakerEntity = speakerEntityOf(archive, id);
  }
  if (detail.incident) {
    const claims = claimsOf(archive, id);
    detail.incident.claims = claims;
    detail.incident.claimRanges = claimRanges(claims);
    detail.incident.actors = actorsOf(archive, id);
    detail.incident.coordPrecision = (db.prepare('SELECT coord_precision AS p FROM incidents WHERE item_id = ?').get(id) as { p: string | null }).p;
  }
  if (detail.note) detail.note.wikiLinks = wikiLinksOf(archive, id);
  return detail;
}

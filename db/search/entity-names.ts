// The names and aliases of the entities tied to an item (confirmed mentions, a statement's speaker, an incident's
// actors), so that searching for any spelling of a person or place finds the items about them.
import type { Archive } from '../open';
import { prepared } from '../statements';

export function entityNamesOf(archive: Archive, itemId: string): string[] {
  const rows = prepared(
    archive.sqlite,
    `WITH tied(entity_id) AS (
         SELECT entity_id FROM entity_mentions WHERE item_id = @id
         UNION SELECT entity_id FROM statement_speakers WHERE statement_id = @id
         UNION SELECT entity_id FROM incident_actors WHERE incident_id = @id)
       SELECT e.name FROM tied JOIN entities e ON e.id = tied.entity_id
       UNION SELECT a.alias FROM tied JOIN entity_aliases a ON a.entity_id = tied.entity_id`,
  ).all({ id: itemId }) as { name: string }[];
  return rows.map((row) => row.name);
}

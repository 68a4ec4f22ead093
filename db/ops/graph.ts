// The link graph around one item: items reached through typed links, and the entities tied to them (mentions,
// speakers, actors), breadth-first up to a depth of 1-3. Trashed items stay in the graph, marked as such, so
// no link points nowhere.
import type { Graph, GraphEdge, GraphNode, InputOf } from '../../electron/contract';
import type { Archive } from '../open';
import { resolveItemId } from './items';

/** Beyond this many nodes the picture stops being readable; the walk stops adding new ones. */
const MAX_NODES = 300;

interface Neighbour {
  id: string;
  kind: 'item' | 'entity';
  from: string;
  to: string;
  rel: string;
}

function itemNeighbours(archive: Archive, id: string): Neighbour[] {
  const links = archive.sqlite
    .prepare(
      `SELECT from_id AS "from", to_id AS "to", rel, CASE WHEN from_id = @id THEN to_id ELSE from_id END AS id
         FROM links WHERE from_id = @id OR to_id = @id`,
    )
    .all({ id }) as Omit<Neighbour, 'kind'>[];
  const entities = archive.sqlite
    .prepare(
      `SELECT entity_id AS id, @id AS "from", entity_id AS "to", 'mentions' AS rel FROM entity_mentions WHERE item_id = @id
       UNION ALL SELECT entity_id, @id, entity_id, 'spoken-by' FROM statement_speakers WHERE statement_id = @id
       UNION ALL SELECT entity_id, @id, entity_id, role FROM incident_actors WHERE incident_id = @id`,
    )
    .all({ id }) as Omit<Neighbour, 'kind'>[];
  return [...links.map((link) => ({ ...link, kind: 'item' as const })), ...entities.map((link) => ({ ...link, kind: 'entity' as const }))];
}

function entityNeighbours(archive: Archive, id: string): Neighbour[] {
  const rows = archive.sqlite
    .prepare(
      `SELECT item_id AS id, item_id AS "from", @id AS "to", 'mentions' AS rel FROM entity_mentions WHERE entity_id = @id
       UNION ALL SELECT statement_id, statement_id, @id, 'spoken-by' FROM statement_speakers WHERE entity_id = @id
       UNION ALL SELECT incident_id, incident_id, @id, role FROM incident_actors WHERE entity_id = @id`,
    )
    .all({ id }) as Omit<Neighbour, 'kind'>[];
  return rows.map((row) => ({ ...row, kind: 'item' as const }));
}

function describe(archive: Archive, id: string, kind: 'item' | 'entity', depth: number): GraphNode {
  if (kind === 'entity') {
    const row = archive.sqlite.prepare('SELECT kind, name FROM entities WHERE id = ?').get(id) as { kind: string; name: string };
    return { id, kind, type: row.kind, title: row.name, depth, deleted: false };
  }
  const row = archive.sqlite.prepare('SELECT type, title, deleted_at AS deletedAt FROM items WHERE id = ?').get(id) as {
    type: string;
    title: string;
    deletedAt: string | null;
  };
  return { id, kind, type: row.type, title: row.title, depth, deleted: row.deletedAt !== null };
}

export function graph(archive: Archive, input: InputOf<'graph'>): Graph {
  const root = resolveItemId(archive, input.id);
  const depth = input.depth ?? 1;
  const nodes = new Map<string, GraphNode>([[root, describe(archive, root, 'item', 0)]]);
  const edges = new Map<string, GraphEdge>();
  let frontier: { id: string; kind: 'item' | 'entity' }[] = [{ id: root, kind: 'item' }];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      const neighbours = node.kind === 'item' ? itemNeighbours(archive, node.id) : entityNeighbours(archive, node.id);
      for (const neighbour of neighbours) {
        if (!nodes.has(neighbour.id)) {
          if (nodes.size >= MAX_NODES) continue;
          nodes.set(neighbour.id, describe(archive, neighbour.id, neighbour.kind, level));
          next.push({ id: neighbour.id, kind: neighbour.kind });
        }
        edges.set(`${neighbour.from}|${neighbour.to}|${neighbour.rel}`, { from: neighbour.from, to: neighbour.to, rel: neighbour.rel });
      }
    }
    frontier = next;
  }
  return { root, depth, nodes: [...nodes.values()], edges: [...edges.values()] };
}

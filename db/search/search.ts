// Ranked full-text search over live items: bm25 with title and quote weighted above names and body, and a
// snippet of the best-matching column with HIGHLIGHT_START/END markers around each match.
import type { SearchHit, SearchInput, SearchResult } from '../../electron/contract';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../electron/contract';
import type { Archive } from '../open';
import { parseQuery, toFtsMatch } from './query';

// Column order in search_fts: title, quote, names, body.
const COLUMN_WEIGHTS = '10.0, 6.0, 3.0, 1.0';

export const ITEM_DATE_SQL = `COALESCE(
  (SELECT a.published_at FROM articles a WHERE a.item_id = i.id),
  (SELECT s.stated_on FROM statements s WHERE s.item_id = i.id),
  (SELECT n.date_start FROM incidents n WHERE n.item_id = i.id),
  NULL)`;

export function searchItems(archive: Archive, input: SearchInput): SearchResult {
  const parsed = parseQuery(input.query);
  if (!parsed.match) return { total: 0, hits: [] };
  const type = input.type ?? parsed.type ?? null;
  const match = toFtsMatch(parsed.match);
  const where = `search_fts MATCH @match AND i.deleted_at IS NULL AND (@type IS NULL OR i.type = @type)`;
  const from = `search_fts JOIN search_docs d ON d.doc_id = search_fts.rowid JOIN items i ON i.id = d.item_id`;

  const { total } = archive.sqlite.prepare(`SELECT count(*) AS total FROM ${from} WHERE ${where}`).get({ match, type }) as {
    total: number;
  };
  if (total === 0) return { total: 0, hits: [] };

  const hits = archive.sqlite
    .prepare(
      `SELECT i.id, i.type, i.title,
              snippet(search_fts, -1, @start, @end, '…', 24) AS snippet,
              ${ITEM_DATE_SQL} AS date
       FROM ${from} WHERE ${where}
       ORDER BY bm25(search_fts, ${COLUMN_WEIGHTS}), i.id
       LIMIT @limit OFFSET @offset`,
    )
    .all({
      match,
      type,
      start: HIGHLIGHT_START,
      end: HIGHLIGHT_END,
      limit: input.limit ?? 20,
      offset: input.offset ?? 0,
    }) as SearchHit[];
  return { total, hits };
}

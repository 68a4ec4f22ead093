// The timeline: incidents and statements placed by date, each with the precision the date is known to (a day,
// a month, approximate, a range), optionally narrowed to what the current search finds.
import type { InputOf, Timeline, TimelineEntry } from '../../electron/contract';
import type { Archive } from '../open';
import { searchItems } from '../search/search';

const PAGE = 500;

/** Every item id the search finds (all pages). */
function matchingIds(archive: Archive, query: string): Set<string> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = searchItems(archive, { query, limit: PAGE, offset });
    for (const hit of page.hits) ids.add(hit.id);
    if (page.hits.length < PAGE || offset + PAGE >= page.total) break;
  }
  return ids;
}

export function timeline(archive: Archive, input: InputOf<'timeline'>): Timeline {
  const range = { from: input.from ?? null, to: input.to ?? null };
  const incidents = archive.sqlite
    .prepare(
      `SELECT i.id, 'incident' AS type, i.title, n.date_start AS date, n.date_end AS dateEnd,
              coalesce(n.date_precision, 'day') AS precision, n.place, NULL AS speaker
         FROM incidents n JOIN items i ON i.id = n.item_id
        WHERE i.deleted_at IS NULL AND n.date_start IS NOT NULL
          AND (@from IS NULL OR coalesce(n.date_end, n.date_start) >= @from) AND (@to IS NULL OR n.date_start <= @to)`,
    )
    .all(range) as TimelineEntry[];
  const statements = archive.sqlite
    .prepare(
      `SELECT i.id, 'statement' AS type, i.title, s.stated_on AS date, NULL AS dateEnd, 'day' AS precision,
              s.venue AS place, s.speaker
         FROM statements s JOIN items i ON i.id = s.item_id
        WHERE i.deleted_at IS NULL AND s.stated_on IS NOT NULL
          AND (@from IS NULL OR s.stated_on >= @from) AND (@to IS NULL OR s.stated_on <= @to)`,
    )
    .all(range) as TimelineEntry[];
  const { undated } = archive.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM incidents n JOIN items i ON i.id = n.item_id WHERE i.deleted_at IS NULL AND n.date_start IS NULL)
            + (SELECT count(*) FROM statements s JOIN items i ON i.id = s.item_id WHERE i.deleted_at IS NULL AND s.stated_on IS NULL) AS undated`,
    )
    .get() as { undated: number };
  let entries = [...incidents, ...statements];
  if (input.query?.trim()) {
    const ids = matchingIds(archive, input.query);
    entries = entries.filter((entry) => ids.has(entry.id));
  }
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type) || a.title.localeCompare(b.title));
  return { ...range, entries, undated };
}

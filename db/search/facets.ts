// Facet counts for the current query: how many matching items per type, year, outlet, tag and case. Type,
// year and outlet give every item exactly one value (undated items count as "undated", items without an outlet as
// "none"), so each of those sums to the total; an item with two tags counts under both, and one without under "none".
import type { FacetCount, SearchFacets, SearchFacetsInput } from '../../electron/contract';
import type { Archive } from '../open';
import { planParams, planSearch, matchingDocsSql } from './plan';
import { parseQuery } from './query';

const NONE = 'none';
const TOP = 50;

/** The TOP most frequent values, the rest summed as "other" so that counts still add up. */
function topWithOther(counts: FacetCount[]): FacetCount[] {
  if (counts.length <= TOP) return counts;
  const other = counts.slice(TOP).reduce((sum, facet) => sum + facet.count, 0);
  return [...counts.slice(0, TOP), { value: 'other', count: other }];
}

const EMPTY: SearchFacets = { total: 0, type: [], year: [], outlet: [], tag: [], case: [] };

export function searchFacets(archive: Archive, input: SearchFacetsInput): SearchFacets {
  const plan = planSearch(archive, parseQuery(input.query), { type: input.type });
  if (!plan.selective) return EMPTY;
  const rows = archive.sqlite
    .prepare(
      `WITH hits AS MATERIALIZED (${matchingDocsSql(plan)}),
            docs AS MATERIALIZED (SELECT d.doc_id, d.item_id, d.type, d.day FROM hits JOIN search_docs d ON d.doc_id = hits.doc_id)
       SELECT 'type' AS facet, type AS value, count(*) AS count FROM docs GROUP BY type
       UNION ALL
       SELECT 'year', coalesce(substr(day, 1, 4), 'undated'), count(*) FROM docs GROUP BY 2
       UNION ALL
       SELECT 'outlet', coalesce(nullif(trim(a.outlet), ''), '${NONE}'), count(*) FROM docs LEFT JOIN articles a ON a.item_id = docs.item_id GROUP BY 2
       UNION ALL
       SELECT 'tag', coalesce(t.name, '${NONE}'), count(*) FROM docs
         LEFT JOIN item_tags it ON it.item_id = docs.item_id LEFT JOIN tags t ON t.id = it.tag_id GROUP BY 2
       UNION ALL
       SELECT 'case', coalesce(c.name, '${NONE}'), count(*) FROM docs
         LEFT JOIN case_items ci ON ci.item_id = docs.item_id LEFT JOIN cases c ON c.id = ci.case_id AND c.deleted_at IS NULL
        GROUP BY 2`,
    )
    .all(planParams(plan)) as { facet: keyof Omit<SearchFacets, 'total'>; value: string; count: number }[];
  const facets: SearchFacets = { total: 0, type: [], year: [], outlet: [], tag: [], case: [] };
  for (const row of rows) facets[row.facet].push({ value: row.value, count: row.count });
  const byCount = (a: FacetCount, b: FacetCount): number => b.count - a.count || a.value.localeCompare(b.value);
  facets.type.sort(byCount);
  facets.year.sort((a, b) => b.value.localeCompare(a.value));
  for (const name of ['outlet', 'tag', 'case'] as const) facets[name] = topWithOther(facets[name].sort(byCount));
  facets.total = facets.type.reduce((sum, facet) => sum + facet.count, 0);
  return facets;
}

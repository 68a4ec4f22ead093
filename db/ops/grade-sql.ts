// SQL expressions for an item's grades, over a row `i` of items; shared by getItem's claims and the search filters.

/**
 * SQL for an item's reliability grade (over `items i`): its article's outlet, else the graded person of its
 * statement's speaker, else the outlet of the article it is sourced from.
 */
export const ITEM_RELIABILITY_SQL = `COALESCE(
  (SELECT s.reliability FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.item_id = i.id),
  (SELECT s.reliability FROM statements st JOIN sources s ON s.kind <> 'outlet' AND lower(s.name) = lower(st.speaker) WHERE st.item_id = i.id),
  (SELECT s.reliability FROM links l JOIN articles a ON a.item_id = l.to_id JOIN sources s ON s.id = a.source_id
    WHERE l.from_id = i.id AND l.rel = 'sourced-from' AND s.reliability IS NOT NULL ORDER BY s.reliability LIMIT 1))`;

export const ITEM_CREDIBILITY_SQL = '(SELECT g.credibility FROM item_grades g WHERE g.item_id = i.id)';

// Anchored passages: where each statement's quote stands in its source article, re-found from the stored
// text-quote selector, so the article view can mark every passage and a statement can open on its own.
import type { PassageList, PassageView } from '../../electron/contract';
import { DossierError } from '../errors';
import type { Archive } from '../open';
import { findAnchor } from './anchors';
import { resolveItemId } from './items';

const CONTEXT = 160;

interface AnchoredStatement {
  statementId: string;
  articleId: string;
  speaker: string;
  quote: string;
  exact: string | null;
  prefix: string | null;
  suffix: string | null;
  body: string;
}

/** Statements tied to an article either way (statement sourced-from article, article quotes statement). */
const PAIRS_SQL = `SELECT DISTINCT s.item_id AS statementId, a.item_id AS articleId, s.speaker, s.quote,
       s.anchor_exact AS exact, s.anchor_prefix AS prefix, s.anchor_suffix AS suffix, a.body_text AS body
  FROM links l
  JOIN statements s ON s.item_id = CASE WHEN l.rel = 'sourced-from' THEN l.from_id ELSE l.to_id END
  JOIN articles a ON a.item_id = CASE WHEN l.rel = 'sourced-from' THEN l.to_id ELSE l.from_id END
  JOIN items si ON si.id = s.item_id
 WHERE l.rel IN ('sourced-from', 'quotes') AND si.deleted_at IS NULL`;

function passage(row: AnchoredStatement): PassageView {
  const found = row.exact ? findAnchor(row.body, { exact: row.exact, prefix: row.prefix, suffix: row.suffix }) : null;
  const base = { statementId: row.statementId, articleId: row.articleId, speaker: row.speaker, quote: row.quote };
  if (!found) return { ...base, start: null, end: null, method: null, distance: 0, before: '', text: '', after: '' };
  return {
    ...base,
    start: found.start,
    end: found.end,
    method: found.method,
    distance: found.distance,
    before: row.body.slice(Math.max(0, found.start - CONTEXT), found.start),
    text: row.body.slice(found.start, found.end),
    after: row.body.slice(found.end, found.end + CONTEXT),
  };
}

export function getPassages(archive: Archive, input: { id: string }): PassageList {
  const id = resolveItemId(archive, input.id);
  const { type } = archive.sqlite.prepare('SELECT type FROM items WHERE id = ?').get(id) as { type: string };
  if (type !== 'article' && type !== 'statement') {
    throw new DossierError('INVALID_INPUT', `Item ${id} is a ${type}; passages belong to articles and statements.`);
  }
  const column = type === 'article' ? 'a.item_id' : 's.item_id';
  const rows = archive.sqlite.prepare(`${PAIRS_SQL} AND ${column} = ?`).all(id) as AnchoredStatement[];
  const passages = rows
    .filter((row) => row.exact !== null || type === 'statement')
    .map(passage)
    .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity));
  return { id, type, passages };
}

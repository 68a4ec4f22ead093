// Ranked search over live items: bm25 with title, quote and names weighted above body (compile.ts), or newest
// first; snippets and name variants from the original text (snippet.ts). When plain words find nothing, they
// are looked for as substrings (trigram index) and the result says so; "did you mean" suggestions come from the
// small-field MiniSearch index (quick-find.ts).
import type { SearchHit, SearchInput, SearchResult } from '../../electron/contract';
import type { Archive } from '../open';
import { BM25_WEIGHTS, toFtsMatch } from './compile';
import { gatherSearchText } from './index-item';
import { matchingDocsSql, planParams, planSearch, type SearchPlan } from './plan';
import { parseQuery, type ParsedQuery, type TermNode } from './query';
import { suggestionsFor } from './quick-find';
import { prepared } from '../statements';
import { highlighterFor, nameVariants, snippetFor } from './snippet';

export const ITEM_DATE_SQL = `COALESCE(
  (SELECT a.published_at FROM articles a WHERE a.item_id = i.id),
  (SELECT s.stated_on FROM statements s WHERE s.item_id = i.id),
  (SELECT n.date_start FROM incidents n WHERE n.item_id = i.id),
  NULL)`;

type Sort = 'relevance' | 'date';

function rankedDocIds(archive: Archive, plan: SearchPlan, sort: Sort, limit: number, offset: number): number[] {
  const where = plan.conditions.join(' AND ');
  const byDate = 'd.day IS NULL, d.day DESC';
  let sql: string;
  if (!plan.match) {
    sql = `SELECT d.doc_id FROM search_docs d WHERE ${where} ORDER BY ${byDate}, d.doc_id DESC`;
  } else if (plan.conditions.length === 0 && sort === 'relevance') {
    // The hot path: nothing but the index, as cheap as a bare FTS5 query.
    sql = `SELECT rowid FROM search_fts WHERE search_fts MATCH @match ORDER BY bm25(search_fts, ${BM25_WEIGHTS}), rowid`;
  } else {
    const order = sort === 'date' ? `${byDate}, bm25(search_fts, ${BM25_WEIGHTS})` : `bm25(search_fts, ${BM25_WEIGHTS}), d.doc_id`;
    sql = `SELECT d.doc_id FROM search_fts JOIN search_docs d ON d.doc_id = search_fts.rowid
            WHERE search_fts MATCH @match${where ? ` AND ${where}` : ''} ORDER BY ${order}`;
  }
  return prepared(archive.sqlite, `${sql} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...planParams(plan), limit, offset }) as number[];
}

export function countMatches(archive: Archive, plan: SearchPlan): number {
  return prepared(archive.sqlite, `SELECT count(*) FROM (${matchingDocsSql(plan)})`).pluck().get(planParams(plan)) as number;
}

function hitsFor(archive: Archive, docIds: number[], parsed: ParsedQuery): SearchHit[] {
  if (docIds.length === 0) return [];
  const rows = prepared(
    archive.sqlite,
    `SELECT d.doc_id AS docId, d.item_id AS id, i.type, i.title, d.day AS date
       FROM search_docs d JOIN items i ON i.id = d.item_id WHERE d.doc_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(docIds)) as (Omit<SearchHit, 'snippet'> & { docId: number })[];
  const byDoc = new Map(rows.map((row) => [row.docId, row]));
  const highlighter = highlighterFor(parsed);
  return docIds.flatMap((docId) => {
    const row = byDoc.get(docId);
    const text = row ? gatherSearchText(archive, row.id) : null;
    if (!row || !text) return [];
    const hit: SearchHit = { id: row.id, type: row.type, title: row.title, snippet: snippetFor(text, highlighter), date: row.date };
    const variants = nameVariants(text, highlighter);
    if (variants.length > 0) hit.variants = variants;
    return [hit];
  });
}

/**
 * When plain words (no phrases, fields, prefixes or exclusions) find nothing, the words that occur nowhere as whole
 * words are looked for inside words instead (the trigram index), beside the words that do occur. Words that exist
 * but never together stay a miss: looking for common words as substrings would scan most of the archive.
 */
function substringFallback(archive: Archive, parsed: ParsedQuery): ParsedQuery | null {
  const match = parsed.match;
  if (!match) return null;
  const terms = match.kind === 'and' && match.exclude.length === 0 ? match.include : [match];
  const words: TermNode[] = [];
  const missing: string[] = [];
  for (const node of terms) {
    if (node.kind !== 'term' || node.prefix || node.words.length !== 1) return null;
    const found = prepared(archive.sqlite, 'SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT 1').get(toFtsMatch(node));
    if (found) words.push(node);
    else if ([...node.words[0]!].length >= 3) missing.push(node.words[0]!);
    else return null;
  }
  if (missing.length === 0) return null;
  return {
    match: words.length === 0 ? null : words.length === 1 ? words[0]! : { kind: 'and', include: words, exclude: [] },
    filters: parsed.filters,
    substrings: [...parsed.substrings, ...missing.map((text) => ({ text, negated: false }))],
  };
}

function run(archive: Archive, parsed: ParsedQuery, input: SearchInput): SearchResult | null {
  const plan = planSearch(archive, parsed, { type: input.type });
  if (!plan.selective) return null;
  const sort: Sort = input.sort ?? 'relevance';
  const limit = input.limit ?? 20;
  const offset = input.offset ?? 0;
  const docIds = rankedDocIds(archive, plan, sort, limit, offset);
  const total = offset === 0 && docIds.length < limit ? docIds.length : countMatches(archive, plan);
  const result: SearchResult = { total, hits: hitsFor(archive, docIds, parsed) };
  if (input.sort) result.sort = sort;
  return result;
}

export function searchItems(archive: Archive, input: SearchInput): SearchResult {
  const parsed = parseQuery(input.query);
  let result = run(archive, parsed, input);
  if (!result) return { total: 0, hits: [] };
  if (result.total === 0) {
    const fallback = substringFallback(archive, parsed);
    const found = fallback ? run(archive, fallback, input) : null;
    if (found && found.total > 0) result = { ...found, fallback: 'substring' };
  }
  if (input.suggest || result.total === 0) {
    const suggestions = suggestionsFor(archive, parsed, input.query, new Set(result.hits.map((hit) => hit.id)));
    if (suggestions.length > 0) result.suggestions = suggestions;
  }
  return result;
}

// Ranked search over live items: bm25 with title, quote and names weighted above body (compile.ts), or newest
// first; snippets and name variants from the original text (snippet.ts). When plain words find nothing, they
// are looked for as substrings (trigram index) and the result says so; "did you mean" suggestions come from the
// small-field MiniSearch index (quick-find.ts).
import type { SearchHit, SearchInput, SearchResult } from '../../electron/contract';
import type { Archive } from '../open';
import { BM25_WEIGHTS, checksPositions, expandsPrefix, toFtsMatch } from './compile';
import { gatherSearchText, joined, type SearchText } from './index-item';
import { matchingDocsSql, planParams, planSearch, type SearchPlan } from './plan';
import { parseQuery, type ParsedQuery, type TermNode } from './query';
import { suggestionsFor } from './quick-find';
import { prepared } from '../statements';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../electron/contract';
import { INDEX_ELLIPSIS, highlighterFor, nameVariants, snippetFor, snippetFromIndex, type ColumnText, type Highlighter } from './snippet';
import { KEY_PREFIX } from './translit';

export const ITEM_DATE_SQL = `COALESCE(
  (SELECT a.published_at FROM articles a WHERE a.item_id = i.id),
  (SELECT s.stated_on FROM statements s WHERE s.item_id = i.id),
  (SELECT n.date_start FROM incidents n WHERE n.item_id = i.id),
  NULL)`;

type Sort = 'relevance' | 'date';

/** One ranked hit: its search_docs row and, when the ranking computed it, FTS5's snippet() of the match. */
interface Ranked {
  docId: number;
  indexSnippet?: string;
}

/** What the ranking query also computes, beside the page of hits: snippets, or the number of matches. */
type RankingExtra = 'none' | 'snippets' | 'total';

const INDEX_SNIPPET = `snippet(search_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '${INDEX_ELLIPSIS}', 24)`;
const BM25 = `bm25(search_fts, ${BM25_WEIGHTS})`;

function ranked(archive: Archive, plan: SearchPlan, sort: Sort, page: { limit: number; offset: number; extra: RankingExtra }): { hits: Ranked[]; total: number | null } {
  const where = plan.conditions.join(' AND ');
  const params = { ...planParams(plan), limit: page.limit, offset: page.offset };
  const run = <T>(sql: string): T[] => prepared(archive.sqlite, `${sql} LIMIT @limit OFFSET @offset`).all(params) as T[];
  if (!plan.match) {
    return { hits: run<Ranked>(`SELECT d.doc_id AS docId FROM search_docs d WHERE ${where} ORDER BY d.day IS NULL, d.day DESC, d.doc_id DESC`), total: null };
  }
  // Nothing but the index when nothing else is asked for: as cheap as a bare FTS5 query.
  const joinDocs = plan.conditions.length > 0 || sort === 'date';
  const from = joinDocs ? 'search_fts JOIN search_docs d ON d.doc_id = search_fts.rowid' : 'search_fts';
  const filter = `search_fts MATCH @match${where ? ` AND ${where}` : ''}`;
  if (page.extra === 'total') {
    // Counting runs the MATCH again, which for phrases and NEAR costs as much as ranking: one pass over the matches,
    // kept aside, gives both.
    const rows = run<{ docId: number; total: number }>(
      `WITH matches AS MATERIALIZED (SELECT search_fts.rowid AS docId, ${joinDocs ? 'd.day' : 'NULL'} AS day, ${BM25} AS score FROM ${from} WHERE ${filter})
       SELECT docId, (SELECT count(*) FROM matches) AS total FROM matches
        ORDER BY ${sort === 'date' ? 'day IS NULL, day DESC, score' : 'score, docId'}`,
    );
    return { hits: rows.map(({ docId }) => ({ docId })), total: rows[0]?.total ?? null };
  }
  const snippet = page.extra === 'snippets' ? `, ${INDEX_SNIPPET} AS indexSnippet` : '';
  const order = sort === 'date' ? `d.day IS NULL, d.day DESC, ${BM25}` : `${BM25}, search_fts.rowid`;
  return { hits: run<Ranked>(`SELECT search_fts.rowid AS docId${snippet} FROM ${from} WHERE ${filter} ORDER BY ${order}`), total: null };
}

export function countMatches(archive: Archive, plan: SearchPlan): number {
  return prepared(archive.sqlite, `SELECT count(*) FROM (${matchingDocsSql(plan)})`).pluck().get(planParams(plan)) as number;
}

interface HitRow extends Omit<SearchHit, 'snippet'> {
  docId: number;
}

/** Hits built from the whole text of each item: for queries FTS5 does not mark itself (filters only, substrings). */
function hitsFromText(archive: Archive, docIds: number[], highlighter: Highlighter): SearchHit[] {
  const rows = prepared(
    archive.sqlite,
    `SELECT d.doc_id AS docId, d.item_id AS id, i.type, i.title, d.day AS date
       FROM search_docs d JOIN items i ON i.id = d.item_id WHERE d.doc_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(docIds)) as HitRow[];
  const byDoc = new Map(rows.map((row) => [row.docId, row]));
  return docIds.flatMap((docId) => {
    const row = byDoc.get(docId);
    const text = row ? gatherSearchText(archive, row.id) : null;
    return row && text ? [hitFromText(row, text, highlighter)] : [];
  });
}

function hitFromText(row: HitRow, text: SearchText, highlighter: Highlighter, snippet = snippetFor(text, highlighter)): SearchHit {
  const hit: SearchHit = { id: row.id, type: row.type, title: row.title, snippet, date: row.date };
  const variants = nameVariants(text, highlighter);
  if (variants.length > 0) hit.variants = variants;
  return hit;
}

/** The original text of the snippet columns, each read from the one table that holds it for the item's type. */
const ORIGINAL_COLUMNS = `
  CASE i.type WHEN 'article' THEN (SELECT body_text FROM articles WHERE item_id = d.item_id)
              WHEN 'incident' THEN (SELECT description FROM incidents WHERE item_id = d.item_id)
              WHEN 'note' THEN (SELECT body_markdown FROM notes WHERE item_id = d.item_id) END AS body,
  CASE i.type WHEN 'statement' THEN (SELECT quote FROM statements WHERE item_id = d.item_id) END AS quote,
  CASE i.type WHEN 'statement' THEN (SELECT translation FROM statements WHERE item_id = d.item_id) END AS translation,
  CASE i.type WHEN 'statement' THEN (SELECT speaker FROM statements WHERE item_id = d.item_id) END AS speaker,
  CASE i.type WHEN 'incident' THEN (SELECT place FROM incidents WHERE item_id = d.item_id) END AS place,
  CASE i.type WHEN 'incident' THEN (SELECT admin_area FROM incidents WHERE item_id = d.item_id) END AS adminArea,
  CASE i.type WHEN 'article' THEN (SELECT outlet FROM articles WHERE item_id = d.item_id) END AS outlet`;

/**
 * A page of hits (@docIds, a JSON array) with, per snippet column, the normalised text (n*) and the original; with
 * `lookUpSnippets`, also snippet() of @match, each hit looked up in the index again.
 */
function hitTextsSql(lookUpSnippets: boolean): string {
  return `SELECT d.doc_id AS docId, d.item_id AS id, i.type, i.title, d.day AS date,
          ${lookUpSnippets ? INDEX_SNIPPET : 'NULL'} AS indexSnippet,
          d.speaker_keys || ' ' || d.place_keys || ' ' || d.name_keys AS nameKeys,
          d.body AS nBody, d.title AS nTitle, d.quote AS nQuote, d.speaker AS nSpeaker, d.place AS nPlace, d.outlet AS nOutlet,
          ${ORIGINAL_COLUMNS}
     FROM json_each(@docIds) j
     ${lookUpSnippets ? 'CROSS JOIN search_fts ON search_fts.rowid = j.value AND search_fts MATCH @match' : ''}
     JOIN search_docs d ON d.doc_id = j.value
     JOIN items i ON i.id = d.item_id`;
}

/** A hit with its snippet() window and, per snippet column, the normalised text (n*) and the original. */
interface IndexedHitRow extends HitRow {
  indexSnippet: string | null;
  nameKeys: string;
  nBody: string;
  body: string | null;
  nTitle: string;
  nQuote: string;
  quote: string | null;
  translation: string | null;
  nSpeaker: string;
  speaker: string | null;
  nPlace: string;
  place: string | null;
  adminArea: string | null;
  nOutlet: string;
  outlet: string | null;
}

/**
 * Hits with FTS5's own snippet() (the work a bare FTS5 query does), shown in the original text: one query for the
 * page of hits brings the normalised columns and the original ones to place the window in. Only an item whose window
 * cannot be placed, or whose name fields matched a query word through transliteration, is read in full.
 */
function hitsFromIndex(archive: Archive, page: Ranked[], match: string, highlighter: Highlighter): SearchHit[] {
  const lookUpSnippets = page[0]?.indexSnippet === undefined;
  const rows = prepared(archive.sqlite, hitTextsSql(lookUpSnippets)).all({
    docIds: JSON.stringify(page.map((hit) => hit.docId)),
    ...(lookUpSnippets ? { match } : {}),
  }) as IndexedHitRow[];
  const byDoc = new Map(rows.map((row) => [row.docId, row]));
  const queryKeys = [...highlighter.keys.keys()].map((key) => KEY_PREFIX + key);
  return page.flatMap(({ docId, indexSnippet }) => {
    const row = byDoc.get(docId);
    if (!row) return [];
    const columns: ColumnText[] = [
      { normalised: row.nBody, original: row.body ?? '' },
      { normalised: row.nTitle, original: row.title },
      { normalised: row.nQuote, original: joined(row.quote, row.translation) },
      { normalised: row.nSpeaker, original: row.speaker ?? '' },
      { normalised: row.nPlace, original: joined(row.place, row.adminArea) },
      { normalised: row.nOutlet, original: row.outlet ?? '' },
    ];
    const windowFound = indexSnippet ?? row.indexSnippet;
    const snippet = windowFound ? snippetFromIndex(windowFound, columns) : null;
    const keys = ` ${row.nameKeys} `;
    const viaName = queryKeys.some((key) => keys.includes(` ${key} `));
    if (snippet !== null && !viaName) return [{ id: row.id, type: row.type, title: row.title, snippet, date: row.date }];
    const text = gatherSearchText(archive, row.id);
    return text ? [hitFromText(row, text, highlighter, snippet ?? undefined)] : [];
  });
}

function hitsFor(archive: Archive, page: Ranked[], parsed: ParsedQuery, plan: SearchPlan): SearchHit[] {
  if (page.length === 0) return [];
  const highlighter = highlighterFor(parsed);
  // Substrings are found through the trigram index, which FTS5's snippet() of the word index cannot mark.
  if (!plan.match || highlighter.substrings.length > 0) return hitsFromText(archive, page.map((hit) => hit.docId), highlighter);
  return hitsFromIndex(archive, page, plan.match, highlighter);
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
  // snippet() is cheapest computed afterwards for the page of hits alone, except where looking a hit up again expands
  // a prefix afresh (FTS5 merges every word that starts with it): then the ranking query computes it.
  const extra: RankingExtra = !parsed.match ? 'none' : expandsPrefix(parsed.match) ? 'snippets' : checksPositions(parsed.match) ? 'total' : 'none';
  const { hits: page, total: counted } = ranked(archive, plan, sort, { limit, offset, extra });
  const total = counted ?? (offset === 0 && page.length < limit ? page.length : countMatches(archive, plan));
  const result: SearchResult = { total, hits: hitsFor(archive, page, parsed, plan) };
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

// Ranked search over live items: bm25 with title, quote and names weighted above body (compile.ts), or newest
// first; snippets and name variants from the original text (snippet.ts). When plain words find nothing, they
// are looked for as substrings (trigram index) and the result says so; "did you mean" suggestions come from the
// dictionary of small-field words (quick-find.ts).
import type { SearchHit, SearchInput, SearchResult } from '../../electron/contract';
import type { Archive } from '../open';
import { BM25_WEIGHTS, PAIRS_BM25_WEIGHTS, readsPositions, toFtsMatch } from './compile';
import { gatherSearchText, joined, namesText } from './index-item';
import { matchingDocsSql, planParams, planSearch, type MatchIndex, type SearchPlan } from './plan';
import { parseQuery, type ParsedQuery, type TermNode } from './query';
import { suggestionsFor } from './quick-find';
import { prepared } from '../statements';
import { hasNameVariant, highlighterFor, nameVariants, snippetFor, snippetOfText, type SnippetColumn } from './snippet';
import { KEY_PREFIX } from './translit';

export const ITEM_DATE_SQL = `COALESCE(
  (SELECT a.published_at FROM articles a WHERE a.item_id = i.id),
  (SELECT s.stated_on FROM statements s WHERE s.item_id = i.id),
  (SELECT n.date_start FROM incidents n WHERE n.item_id = i.id),
  NULL)`;

type Sort = 'relevance' | 'date';

const BM25: Record<MatchIndex, string> = {
  search_fts: `bm25(search_fts, ${BM25_WEIGHTS})`,
  search_pairs: `bm25(search_pairs, ${PAIRS_BM25_WEIGHTS})`,
};

/** A page of hits (search_docs rows) in order and, when asked to count in the same pass, how many match in all. */
function ranked(archive: Archive, plan: SearchPlan, sort: Sort, page: { limit: number; offset: number; countToo: boolean }): { docIds: number[]; total: number | null } {
  const where = plan.conditions.join(' AND ');
  const params = { ...planParams(plan), limit: page.limit, offset: page.offset };
  const run = <T>(sql: string): T[] => prepared(archive.sqlite, `${sql} LIMIT @limit OFFSET @offset`).all(params) as T[];
  const docIdsOf = (rows: { docId: number }[]): number[] => rows.map((row) => row.docId);
  if (!plan.match) {
    return { docIds: docIdsOf(run(`SELECT d.doc_id AS docId FROM search_docs d WHERE ${where} ORDER BY d.day IS NULL, d.day DESC, d.doc_id DESC`)), total: null };
  }
  // Nothing but the index when nothing else is asked for: as cheap as a bare FTS5 query.
  const { index } = plan;
  const joinDocs = plan.conditions.length > 0 || sort === 'date';
  const from = joinDocs ? `${index} JOIN search_docs d ON d.doc_id = ${index}.rowid` : index;
  const filter = `${index} MATCH @match${where ? ` AND ${where}` : ''}`;
  const bm25 = BM25[index];
  if (page.countToo) {
    const rows = run<{ docId: number; total: number }>(
      `WITH matches AS MATERIALIZED (SELECT ${index}.rowid AS docId, ${joinDocs ? 'd.day' : 'NULL'} AS day, ${bm25} AS score FROM ${from} WHERE ${filter})
       SELECT docId, (SELECT count(*) FROM matches) AS total FROM matches
        ORDER BY ${sort === 'date' ? 'day IS NULL, day DESC, score' : 'score, docId'}`,
    );
    return { docIds: docIdsOf(rows), total: rows[0]?.total ?? null };
  }
  const order = sort === 'date' ? `d.day IS NULL, d.day DESC, ${bm25}` : `${bm25}, ${index}.rowid`;
  return { docIds: docIdsOf(run(`SELECT ${index}.rowid AS docId FROM ${from} WHERE ${filter} ORDER BY ${order}`)), total: null };
}

function countMatches(archive: Archive, plan: SearchPlan): number {
  return prepared(archive.sqlite, `SELECT count(*) FROM (${matchingDocsSql(plan)})`).pluck().get(planParams(plan)) as number;
}

/** A page of hits (@docIds, a JSON array) with, per snippet column, the normalised text (n*) and the original (read
 * from the one table that holds it for the item's type). */
const HIT_TEXTS_SQL = `SELECT d.doc_id AS docId, d.item_id AS id, i.type, i.title, d.day AS date, d.joined,
          d.speaker_keys || ' ' || d.place_keys || ' ' || d.name_keys AS nameKeys,
          d.body AS nBody, d.title AS nTitle, d.quote AS nQuote, d.names AS nNames, d.speaker AS nSpeaker, d.place AS nPlace,
          d.outlet AS nOutlet,
          coalesce(a.body_text, n.description, o.body_markdown) AS body, s.quote, s.translation, s.speaker,
          n.place, n.admin_area AS adminArea, a.outlet
     FROM json_each(@docIds) j
     JOIN search_docs d ON d.doc_id = j.value
     JOIN items i ON i.id = d.item_id
     LEFT JOIN articles a ON i.type = 'article' AND a.item_id = d.item_id
     LEFT JOIN statements s ON i.type = 'statement' AND s.item_id = d.item_id
     LEFT JOIN incidents n ON i.type = 'incident' AND n.item_id = d.item_id
     LEFT JOIN notes o ON i.type = 'note' AND o.item_id = d.item_id`;

interface HitTextsRow extends Omit<SearchHit, 'snippet'> {
  docId: number;
  joined: string;
  nameKeys: string;
  nBody: string;
  body: string | null;
  nTitle: string;
  nQuote: string;
  quote: string | null;
  nNames: string;
  translation: string | null;
  nSpeaker: string;
  speaker: string | null;
  nPlace: string;
  place: string | null;
  adminArea: string | null;
  nOutlet: string;
  outlet: string | null;
}

/** Every snippet column but names (tags, byline, address, entity names), whose original namesText reads when needed. */
function snippetColumns(row: HitTextsRow): SnippetColumn[] {
  return [
    { name: 'quote', normalised: row.nQuote, original: joined(row.quote, row.translation) },
    { name: 'body', normalised: row.nBody, original: row.body ?? '' },
    { name: 'title', normalised: row.nTitle, original: row.title },
    { name: 'speaker', normalised: row.nSpeaker, original: row.speaker ?? '' },
    { name: 'place', normalised: row.nPlace, original: joined(row.place, row.adminArea) },
    { name: 'outlet', normalised: row.nOutlet, original: row.outlet ?? '' },
  ];
}

/**
 * The page of hits with their snippets: one query brings the normalised and the original text of each. The original
 * of an item's names (tags, byline, address, entity names) is read only when the match lies there, or when a name
 * matched through transliteration (the hit then names the variant).
 */
function hitsFor(archive: Archive, docIds: number[], parsed: ParsedQuery): SearchHit[] {
  if (docIds.length === 0) return [];
  const highlighter = highlighterFor(parsed);
  const rows = prepared(archive.sqlite, HIT_TEXTS_SQL).all({ docIds: JSON.stringify(docIds) }) as HitTextsRow[];
  const byDoc = new Map(rows.map((row) => [row.docId, row]));
  const queryKeys = [...highlighter.keys.keys()].map((key) => KEY_PREFIX + key);
  const marksSomething = highlighter.sequences.length > 0 || highlighter.substrings.length > 0;
  return docIds.flatMap((docId) => {
    const row = byDoc.get(docId);
    if (!row) return [];
    const keys = ` ${row.nameKeys} `;
    const nameKeys = queryKeys.some((key) => keys.includes(` ${key} `));
    const viaName = nameKeys && hasNameVariant([row.nSpeaker, row.nPlace, row.nNames], highlighter);
    // Compounds (al-suknah for alsuknah) are looked for only in items whose joined forms hold a query word.
    const joinedForms = ` ${row.joined} `;
    const compounds = highlighter.joined.some(({ text, prefix }) => joinedForms.includes(` ${text}${prefix ? '' : ' '}`));
    const columns = snippetColumns(row);
    const snippet = viaName ? null : snippetFor(columns, highlighter, { compounds, nameKeys, needMarks: marksSomething });
    if (snippet !== null) return [{ id: row.id, type: row.type, title: row.title, snippet, date: row.date }];
    const names = namesText(archive, row.id, row.type);
    const withNames = [...columns.slice(0, 3), { name: 'names' as const, normalised: row.nNames, original: names }, ...columns.slice(3)];
    let snippetWithNames = snippetFor(withNames, highlighter, { compounds, nameKeys });
    if (snippetWithNames === null) {
      // The row is behind the item (it changed since): read the item and normalise it whole.
      const text = gatherSearchText(archive, row.id);
      if (!text) return [];
      snippetWithNames = snippetOfText(text, highlighter);
    }
    const hit: SearchHit = { id: row.id, type: row.type, title: row.title, snippet: snippetWithNames, date: row.date };
    const variants = viaName ? nameVariants({ speaker: row.speaker ?? '', place: joined(row.place, row.adminArea), names }, highlighter) : [];
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
  // Counting runs the MATCH again, which for phrases, NEAR and fields costs about as much as ranking: then one pass
  // over the matches, kept aside, gives both. (In the pairs index a phrase is mostly one pair: counting it is cheap.)
  const countToo = plan.index === 'search_fts' && parsed.match !== null && readsPositions(parsed.match);
  const { docIds, total: counted } = ranked(archive, plan, sort, { limit, offset, countToo });
  const total = counted ?? (offset === 0 && docIds.length < limit ? docIds.length : countMatches(archive, plan));
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

// A parsed query as SQL over search_docs `d`: the FTS5 MATCH expression plus the conditions of its filters
// (type, tag, case, lang, dates), substrings (trigram index) and exclusions. Shared by search, facets and watch
// terms, so that all three count the same items.
import { DossierError } from '../errors';
import type { Archive } from '../open';
import { toFtsMatch, toPairsMatch } from './compile';
import { gradeCondition } from './grade-filter';
import { normaliseForSearch } from './normalise';
import type { Filter, ParsedQuery, QueryNode } from './query';

/** The full-text index a plan's MATCH is for: the words, or their pairs (for queries made only of phrases). */
export type MatchIndex = 'search_fts' | 'search_pairs';

export interface SearchPlan {
  /** FTS5 MATCH expression that ranks, or null when only conditions select (filters, substrings). */
  match: string | null;
  index: MatchIndex;
  conditions: string[];
  params: Record<string, string | number | null>;
  /** False for an empty query: nothing is found. */
  selective: boolean;
}

const TRIGRAM_COLUMNS = ['title', 'quote', 'names', 'body', 'speaker', 'place', 'outlet'];

/** A GLOB pattern for text anywhere in a column (both sides are normalised, so case needs no folding). GLOB, not
 * LIKE: the trigram index serves LIKE only without an ESCAPE clause, and GLOB can quote its wildcards in brackets. */
function globPattern(text: string): string {
  return `*${text.replace(/[[?*]/g, (char) => `[${char}]`)}*`;
}

function resolveTagIds(archive: Archive, value: string): string[] {
  const wanted = normaliseForSearch(value).trim();
  const tags = archive.sqlite.prepare('SELECT id, name FROM tags').all() as { id: string; name: string }[];
  return tags.filter((tag) => normaliseForSearch(tag.name).trim() === wanted).map((tag) => tag.id);
}

function resolveCaseId(archive: Archive, value: string): string {
  const wanted = normaliseForSearch(value).trim();
  const cases = archive.sqlite.prepare('SELECT id, name FROM cases WHERE deleted_at IS NULL').all() as { id: string; name: string }[];
  const found =
    cases.find((c) => c.id === value) ??
    cases.find((c) => normaliseForSearch(c.name).trim() === wanted) ??
    (value.length >= 8 ? cases.find((c) => c.id.startsWith(value)) : undefined);
  if (!found) throw new DossierError('BAD_QUERY', `There is no case named "${value}": case: takes a case's name or id.`);
  return found.id;
}

function filterCondition(archive: Archive, filter: Filter, name: string, params: SearchPlan['params']): string {
  let condition: string;
  switch (filter.field) {
    case 'type':
      params[name] = filter.value;
      condition = `d.type = @${name}`;
      break;
    case 'lang':
      params[name] = filter.value;
      condition = `(d.lang = @${name} OR d.lang LIKE @${name} || '-%')`;
      break;
    case 'from':
      params[name] = filter.value;
      condition = `d.day >= @${name}`;
      break;
    case 'to':
      params[name] = filter.value;
      condition = `d.day <= @${name}`;
      break;
    case 'tag':
      params[name] = JSON.stringify(resolveTagIds(archive, filter.value));
      condition = `EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = d.item_id AND t.tag_id IN (SELECT value FROM json_each(@${name})))`;
      break;
    case 'case':
      params[name] = resolveCaseId(archive, filter.value);
      condition = `EXISTS (SELECT 1 FROM case_items c WHERE c.item_id = d.item_id AND c.case_id = @${name})`;
      break;
    case 'reliability':
    case 'credibility':
      condition = gradeCondition(filter.field, filter.value, name, params);
      break;
  }
  return filter.negated ? `NOT coalesce(${condition}, 0)` : condition;
}

export function planSearch(archive: Archive, parsed: ParsedQuery, extra: { type?: string; itemIds?: string[] } = {}): SearchPlan {
  const plan: SearchPlan = { match: null, index: 'search_fts', conditions: [], params: {}, selective: false };
  let match: QueryNode | null = parsed.match;
  if (match && match.kind === 'and' && match.include.length === 0) {
    // Only exclusions beside filters ("type:note -draft"): the excluded words select what to leave out.
    plan.params.excluded = toFtsMatch({ kind: 'or', options: match.exclude });
    plan.conditions.push('d.doc_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @excluded)');
    match = null;
  }
  if (match) {
    const pairs = toPairsMatch(match);
    plan.match = pairs ?? toFtsMatch(match);
    if (pairs !== null) plan.index = 'search_pairs';
  }

  parsed.filters.forEach((filter, index) => plan.conditions.push(filterCondition(archive, filter, `filter${index}`, plan.params)));
  parsed.substrings.forEach((substring, index) => {
    const name = `substring${index}`;
    plan.params[name] = globPattern(substring.text);
    const union = TRIGRAM_COLUMNS.map((column) => `SELECT rowid FROM search_trigram WHERE ${column} GLOB @${name}`).join(' UNION ');
    plan.conditions.push(`d.doc_id ${substring.negated ? 'NOT IN' : 'IN'} (${union})`);
  });
  plan.selective = plan.match !== null || plan.conditions.length > 0;
  if (extra.type) {
    plan.params.inputType = extra.type;
    plan.conditions.push('d.type = @inputType');
  }
  if (extra.itemIds) {
    plan.params.itemIds = JSON.stringify(extra.itemIds);
    plan.conditions.push('d.item_id IN (SELECT value FROM json_each(@itemIds))');
  }
  return plan;
}

/** SQL selecting the doc_id of every item the plan finds (for counts, facets and watch terms). */
export function matchingDocsSql(plan: SearchPlan): string {
  const where = plan.conditions.length ? plan.conditions.join(' AND ') : '1';
  if (!plan.match) return `SELECT d.doc_id FROM search_docs d WHERE ${where}`;
  const index = plan.index;
  if (plan.conditions.length === 0) return `SELECT rowid AS doc_id FROM ${index} WHERE ${index} MATCH @match`;
  return `SELECT d.doc_id FROM ${index} JOIN search_docs d ON d.doc_id = ${index}.rowid
          WHERE ${index} MATCH @match AND ${where}`;
}

export function planParams(plan: SearchPlan): Record<string, string | number | null> {
  return plan.match ? { ...plan.params, match: plan.match } : plan.params;
}

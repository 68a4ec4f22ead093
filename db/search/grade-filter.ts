// The grade filters of the search box: `reliability:A-B` (the source's Admiralty grade, A best) and
// `credibility:1-2` (the item's own information grade, 1 best). A single grade (`reliability:A`) works too.
import { DossierError } from '../errors';
import { ITEM_CREDIBILITY_SQL, ITEM_RELIABILITY_SQL } from '../ops/grade-sql';

export type GradeField = 'reliability' | 'credibility';

const PATTERNS: Record<GradeField, { single: string; example: string }> = {
  reliability: { single: '[A-F]', example: 'reliability:A-B' },
  credibility: { single: '[1-6]', example: 'credibility:1-2' },
};

/** "a-b" -> "A-B", "B" -> "B-B"; the lower bound first whichever way round it was written. */
export function validateGradeRange(field: GradeField, value: string): string {
  const { single, example } = PATTERNS[field];
  const match = new RegExp(`^(${single})(?:-(${single}))?$`, 'i').exec(value.trim());
  if (!match) {
    throw new DossierError('BAD_QUERY', `${field}: needs a grade or a range such as ${example}, not "${value}".`);
  }
  const [low, high] = [match[1]!.toUpperCase(), (match[2] ?? match[1]!).toUpperCase()].sort();
  return `${low}-${high}`;
}

/** SQL condition over search_docs `d` for a validated range; binds two parameters named after `name`. */
export function gradeCondition(field: GradeField, range: string, name: string, params: Record<string, string | number | null>): string {
  const [low, high] = range.split('-') as [string, string];
  const expression = field === 'reliability' ? ITEM_RELIABILITY_SQL : ITEM_CREDIBILITY_SQL;
  params[`${name}Low`] = field === 'reliability' ? low : Number(low);
  params[`${name}High`] = field === 'reliability' ? high : Number(high);
  return `EXISTS (SELECT 1 FROM items i WHERE i.id = d.item_id AND ${expression} BETWEEN @${name}Low AND @${name}High)`;
}

// Readable (non --json) output of the search commands: hits with highlighted snippets, the name variants that
// matched, "did you mean", facets, saved searches and watch terms.
import { HIGHLIGHT_END, HIGHLIGHT_START, type FacetCount, type SavedSearch, type SearchFacets, type SearchResult, type WatchHit } from '../contract';

const BOLD = process.stdout.isTTY ? '\u001b[1m' : '';
const RESET = process.stdout.isTTY ? '\u001b[0m' : '';

function highlight(snippet: string): string {
  const [start, end] = BOLD ? [BOLD, RESET] : ['[', ']'];
  return snippet.split(HIGHLIGHT_START).join(start).split(HIGHLIGHT_END).join(end).replace(/\s+/g, ' ');
}

const counts = (facet: FacetCount[]): string => facet.map(({ value, count }) => `${value} ${count}`).join(', ');

function formatFacets(facets: SearchFacets): string[] {
  return [
    `by type: ${counts(facets.type)}`,
    `by year: ${counts(facets.year)}`,
    `by outlet: ${counts(facets.outlet)}`,
    `by tag: ${counts(facets.tag)}`,
    `by case: ${counts(facets.case)}`,
  ];
}

function formatSearch(result: SearchResult & { facets?: SearchFacets }): string {
  const lines: string[] = [];
  if (result.fallback === 'substring') lines.push('No whole words matched; showing items that contain them inside words.');
  for (const hit of result.hits) {
    lines.push(`${hit.id}  ${hit.type.padEnd(9)} ${hit.date ?? '          '}  ${hit.title}`, `    ${highlight(hit.snippet)}`);
    for (const variant of hit.variants ?? []) lines.push(`    "${variant.query}" matched ${variant.field} "${variant.matched}"`);
  }
  lines.push(`${result.hits.length} shown of ${result.total} matching${result.sort === 'date' ? ', newest first' : ''}`);
  for (const suggestion of result.suggestions ?? []) {
    const titles = suggestion.items.map((item) => item.title).join('; ');
    lines.push(`Did you mean: ${suggestion.query}   (${titles})`);
  }
  if (result.facets) lines.push(...formatFacets(result.facets));
  return lines.join('\n');
}

function formatSaved(value: { searches: SavedSearch[] }): string {
  if (value.searches.length === 0) return 'No saved searches.';
  return value.searches.map((saved) => `${saved.id}  ${saved.watch ? 'watch ' : 'saved '} ${saved.name}: ${saved.query}`).join('\n');
}

/** The lines an import report adds for its watch hits. */
export function formatWatchHits(hits: WatchHit[]): string[] {
  return hits.map((hit) => `watch "${hit.name}" (${hit.query}) found ${hit.items.length} new: ${hit.items.map((item) => item.title).join('; ')}`);
}

/** The readable output of a search command, or null for other commands. */
export function formatSearchOutput(command: string, value: unknown): string | null {
  if (command === 'search') return formatSearch(value as SearchResult);
  if (command === 'saved list' || command === 'watch list') return formatSaved(value as { searches: SavedSearch[] });
  return null;
}

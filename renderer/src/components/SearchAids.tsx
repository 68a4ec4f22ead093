// What helps while searching: sort by relevance or date, "did you mean" spellings from titles and names, a note
// when hits come from substrings, counts by type, year, outlet, tag and case that narrow the query when clicked,
// and the query language's help.
import { useEffect, useState } from 'react';
import type { FacetCount, SearchFacets, SearchSuggestion } from '../../../electron/contract';
import { api } from '../api';
import { useDebounced } from '../hooks';
import { Dialog } from './Dialog';

export interface SearchNotes {
  suggestions: SearchSuggestion[];
  fallback: 'substring' | null;
}

interface SearchAidsProps {
  query: string;
  sort: 'relevance' | 'date';
  notes: SearchNotes | null;
  onSort: (sort: 'relevance' | 'date') => void;
  onQuery: (query: string) => void;
  onOpen: (id: string) => void;
}

/** True when the query has an OR outside parentheses and quotes, so that a filter must not be appended bare. */
function hasTopLevelOr(query: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const token of query.match(/"|\(|\)|[^\s"()]+/g) ?? []) {
    if (token === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (token === '(') depth++;
    else if (token === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (token === 'OR' || token === '|')) return true;
  }
  return false;
}

/** Adds a filter for the whole query: filters apply to all of it, so an OR at the top is grouped first. */
export function narrowQuery(query: string, token: string): string {
  return hasTopLevelOr(query) ? `(${query.trim()}) ${token}` : `${query.trim()} ${token}`;
}

/** A filter token for a facet value, quoted when it has spaces. */
function filterToken(field: string, value: string): string {
  if (field === 'year') return `from:${value} to:${value}`;
  const quoted = /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
  return `${field === 'outlet' ? 'source' : field}:${quoted}`;
}

function FacetGroup({ label, field, counts, onPick }: { label: string; field: string; counts: FacetCount[]; onPick: (token: string) => void }) {
  if (counts.length < 2) return null;
  return (
    <div className="facet-group" data-testid={`facet-${field}`}>
      <span className="facet-label">{label}</span>
      {counts.slice(0, 8).map((entry) => (
        <button key={entry.value} type="button" className="facet-chip" dir="auto" onClick={() => onPick(filterToken(field, entry.value))}>
          {entry.value} <span className="count">{entry.count}</span>
        </button>
      ))}
    </div>
  );
}

export function SearchAids({ query, sort, notes, onSort, onQuery, onOpen }: SearchAidsProps) {
  const [facets, setFacets] = useState<SearchFacets | null>(null);
  const [help, setHelp] = useState(false);
  // Counting is slower than searching on broad queries: it waits until typing pauses.
  const settled = useDebounced(query, 400);
  useEffect(() => {
    let live = true;
    setFacets(null);
    if (!settled) return;
    void api.searchFacets({ query: settled }).then((result) => {
      if (live && result.ok) setFacets(result.value);
    });
    return () => {
      live = false;
    };
  }, [settled]);

  const narrow = (token: string) => onQuery(narrowQuery(query, token));
  return (
    <div className="search-aids" data-testid="search-aids">
      <div className="search-aids-row">
        <div className="segmented small" role="radiogroup" aria-label="Order of the hits">
          {(['relevance', 'date'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={sort === value}
              className={sort === value ? 'segment selected' : 'segment'}
              onClick={() => onSort(value)}
              data-testid={`sort-${value}`}
            >
              {value === 'relevance' ? 'Best match' : 'Newest'}
            </button>
          ))}
        </div>
        <button type="button" className="link-button" onClick={() => setHelp(true)} data-testid="search-help-button">
          Search syntax
        </button>
      </div>
      {notes?.fallback === 'substring' ? (
        <p className="search-note">No whole words matched; these items contain your words inside longer ones.</p>
      ) : null}
      {notes && notes.suggestions.length > 0 ? (
        <p className="search-note" data-testid="search-suggestions">
          Also matching:{' '}
          {notes.suggestions.map((suggestion) => (
            <span key={suggestion.term}>
              <button type="button" className="link-button" dir="auto" onClick={() => onQuery(suggestion.query)}>
                {suggestion.term}
              </button>
              {suggestion.items[0] ? (
                <>
                  {' '}
                  (<button type="button" className="link-button muted" dir="auto" onClick={() => onOpen(suggestion.items[0]!.id)}>
                    {suggestion.items[0].title}
                  </button>)
                </>
              ) : null}{' '}
            </span>
          ))}
        </p>
      ) : null}
      {facets ? (
        <div className="facets" data-testid="facets">
          <FacetGroup label="Type" field="type" counts={facets.type} onPick={narrow} />
          <FacetGroup label="Year" field="year" counts={facets.year} onPick={narrow} />
          <FacetGroup label="Outlet" field="outlet" counts={facets.outlet} onPick={narrow} />
          <FacetGroup label="Tag" field="tag" counts={facets.tag} onPick={narrow} />
          <FacetGroup label="Case" field="case" counts={facets.case} onPick={narrow} />
        </div>
      ) : null}
      {help ? <SearchHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

const SYNTAX: [string, string][] = [
  ['popov homs', 'both words, in any order'],
  ['"three bases"', 'the exact phrase'],
  ['isis OR daesh', 'either word'],
  ['ambush -training', 'the first without the second (also NOT training)'],
  ['sukh*', 'words beginning with sukh'],
  ['*kamera*', 'inside longer words (Videokamera)'],
  ['popov NEAR/5 bases', 'within five words of each other'],
  ['(ambush OR attack) homs', 'grouping'],
  ['type:statement', 'article, statement, incident or note'],
  ['speaker:popov  place:homs  source:reuters', 'in a speaker, place or outlet'],
  ['tag:airstrike  case:"Al-Suknah"  lang:ar', 'by tag, case or language'],
  ['from:2024-04-01 to:2024-04-30', 'by date (a year or month works too)'],
];

export function SearchHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Search syntax" testId="search-help" onClose={onClose}>
      <table className="shortcut-table">
        <tbody>
          {SYNTAX.map(([example, meaning]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Case, accents and letter variants do not matter (أحمد = احمد, Артём = Артем, al-Suknah = alSuknah), and names are
        found across scripts: Popov finds Попов, Sukhnah finds السخنة. Quote a word to turn that off.
      </p>
    </Dialog>
  );
}

// Typo-tolerant prefix search over small fields only (titles, speakers, places, outlets, names and tags; never
// bodies: at 100k bodies MiniSearch needs ~1 GB and 10 s to load). It serves the quick switcher and link
// autocomplete (quickFind) and the "did you mean / also matching" line under search results. The index is kept
// in the archive (search_cache) under a key of its options, the schema and normalisation versions and the last
// change (audit sequence and last search row), held in memory per connection, and rebuilt only when stale.
import type Database from 'better-sqlite3';
import type MiniSearch from 'minisearch';
import type { Options, SearchResult as MiniResult } from 'minisearch';
import { miniSearch } from '../lazy';
import type { ItemType, QuickFindResult, SearchSuggestion } from '../../electron/contract';
import type { Archive } from '../open';
import { NORMALISATION_VERSION, joinedForms, normaliseForSearch, wordsOf } from './normalise';
import type { ParsedQuery } from './query';
import { positiveNodes } from './query';
import { prepared } from '../statements';
import { KEY_PREFIX, nameKey } from './translit';

/** Bump when the options below change: a persisted index built with others is then rebuilt. */
const OPTIONS_VERSION = 1;
const CACHE_NAME = 'minisearch-small-fields';
const FIELDS = ['title', 'speaker', 'place', 'outlet', 'names'];

interface SmallDoc {
  id: string;
  type: ItemType;
  title: string;
  speaker: string;
  place: string;
  outlet: string;
  names: string;
}

const tokenize = (text: string): string[] => {
  const normalised = normaliseForSearch(text);
  return [...wordsOf(normalised), ...joinedForms(normalised)];
};

const options: Options<SmallDoc> = {
  fields: FIELDS,
  storeFields: ['type', 'title'],
  tokenize,
  // Each word is indexed as written and as its transliteration key, so Попов is found from popov.
  processTerm: (term) => {
    const key = nameKey(term);
    return key ? [term, KEY_PREFIX + key] : term;
  },
  searchOptions: { tokenize, processTerm: (term) => term },
};

const loaded = new WeakMap<Database.Database, { key: string; index: MiniSearch<SmallDoc> }>();

function currentKey(archive: Archive): string {
  const lastAudit = prepared(archive.sqlite, 'SELECT max(seq) FROM audit_log').pluck().get() as number | null;
  const lastDoc = prepared(archive.sqlite, 'SELECT max(doc_id) FROM search_docs').pluck().get() as number | null;
  return JSON.stringify([OPTIONS_VERSION, archive.schemaVersion, NORMALISATION_VERSION, lastAudit ?? 0, lastDoc ?? 0]);
}

function smallDocs(archive: Archive): SmallDoc[] {
  return archive.sqlite
    .prepare(
      `SELECT i.id, i.type, i.title,
              coalesce(s.speaker, '') AS speaker,
              coalesce(n.place, '') || ' ' || coalesce(n.admin_area, '') AS place,
              coalesce(a.outlet, '') AS outlet,
              concat_ws(' ', s.organisation, s.venue, a.byline,
                        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id)) AS names
         FROM items i
         LEFT JOIN statements s ON s.item_id = i.id
         LEFT JOIN incidents n ON n.item_id = i.id
         LEFT JOIN articles a ON a.item_id = i.id
        WHERE i.deleted_at IS NULL`,
    )
    .all() as SmallDoc[];
}

/** The small-field index for the archive as it is now: from memory, else from the archive, else built. */
export function smallFieldIndex(archive: Archive): MiniSearch<SmallDoc> {
  const key = currentKey(archive);
  const inMemory = loaded.get(archive.sqlite);
  if (inMemory?.key === key) return inMemory.index;
  const stored = archive.sqlite.prepare('SELECT key, data FROM search_cache WHERE name = ?').get(CACHE_NAME) as
    | { key: string; data: string }
    | undefined;
  let index: MiniSearch<SmallDoc>;
  if (stored?.key === key) {
    index = miniSearch().loadJSON<SmallDoc>(stored.data, options);
  } else {
    index = new (miniSearch())<SmallDoc>(options);
    index.addAll(smallDocs(archive));
    if (!archive.sqlite.readonly) {
      archive.sqlite
        .prepare('INSERT INTO search_cache (name, key, data) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET key = excluded.key, data = excluded.data')
        .run(CACHE_NAME, key, JSON.stringify(index));
    }
  }
  loaded.set(archive.sqlite, { key, index });
  return index;
}

function keyQueries(words: string[]): string[] {
  return words.map(nameKey).filter((key): key is string => key !== null).map((key) => KEY_PREFIX + key);
}

export function quickFind(archive: Archive, input: { query: string; limit?: number }): QuickFindResult {
  const words = wordsOf(normaliseForSearch(input.query));
  if (words.length === 0) return { hits: [] };
  const index = smallFieldIndex(archive);
  // At most two edits, and none for short words: fuzzy matching costs grow with the distance allowed.
  const typed = { queries: [words.join(' ')], combineWith: 'AND', prefix: true, fuzzy: (term: string) => (term.length >= 4 ? 0.2 : false), maxFuzzy: 2 };
  const keys = keyQueries(words);
  const query = keys.length === words.length ? { queries: [typed, { queries: [keys.join(' ')], combineWith: 'AND' }], combineWith: 'OR' } : typed;
  const results = index.search(query as never, { boost: { title: 2, speaker: 1.5, place: 1.5 } }) as (MiniResult & { type: ItemType; title: string })[];
  return {
    hits: results.slice(0, input.limit ?? 10).map((result) => ({
      id: String(result.id),
      type: result.type,
      title: result.title,
      score: Math.round(result.score * 1000) / 1000,
      matched: result.terms.filter((term) => !term.startsWith(KEY_PREFIX)),
    })),
  };
}

/** "Did you mean": other spellings of the query's words found in small fields (Suknah -> Sukhnah), with items. */
export function suggestionsFor(archive: Archive, parsed: ParsedQuery, query: string, shown: Set<string>): SearchSuggestion[] {
  const words = positiveNodes(parsed.match).flatMap((node) =>
    node.kind === 'term' && !node.prefix && node.words.length === 1 && node.words[0]!.length >= 4 ? [{ word: node.words[0]!, raw: node.raw }] : [],
  );
  if (words.length === 0) return [];
  const index = smallFieldIndex(archive);
  const byTerm = new Map<string, SearchSuggestion>();
  for (const { word, raw } of words.slice(0, 4)) {
    const keys = keyQueries([word]);
    const queries = [{ queries: [word], fuzzy: 0.25, maxFuzzy: 2 }, ...(keys.length ? [{ queries: keys }] : [])];
    const results = index.search({ queries, combineWith: 'OR' } as never) as (MiniResult & { type: ItemType; title: string })[];
    for (const result of results) {
      for (const term of result.terms) {
        if (term === word || term.startsWith(KEY_PREFIX) || shown.has(String(result.id))) continue;
        const suggestion = byTerm.get(term) ?? { term, query: query.replace(raw, term), items: [] };
        if (suggestion.items.length < 5 && !suggestion.items.some((item) => item.id === result.id)) {
          suggestion.items.push({ id: String(result.id), type: result.type, title: result.title });
        }
        byTerm.set(term, suggestion);
      }
    }
  }
  return [...byTerm.values()].sort((a, b) => b.items.length - a.items.length).slice(0, 3);
}

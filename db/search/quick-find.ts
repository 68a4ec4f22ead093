// Typo-tolerant prefix search over small fields only (titles, speakers, places, outlets, names and tags; never
// bodies). It serves the quick switcher and link autocomplete (quickFind) and the "did you mean / also matching"
// line under search results. Two layers:
// - a dictionary of the words that occur in small fields: MiniSearch over words, not items, so that at 100k items
//   it stays a few megabytes and loads in milliseconds (an index of the items themselves took 900 MB and 1.5 s).
//   It turns each typed word into the spellings that exist: itself, longer words (prefix), near misses (fuzzy) and
//   the same name in another script (transliteration key).
// - the full-text index restricted to the small-field columns, which finds the items holding those spellings.
// The dictionary is kept in the archive (search_cache) under a key of its options, the schema and normalisation
// versions and the last change, held in memory per connection, and rebuilt only when stale.
import type Database from 'better-sqlite3';
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { miniSearch } from '../lazy';
import type { ItemType, QuickFindResult, SearchSuggestion } from '../../electron/contract';
import type { Archive } from '../open';
import { NORMALISATION_VERSION, compoundsIn, joinedForms, normaliseForSearch, wordsOf } from './normalise';
import type { ParsedQuery } from './query';
import { positiveNodes } from './query';
import { prepared } from '../statements';
import { KEY_PREFIX, nameKey } from './translit';

/** Bump when the options below change: a persisted dictionary built with others is then rebuilt. */
const OPTIONS_VERSION = 2;
const CACHE_NAME = 'minisearch-small-field-words';
const SMALL_COLUMNS = '{title names speaker place outlet}';
const KEY_COLUMNS = '{speaker_keys place_keys name_keys}';
/** A spelling found in a title counts most, then in a speaker or a place, then in any other small field. */
const FIELD_BOOST = { title: 2, speaker: 1.5, place: 1.5, other: 1 } as const;
/** Spellings tried per typed word, and items weighed per query (the newest that match), at most. */
const SPELLINGS_PER_WORD = 40;
const CANDIDATES = 200;

/** One word of the small fields; a joined compound (alsuknah) remembers the words it joins (al suknah). */
interface WordDoc {
  id: string;
  words?: string;
}

const single = (text: string): string[] => [text];

const options: Options<WordDoc> = {
  fields: ['id'],
  storeFields: ['words'],
  tokenize: single,
  // Each word is indexed as written and as its transliteration key, so Попов is found from popov.
  processTerm: (term) => {
    const key = nameKey(term);
    return key ? [term, KEY_PREFIX + key] : term;
  },
  searchOptions: { tokenize: single, processTerm: (term) => term },
};

/** What a dictionary was built from: the rules it was built with, and the archive's last change then. */
interface Basis {
  rules: string;
  lastAudit: number;
  lastDoc: number;
}

const loaded = new WeakMap<Database.Database, { basis: Basis; dictionary: MiniSearch<WordDoc> }>();

function currentBasis(archive: Archive): Basis {
  return {
    rules: JSON.stringify([OPTIONS_VERSION, archive.schemaVersion, NORMALISATION_VERSION]),
    lastAudit: (prepared(archive.sqlite, 'SELECT max(seq) FROM audit_log').pluck().get() as number | null) ?? 0,
    lastDoc: (prepared(archive.sqlite, 'SELECT max(doc_id) FROM search_docs').pluck().get() as number | null) ?? 0,
  };
}

const sameBasis = (a: Basis, b: Basis): boolean => a.rules === b.rules && a.lastAudit === b.lastAudit && a.lastDoc === b.lastDoc;

/** Adds the words and joined compounds of small-field texts (normalised search rows) that the dictionary lacks. */
function addWords(dictionary: MiniSearch<WordDoc>, texts: Iterable<string>): void {
  const fresh = new Map<string, WordDoc>();
  const add = (doc: WordDoc): void => {
    if (!fresh.has(doc.id) && !dictionary.has(doc.id)) fresh.set(doc.id, doc);
  };
  for (const text of texts) {
    for (const word of wordsOf(text)) add({ id: word });
    for (const { start, end, joined } of compoundsIn(text)) add({ id: joined, words: wordsOf(text.slice(start, end)).join(' ') });
  }
  dictionary.addAll([...fresh.values()]);
}

const SMALL_FIELDS = "concat_ws(' ', title, names, speaker, place, outlet)";

/**
 * The dictionary for the archive as it is now: from memory or from the archive, brought up to date with the rows
 * written since (new rows, and the items the audit log says changed), or else built from every row. Words no item
 * holds any more stay: they find nothing, and dropping them would mean rebuilding.
 */
export function smallFieldDictionary(archive: Archive): MiniSearch<WordDoc> {
  const basis = currentBasis(archive);
  const inMemory = loaded.get(archive.sqlite);
  if (inMemory && sameBasis(inMemory.basis, basis)) return inMemory.dictionary;
  let start = inMemory;
  if (!start) {
    const stored = prepared(archive.sqlite, 'SELECT key, data FROM search_cache WHERE name = ?').get(CACHE_NAME) as { key: string; data: string } | undefined;
    const storedBasis = stored ? (JSON.parse(stored.key) as Basis) : null;
    if (stored && storedBasis?.rules === basis.rules) start = { basis: storedBasis, dictionary: miniSearch().loadJSON<WordDoc>(stored.data, options) };
  }
  let dictionary: MiniSearch<WordDoc>;
  if (start && start.basis.rules === basis.rules) {
    dictionary = start.dictionary;
    if (!sameBasis(start.basis, basis)) {
      const changed = prepared(
        archive.sqlite,
        `SELECT ${SMALL_FIELDS} FROM search_docs
          WHERE doc_id > @lastDoc OR item_id IN (SELECT item_id FROM audit_log WHERE seq > @lastAudit AND item_id IS NOT NULL)`,
      );
      addWords(dictionary, changed.pluck().iterate({ lastDoc: start.basis.lastDoc, lastAudit: start.basis.lastAudit }) as Iterable<string>);
    }
  } else {
    dictionary = new (miniSearch())<WordDoc>(options);
    addWords(dictionary, archive.sqlite.prepare(`SELECT ${SMALL_FIELDS} FROM search_docs`).pluck().iterate() as Iterable<string>);
  }
  if (!archive.sqlite.readonly && !(start && sameBasis(start.basis, basis))) {
    prepared(archive.sqlite, 'INSERT INTO search_cache (name, key, data) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET key = excluded.key, data = excluded.data').run(
      CACHE_NAME,
      JSON.stringify(basis),
      JSON.stringify(dictionary),
    );
  }
  loaded.set(archive.sqlite, { basis, dictionary });
  return dictionary;
}

interface Spelling {
  /** The word as the dictionary holds it. */
  word: string;
  /** The words of the full-text phrase that finds it. */
  phrase: string;
  score: number;
}

interface SpellingOptions {
  prefix: boolean;
  fuzzy: number | false;
}

/** The spellings in the dictionary for one typed word, best first: itself, longer words, near misses, other scripts. */
function spellingsOf(dictionary: MiniSearch<WordDoc>, typed: string, { prefix, fuzzy }: SpellingOptions): Spelling[] {
  const key = nameKey(typed);
  const queries: object[] = [{ queries: [typed], prefix, fuzzy, maxFuzzy: 2 }];
  if (key) queries.push({ queries: [KEY_PREFIX + key] });
  const results = dictionary.search({ queries, combineWith: 'OR' } as never);
  return results.slice(0, SPELLINGS_PER_WORD).map((result) => {
    const word = String(result.id);
    return { word, phrase: typeof result.words === 'string' ? result.words : word, score: result.score };
  });
}

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** The MATCH expression for items holding any of the spellings in a small field, or the word's name key. */
function anyOf(spellings: Spelling[], typed: string): string | null {
  const options: string[] = [];
  if (spellings.length > 0) options.push(`${SMALL_COLUMNS} : (${spellings.map((spelling) => quote(spelling.phrase)).join(' OR ')})`);
  const key = nameKey(typed);
  if (key) options.push(`${KEY_COLUMNS} : ${quote(KEY_PREFIX + key)}`);
  return options.length ? `(${options.join(' OR ')})` : null;
}

interface Candidate {
  id: string;
  type: ItemType;
  title: string;
  fields: Record<keyof typeof FIELD_BOOST, string>;
  nameKeys: string;
}

/** The newest items the expression finds: FTS5 walks its index backwards and stops at the limit. */
function itemsMatching(archive: Archive, match: string, limit: number, exclude: string[] = []): Candidate[] {
  const rows = prepared(
    archive.sqlite,
    `SELECT d.item_id AS id, i.type, i.title, d.title AS titleText, d.speaker, d.place, concat_ws(' ', d.names, d.outlet) AS other,
            concat_ws(' ', d.speaker_keys, d.place_keys, d.name_keys) AS nameKeys
       FROM search_fts JOIN search_docs d ON d.doc_id = search_fts.rowid JOIN items i ON i.id = d.item_id
      WHERE search_fts MATCH @match AND d.item_id NOT IN (SELECT value FROM json_each(@exclude))
      ORDER BY search_fts.rowid DESC LIMIT @limit`,
  ).all({ match, limit, exclude: JSON.stringify(exclude) }) as (Omit<Candidate, 'fields'> & { titleText: string; speaker: string; place: string; other: string })[];
  return rows.map(({ titleText, speaker, place, other, ...row }) => ({ ...row, fields: { title: titleText, speaker, place, other } }));
}

/** The spellings an item holds, and how well they answer the typed words: per word the best MiniSearch score, times
 * the boost of the field it was found in. */
function weigh(candidate: Candidate, perWord: Spelling[][], typedWords: string[]): { score: number; matched: string[] } {
  const fieldWords = Object.entries(candidate.fields).map(([field, text]) => {
    const words = new Set([...wordsOf(text), ...joinedForms(text)]);
    return { boost: FIELD_BOOST[field as keyof typeof FIELD_BOOST], words };
  });
  const keys = new Set(candidate.nameKeys.split(' '));
  let score = 0;
  const matched: string[] = [];
  perWord.forEach((spellings, index) => {
    let best = 0;
    for (const spelling of spellings) {
      const boosts = fieldWords.filter(({ words }) => words.has(spelling.word)).map(({ boost }) => boost);
      if (boosts.length === 0) continue;
      best = Math.max(best, spelling.score * Math.max(...boosts));
      if (!matched.includes(spelling.word)) matched.push(spelling.word);
    }
    // A name held only in a script no listed spelling is in still answers the word, through its key.
    const key = nameKey(typedWords[index]!);
    if (best === 0 && key && keys.has(KEY_PREFIX + key)) best = spellings[0]?.score ?? 1;
    score += best;
  });
  return { score, matched };
}

export function quickFind(archive: Archive, input: { query: string; limit?: number }): QuickFindResult {
  const typedWords = wordsOf(normaliseForSearch(input.query)).slice(0, 8);
  if (typedWords.length === 0) return { hits: [] };
  const dictionary = smallFieldDictionary(archive);
  // At most two edits, and none for short words: fuzzy matching costs grow with the distance allowed.
  const perWord = typedWords.map((word) => spellingsOf(dictionary, word, { prefix: true, fuzzy: word.length >= 4 ? 0.2 : false }));
  const parts = perWord.map((spellings, index) => anyOf(spellings, typedWords[index]!));
  if (parts.some((part) => part === null)) return { hits: [] };
  const candidates = itemsMatching(archive, parts.join(' AND '), CANDIDATES);
  return {
    hits: candidates
      .map((candidate) => ({ candidate, ...weigh(candidate, perWord, typedWords) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, input.limit ?? 10)
      .map(({ candidate, score, matched }) => ({
        id: candidate.id,
        type: candidate.type,
        title: candidate.title,
        score: Math.round(score * 1000) / 1000,
        matched,
      })),
  };
}

/** "Did you mean": other spellings of the query's words found in small fields (Suknah -> Sukhnah), with items. */
export function suggestionsFor(archive: Archive, parsed: ParsedQuery, query: string, shown: Set<string>): SearchSuggestion[] {
  const words = positiveNodes(parsed.match).flatMap((node) =>
    node.kind === 'term' && !node.prefix && node.words.length === 1 && node.words[0]!.length >= 4 ? [{ word: node.words[0]!, raw: node.raw }] : [],
  );
  if (words.length === 0) return [];
  const dictionary = smallFieldDictionary(archive);
  const suggestions: SearchSuggestion[] = [];
  for (const { word, raw } of words.slice(0, 4)) {
    const others = spellingsOf(dictionary, word, { prefix: false, fuzzy: 0.25 }).filter((spelling) => spelling.word !== word);
    for (const spelling of others.slice(0, 5)) {
      const items = itemsMatching(archive, `${SMALL_COLUMNS} : ${quote(spelling.phrase)}`, 5, [...shown]);
      if (items.length === 0) continue;
      suggestions.push({ term: spelling.word, query: query.replace(raw, spelling.word), items: items.map(({ id, type, title }) => ({ id, type, title })) });
    }
  }
  return suggestions.sort((a, b) => b.items.length - a.items.length).slice(0, 3);
}

// Parsed queries to FTS5 MATCH expressions. Every user word is quoted, so nothing typed reaches FTS5 as syntax.
// A plain word also matches its joined form (al-suknah -> alsuknah) and, in name fields, its transliteration key
// (Popov -> k0ppv, which Попов shares); a "quoted" word or phrase matches only as written (after normalisation).
import type { PhraseNode, QueryNode, TermNode, TextField } from './query';
import { KEY_PREFIX, nameKey } from './translit';

/** The columns of search_fts in order, and the bm25 weight of each (title, quote and names above body). */
const COLUMN_WEIGHTS = [
  ['title', 10], ['quote', 6], ['names', 3], ['body', 1], ['speaker', 5], ['place', 5], ['outlet', 3],
  ['joined', 1], ['speaker_keys', 2], ['place_keys', 2], ['name_keys', 1],
] as const;
const weightsOf = (columns: number): string => COLUMN_WEIGHTS.slice(0, columns).map(([, weight]) => weight.toFixed(1)).join(', ');
export const BM25_WEIGHTS = weightsOf(COLUMN_WEIGHTS.length);
/** search_pairs holds the pairs of the first seven columns (the text), weighted alike. */
export const PAIRS_BM25_WEIGHTS = weightsOf(7);

const FIELD_COLUMNS: Record<TextField, { text: string; keys: string | null }> = {
  speaker: { text: 'speaker', keys: 'speaker_keys' },
  place: { text: 'place', keys: 'place_keys' },
  source: { text: 'outlet', keys: null },
};
const ALL_KEY_COLUMNS = '{speaker_keys place_keys name_keys}';

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The phrase literal of a term or phrase: "word" or "two words", with * for a prefix. */
export function literal(node: TermNode | PhraseNode): string {
  return `${quote(node.words.join(' '))}${node.prefix ? '*' : ''}`;
}

/** Transliteration keys of a term's words (none for prefixes: a key of a fragment means nothing). */
export function termKeys(node: TermNode | PhraseNode): string[] {
  if (node.kind !== 'term' || node.prefix) return [];
  return node.words.map(nameKey).filter((key): key is string => key !== null);
}

function keysMatch(keys: string[]): string {
  return keys.map((key) => quote(KEY_PREFIX + key)).join(' AND ');
}

function term(node: TermNode): string {
  const options = [literal(node)];
  // A compound typed with a hyphen also matches where it is written as one word, and the other way round
  // through the joined column, which holds the joined form of every compound in the item.
  if (node.words.length > 1) options.push(`${quote(node.words.join(''))}${node.prefix ? '*' : ''}`);
  const keys = termKeys(node);
  if (keys.length > 0) options.push(`${ALL_KEY_COLUMNS} : (${keysMatch(keys)})`);
  return options.length === 1 ? options[0]! : `(${options.join(' OR ')})`;
}

export function toFtsMatch(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return term(node);
    case 'phrase':
      return literal(node);
    case 'near':
      return `NEAR(${node.items.map(literal).join(' ')}, ${node.distance})`;
    case 'field': {
      const columns = FIELD_COLUMNS[node.field];
      const text = `{${columns.text}} : ${literal(node.value)}`;
      const keys = columns.keys ? termKeys(node.value) : [];
      return keys.length ? `(${text} OR {${columns.keys}} : (${keysMatch(keys)}))` : text;
    }
    case 'or':
      return `(${node.options.map(toFtsMatch).join(' OR ')})`;
    case 'and': {
      const positive = `(${node.include.map(toFtsMatch).join(' AND ')})`;
      return node.exclude.reduce((expression, excluded) => `(${expression} NOT ${toFtsMatch(excluded)})`, positive);
    }
  }
}

/**
 * Whether FTS5 must read where words stand, not only which items hold them: for a phrase or compound of several
 * words, NEAR, or a field (the column of each occurrence). Counting such a query apart would read it all again.
 */
export function readsPositions(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.words.length > 1;
    case 'near':
    case 'field':
      return true;
    case 'or':
      return node.options.some(readsPositions);
    case 'and':
      return [...node.include, ...node.exclude].some(readsPositions);
  }
}

function pairsPhrase(node: PhraseNode): string | null {
  if (node.words.length < 2) return null;
  const pairs = node.words.slice(1).map((word, index) => `${node.words[index]}_${word}`);
  return `"${pairs.join(' ')}"${node.prefix ? '*' : ''}`;
}

/**
 * The query as a MATCH over search_pairs (pairs.ts), when it is made only of quoted phrases of two or more words
 * (alone, in a field, with OR, AND and NOT): the pairs index then finds exactly what search_fts would, from far
 * shorter lists when the words are common. Null otherwise.
 */
export function toPairsMatch(node: QueryNode): string | null {
  switch (node.kind) {
    case 'phrase':
      return pairsPhrase(node);
    case 'field': {
      const phrase = node.value.kind === 'phrase' ? pairsPhrase(node.value) : null;
      return phrase === null ? null : `{${FIELD_COLUMNS[node.field].text}} : ${phrase}`;
    }
    case 'or': {
      const options = node.options.map(toPairsMatch);
      return options.every((option) => option !== null) ? `(${options.join(' OR ')})` : null;
    }
    case 'and': {
      const include = node.include.map(toPairsMatch);
      const exclude = node.exclude.map(toPairsMatch);
      if (include.length === 0 || ![...include, ...exclude].every((part) => part !== null)) return null;
      return exclude.reduce((expression, excluded) => `(${expression} NOT ${excluded})`, `(${include.join(' AND ')})`);
    }
    case 'term':
    case 'near':
      return null;
  }
}

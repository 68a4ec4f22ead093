// The index of word pairs (search_pairs): every column's text as the pairs of neighbouring words, "w1_w2 w2_w3 …",
// the nth pair at position n. A phrase is then the pairs it is made of at consecutive positions, which is true
// exactly where its words stand together in the column, so phrases of common words ("press conference", "air
// strike") are answered from short lists instead of by comparing the positions of two very long ones.
// The pairs are made here (SQL function word_pairs, used by the search_docs triggers) from the same words as
// FTS5's unicode61 tokenizer finds in the normalised text; `_` joins them because no word contains it.
import type Database from 'better-sqlite3';
import { wordsOf } from './normalise';

const PAIRS_FUNCTION = 'word_pairs';

/** The pairs of neighbouring words of a normalised text, space-separated, in order. */
export function wordPairs(normalised: string): string {
  const words = wordsOf(normalised);
  let pairs = '';
  for (let index = 1; index < words.length; index++) pairs += `${index > 1 ? ' ' : ''}${words[index - 1]}_${words[index]}`;
  return pairs;
}

/** Makes word_pairs() available to the triggers that keep search_pairs in step with search_docs. */
export function registerPairsFunction(sqlite: Database.Database): void {
  sqlite.function(PAIRS_FUNCTION, { deterministic: true }, (text: unknown) => wordPairs(typeof text === 'string' ? text : ''));
}

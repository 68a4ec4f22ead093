// Snippets in the text as the user wrote it. Matches are looked for in the normalised text (the same words FTS5
// matched): each query word is found with indexOf and checked at word boundaries, and only the words around the
// chosen window are tokenised, so that a snippet costs little even in a long text. Positions lead back to the original
// through normaliseWithMap (or directly, for text that only needed lower-casing), so that an Arabic snippet shows
// حافلة, not the folded حافله. Also says which transliteration variant of a name matched (Popov -> Попов).
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../electron/contract';
import type { SearchText } from './index-item';
import { WORD, compoundsIn, normaliseForSearch, normaliseWithMap, wordsOf } from './normalise';
import { positiveNodes, type ParsedQuery, type PhraseNode, type TermNode } from './query';
import { nameKey } from './translit';
import { termKeys } from './compile';

const WINDOW = 24;
/** Words shown before the first match of the window. */
const LEAD = 3;
/** Matches tried as the start of the window: enough for any snippet, bounded for texts that repeat a word. */
const WINDOW_CANDIDATES = 32;
/** Columns in the order a tie between them is decided. */
const SNIPPET_COLUMNS = ['quote', 'body', 'title', 'names', 'speaker', 'place', 'outlet'] as const;
const NAME_COLUMNS = new Set(['speaker', 'place', 'names']);
export type SnippetColumnName = (typeof SNIPPET_COLUMNS)[number];

export interface NameVariant {
  /** The word as typed. */
  query: string;
  /** The name as written in the item. */
  matched: string;
  field: 'speaker' | 'place' | 'names';
}

/** What to mark, gathered once per query from its positive words. */
export interface Highlighter {
  sequences: { words: string[]; prefix: boolean }[];
  joined: { text: string; prefix: boolean }[];
  keys: Map<string, string>;
  substrings: string[];
}

export function highlighterFor(parsed: ParsedQuery): Highlighter {
  const highlighter: Highlighter = { sequences: [], joined: [], keys: new Map(), substrings: [] };
  const add = (node: TermNode | PhraseNode): void => {
    highlighter.sequences.push({ words: node.words, prefix: node.prefix });
    if (node.kind === 'term') {
      highlighter.joined.push({ text: node.words.join(''), prefix: node.prefix });
      for (const key of termKeys(node)) highlighter.keys.set(key, node.raw);
    }
  };
  for (const node of positiveNodes(parsed.match)) add(node.kind === 'field' ? node.value : node);
  highlighter.substrings = parsed.substrings.filter((s) => !s.negated).map((s) => s.text);
  return highlighter;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/** Whether the UTF-16 unit at `index` belongs to a word (ASCII decided without the regex: most text is). */
function inWord(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  // Half of a surrogate pair is judged with its other half, as the character they make.
  if (code >= 0xd800 && code <= 0xdbff) return WORD_CHARACTER.test(text.slice(index, index + 2));
  if (code >= 0xdc00 && code <= 0xdfff) return WORD_CHARACTER.test(text.slice(index - 1, index + 1));
  return WORD_CHARACTER.test(text[index]!);
}
const NEXT_WORD = new RegExp(WORD.source, 'gu');

/** Where the first word at or after `from` starts and ends. */
function wordFrom(text: string, from: number): { start: number; end: number } | null {
  let start = from;
  while (start < text.length && !inWord(text, start)) start++;
  if (start >= text.length) return null;
  let end = start + 1;
  while (end < text.length && inWord(text, end)) end++;
  return { start, end };
}

const startsWord = (text: string, index: number): boolean => index === 0 || !inWord(text, index - 1);

/** Where the `count`th word before `index` starts (or the text's start). */
function wordsBack(text: string, index: number, count: number): number {
  let at = index;
  for (let word = 0; word < count && at > 0; word++) {
    while (at > 0 && !inWord(text, at - 1)) at--;
    while (at > 0 && inWord(text, at - 1)) at--;
  }
  return at;
}

/** A snippet column: its normalised text (as indexed), its original, and optionally how the one maps to the other. */
export interface SnippetColumn {
  name: SnippetColumnName;
  normalised: string;
  original: string;
  map?: SourceMap;
}

/** Where the query's words are in a normalised text, as [start, end) offsets, in order. */
function marksIn(text: string, column: SnippetColumnName, highlighter: Highlighter, options: SnippetOptions): [number, number][] {
  const marks: [number, number][] = [];
  for (const { words, prefix } of highlighter.sequences) {
    for (let at = text.indexOf(words[0]!); at >= 0; at = text.indexOf(words[0]!, at + 1)) {
      if (!startsWord(text, at)) continue;
      let cursor = at;
      const matched = words.every((wanted, index) => {
        const word = wordFrom(text, cursor);
        if (!word || (index === 0 && word.start !== at)) return false;
        cursor = word.end;
        const length = word.end - word.start;
        const last = index === words.length - 1;
        return (prefix && last ? length >= wanted.length : length === wanted.length) && text.startsWith(wanted, word.start);
      });
      if (matched) marks.push([at, cursor]);
    }
  }
  if (options.nameKeys && highlighter.keys.size > 0 && NAME_COLUMNS.has(column)) {
    for (const word of text.matchAll(NEXT_WORD)) {
      const key = nameKey(word[0]);
      if (key && highlighter.keys.has(key)) marks.push([word.index, word.index + word[0].length]);
    }
  }
  if (options.compounds && highlighter.joined.length > 0) {
    for (const { start, end, joined } of compoundsIn(text)) {
      if (highlighter.joined.some((j) => (j.prefix ? joined.startsWith(j.text) : joined === j.text))) marks.push([start, end]);
    }
  }
  for (const substring of highlighter.substrings) {
    for (let at = text.indexOf(substring); at >= 0; at = text.indexOf(substring, at + substring.length)) marks.push([at, at + substring.length]);
  }
  return marks.sort((a, b) => a[0] - b[0]);
}

/** WINDOW words from about `start` (LEAD words before it), moved back when the text ends sooner. */
function windowFrom(text: string, start: number): { from: number; to: number } {
  let from = wordsBack(text, start, LEAD);
  let to = from;
  let words = 0;
  for (let next = wordFrom(text, from); words < WINDOW && next; words++, next = wordFrom(text, next.end)) to = next.end;
  if (words < WINDOW) from = wordsBack(text, from, WINDOW - words);
  return { from, to };
}

/** The window holding the most marks (the first such), or the start of the text when there are none. */
function windowOf(text: string, marks: [number, number][]): { from: number; to: number } {
  if (marks.length === 0) return windowFrom(text, 0);
  let best = { from: 0, to: 0, count: -1 };
  for (const [markStart] of marks.slice(0, WINDOW_CANDIDATES)) {
    const window = windowFrom(text, markStart);
    const count = marks.filter(([start, end]) => start >= window.from && end <= window.to).length;
    if (count > best.count) best = { ...window, count };
  }
  return best;
}

/**
 * A window of about WINDOW words around the densest run of matches, in the original text, matches marked; from the
 * column with the most matches (the body when none has any). Null when no column is worth showing, or when a
 * column's normalised text turns out not to come from its original (the caller then reads the item in full).
 */
export interface SnippetOptions {
  /** Whether compounds (al-suknah) may match a query word's joined form. */
  compounds: boolean;
  /** Whether name fields may match a query word through its transliteration key. */
  nameKeys: boolean;
  /** Null rather than a snippet without a single match. */
  needMarks?: boolean;
}

export function snippetFor(columns: SnippetColumn[], highlighter: Highlighter, options: SnippetOptions): string | null {
  let best: { column: SnippetColumn; marks: [number, number][] } | null = null;
  for (const column of columns) {
    if (!/[\p{L}\p{N}]/u.test(column.normalised)) continue;
    const marks = marksIn(column.normalised, column.name, highlighter, options);
    if (!best || marks.length > best.marks.length || (best.marks.length === 0 && column.name === 'body')) best = { column, marks };
  }
  if (!best || (options.needMarks && best.marks.length === 0)) return null;
  const { column, marks } = best;
  const text = column.normalised;
  const window = windowOf(text, marks);
  if (window.to <= window.from) return null;
  const map = column.map ?? sourceMap(column, window);
  if (!map) return null;
  // A window that reaches either end of the text shows it to the end, punctuation and all.
  const cutBefore = wordFrom(text, 0)!.start < window.from;
  const cutAfter = wordFrom(text, window.to) !== null;
  const from = cutBefore ? map.sourceStart(window.from) : 0;
  const to = cutAfter ? map.sourceEnd(window.to - 1) : column.original.length;

  let output = '';
  let cursor = from;
  for (const [start, end] of marks) {
    const markFrom = map.sourceStart(start);
    const markTo = map.sourceEnd(end - 1);
    if (markFrom < cursor || markTo > to) continue;
    output += column.original.slice(cursor, markFrom) + HIGHLIGHT_START + column.original.slice(markFrom, markTo) + HIGHLIGHT_END;
    cursor = markTo;
  }
  output += column.original.slice(cursor, to);
  output = output.replace(/\s+/g, ' ').trim();
  return `${cutBefore ? '…' : ''}${output}${cutAfter ? '…' : ''}`;
}

/** The snippet of an item read in full (its SearchText): every column, normalised here. */
export function snippetOfText(text: SearchText, highlighter: Highlighter): string {
  const columns = SNIPPET_COLUMNS.flatMap((name): SnippetColumn[] => {
    if (!text[name]) return [];
    const map = normaliseWithMap(text[name]);
    return [{ name, normalised: map.text, original: text[name], map }];
  });
  return snippetFor(columns, highlighter, { compounds: true, nameKeys: true }) ?? '';
}

function tokensOf(normalised: string): Token[] {
  return [...normalised.matchAll(NEXT_WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Whether normalised name fields hold a word that matches a query word only through transliteration. */
export function hasNameVariant(normalisedNameFields: string[], highlighter: Highlighter): boolean {
  return normalisedNameFields.some((field) =>
    wordsOf(field).some((word) => {
      const key = nameKey(word);
      return key !== null && highlighter.keys.has(key) && !isTyped(word, highlighter);
    }),
  );
}

const isTyped = (word: string, highlighter: Highlighter): boolean =>
  highlighter.sequences.some((s) => s.words.length === 1 && s.words[0] === word);

/** Names in the item that matched a query word only through transliteration (Popov found as Попов). */
export function nameVariants(text: Pick<SearchText, 'speaker' | 'place' | 'names'>, highlighter: Highlighter): NameVariant[] {
  if (highlighter.keys.size === 0) return [];
  const variants: NameVariant[] = [];
  const seen = new Set<string>();
  for (const field of ['speaker', 'place', 'names'] as const) {
    const map = normaliseWithMap(text[field]);
    for (const token of tokensOf(map.text)) {
      const key = nameKey(token.text);
      const query = key ? highlighter.keys.get(key) : undefined;
      if (!query) continue;
      const matched = text[field].slice(map.sourceStart(token.start), map.sourceEnd(token.end - 1));
      if (isTyped(token.text, highlighter) || seen.has(`${field}\u0000${matched}`)) continue;
      seen.add(`${field}\u0000${matched}`);
      variants.push({ query, matched, field });
    }
  }
  return variants;
}

type SourceMap = Pick<ReturnType<typeof normaliseWithMap>, 'sourceStart' | 'sourceEnd'>;
const IDENTITY: SourceMap = { sourceStart: (index) => index, sourceEnd: (index) => index + 1 };

/**
 * How offsets in the normalised text lead back to the original, or null when `original` is not its source. Most text
 * keeps every character in place (lower-casing, or folding letter for letter as й -> и): that is checked on the
 * snippet's window alone, so that a long text is not normalised again for the sake of a few of its words.
 */
function sourceMap({ normalised, original }: Pick<SnippetColumn, 'normalised' | 'original'>, window: { from: number; to: number }): SourceMap | null {
  if (original.length === normalised.length && keepsPlaces(original.slice(window.from, window.to), normalised.slice(window.from, window.to))) {
    return IDENTITY;
  }
  const map = normaliseWithMap(original);
  return map.text === normalised ? map : null;
}

// What makes a cluster of more than one UTF-16 unit (see normalise.ts): a combining mark, a CR(LF), a surrogate pair.
const MULTI_UNIT_CLUSTER = /[\p{M}\r\uD800-\uDFFF]/u;

/** Whether `original` normalises to `normalised` unit for unit, each in its place. */
function keepsPlaces(original: string, normalised: string): boolean {
  if (original.toLowerCase() === normalised) return true;
  if (original.length !== normalised.length || MULTI_UNIT_CLUSTER.test(original)) return false;
  for (let index = 0; index < original.length; index++) {
    const unit = original[index]!;
    if (unit !== normalised[index] && normaliseForSearch(unit) !== normalised[index]) return false;
  }
  return true;
}

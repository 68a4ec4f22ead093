// Snippets in the text as the user wrote it: matches are found in the normalised text (the same words FTS5
// matched) and mapped back through normaliseWithMap, so an Arabic snippet shows حافلة, not the folded حافله.
// Also says which transliteration variant of a name matched (Popov -> Попов).
// The usual path takes the window FTS5's own snippet() chose in the normalised text and finds it in the original
// (snippetFromIndex); the whole text is scanned here only when that window cannot be placed.
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../electron/contract';
import type { SearchText } from './index-item';
import { WORD, joinedForms, normaliseWithMap } from './normalise';
import { positiveNodes, type ParsedQuery, type PhraseNode, type TermNode } from './query';
import { nameKey } from './translit';
import { termKeys } from './compile';

const WINDOW = 24;
/** The ellipsis snippet() is asked to write: a private-use character, so that it cannot be mistaken for text. */
export const INDEX_ELLIPSIS = '\uE002';
const SNIPPET_COLUMNS = ['quote', 'body', 'title', 'names', 'speaker', 'place', 'outlet'] as const;
const NAME_COLUMNS = new Set(['speaker', 'place', 'names']);
type Column = (typeof SNIPPET_COLUMNS)[number];

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

function marksIn(normalised: string, tokens: Token[], highlighter: Highlighter, column: Column): [number, number][] {
  const marks: [number, number][] = [];
  const same = (word: string, wanted: string, prefix: boolean): boolean => (prefix ? word.startsWith(wanted) : word === wanted);
  for (let index = 0; index < tokens.length; index++) {
    for (const { words, prefix } of highlighter.sequences) {
      if (index + words.length > tokens.length) continue;
      const matches = words.every((word, offset) => same(tokens[index + offset]!.text, word, prefix && offset === words.length - 1));
      if (matches) marks.push([tokens[index]!.start, tokens[index + words.length - 1]!.end]);
    }
    if (highlighter.keys.size > 0 && NAME_COLUMNS.has(column)) {
      const key = nameKey(tokens[index]!.text);
      if (key && highlighter.keys.has(key)) marks.push([tokens[index]!.start, tokens[index]!.end]);
    }
  }
  if (highlighter.joined.length > 0) {
    for (const compound of normalised.matchAll(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)+/gu)) {
      const joined = joinedForms(compound[0])[0] ?? '';
      if (highlighter.joined.some((j) => same(joined, j.text, j.prefix))) marks.push([compound.index, compound.index + compound[0].length]);
    }
  }
  for (const substring of highlighter.substrings) {
    for (let at = normalised.indexOf(substring); at >= 0; at = normalised.indexOf(substring, at + substring.length)) {
      marks.push([at, at + substring.length]);
    }
  }
  return marks.sort((a, b) => a[0] - b[0]);
}

function tokensOf(normalised: string): Token[] {
  return [...normalised.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Whether a normalised text can hold a match at all: a cheap test that spares tokenising most columns. */
function mayMatch(normalised: string, highlighter: Highlighter, column: Column): boolean {
  if (highlighter.keys.size > 0 && NAME_COLUMNS.has(column)) return true;
  return (
    highlighter.sequences.some(({ words }) => normalised.includes(words[0]!)) ||
    highlighter.joined.some(({ text }) => normalised.includes(text)) ||
    highlighter.substrings.some((substring) => normalised.includes(substring))
  );
}

/** A window of about WINDOW words around the densest run of matches, in the original text, matches marked. */
export function snippetFor(text: SearchText, highlighter: Highlighter): string {
  type Candidate = { column: Column; tokens: Token[] | null; marks: [number, number][]; map: ReturnType<typeof normaliseWithMap> };
  let best: Candidate | null = null;
  for (const column of SNIPPET_COLUMNS) {
    const original = text[column];
    if (!original) continue;
    const map = normaliseWithMap(original);
    if (!/[\p{L}\p{N}]/u.test(map.text)) continue;
    const tokens = mayMatch(map.text, highlighter, column) ? tokensOf(map.text) : null;
    const marks = tokens ? marksIn(map.text, tokens, highlighter, column) : [];
    if (!best || marks.length > best.marks.length || (best.marks.length === 0 && column === 'body')) best = { column, tokens, marks, map };
  }
  if (!best) return '';
  const { marks, map } = best;
  const tokens = best.tokens ?? tokensOf(map.text);
  const original = text[best.column];

  let first = 0;
  if (tokens.length > WINDOW && marks.length > 0) {
    let bestCount = -1;
    for (const [markStart] of marks) {
      const startToken = Math.max(0, tokens.findIndex((token) => token.end > markStart) - 3);
      const windowEnd = tokens[Math.min(tokens.length, startToken + WINDOW) - 1]!.end;
      const count = marks.filter(([s, e]) => s >= tokens[startToken]!.start && e <= windowEnd).length;
      if (count > bestCount) [bestCount, first] = [count, startToken];
    }
  }
  const last = Math.min(tokens.length, first + WINDOW) - 1;
  const from = map.sourceStart(tokens[first]!.start);
  const to = map.sourceEnd(tokens[last]!.end - 1);

  let output = '';
  let cursor = from;
  for (const [start, end] of marks) {
    const markFrom = map.sourceStart(start);
    const markTo = map.sourceEnd(end - 1);
    if (markFrom < cursor || markTo > to) continue;
    output += original.slice(cursor, markFrom) + HIGHLIGHT_START + original.slice(markFrom, markTo) + HIGHLIGHT_END;
    cursor = markTo;
  }
  output += original.slice(cursor, to);
  output = output.replace(/\s+/g, ' ').trim();
  return `${first > 0 ? '…' : ''}${output}${last < tokens.length - 1 ? '…' : ''}`;
}

/** Names in the item that matched a query word only through transliteration (Popov found as Попов). */
export function nameVariants(text: SearchText, highlighter: Highlighter): NameVariant[] {
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
      const typed = highlighter.sequences.some((s) => s.words.length === 1 && s.words[0] === token.text);
      if (typed || seen.has(`${field}\u0000${matched}`)) continue;
      seen.add(`${field}\u0000${matched}`);
      variants.push({ query, matched, field });
    }
  }
  return variants;
}

/** A snippet column as indexed (normalised) and as written. */
export interface ColumnText {
  normalised: string;
  original: string;
}

type SourceMap = Pick<ReturnType<typeof normaliseWithMap>, 'sourceStart' | 'sourceEnd'>;
const IDENTITY: SourceMap = { sourceStart: (index) => index, sourceEnd: (index) => index + 1 };

/** How offsets in the normalised text lead back to the original, or null when `original` is not its source. */
function sourceMap({ normalised, original }: ColumnText): SourceMap | null {
  // Most text only needs lower-casing, which keeps every character in place.
  if (original.length === normalised.length && original.toLowerCase() === normalised) return IDENTITY;
  const map = normaliseWithMap(original);
  return map.text === normalised ? map : null;
}

/**
 * FTS5's snippet() of a hit (normalised text, matches between HIGHLIGHT_START and HIGHLIGHT_END, INDEX_ELLIPSIS
 * where text was cut) shown in the original text: the window is found in whichever column holds it, and its pieces
 * are mapped back. Null when no column holds it (a window from the joined or name-key columns): the caller then
 * builds the snippet from the whole text.
 */
export function snippetFromIndex(indexSnippet: string, columns: ColumnText[]): string | null {
  const leading = indexSnippet.startsWith(INDEX_ELLIPSIS);
  const trailing = indexSnippet.length > 1 && indexSnippet.endsWith(INDEX_ELLIPSIS);
  const body = indexSnippet.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  const pieces = body.split(/([\uE000\uE001])/);
  const plain = pieces.filter((piece) => piece !== HIGHLIGHT_START && piece !== HIGHLIGHT_END).join('');
  if (!/[\p{L}\p{N}]/u.test(plain) || plain.includes(INDEX_ELLIPSIS)) return null;
  for (const column of columns) {
    const at = column.normalised.indexOf(plain);
    if (at < 0) continue;
    const map = sourceMap(column);
    if (!map) continue;
    let output = '';
    let offset = at;
    let from = map.sourceStart(at);
    for (const piece of pieces) {
      if (piece === HIGHLIGHT_START || piece === HIGHLIGHT_END) {
        output += piece;
        continue;
      }
      if (piece === '') continue;
      offset += piece.length;
      const to = map.sourceEnd(offset - 1);
      output += column.original.slice(from, to);
      from = to;
    }
    output = output.replace(/\s+/g, ' ').trim();
    return `${leading ? '…' : ''}${output}${trailing ? '…' : ''}`;
  }
  return null;
}

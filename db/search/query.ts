// The search box's language, parsed into a tree. Words (all must match), "phrases", OR, -word / NOT word,
// prefix*, ( ... ), a NEAR/5 b and NEAR(a b, 5), *substring*, field filters (speaker: place: source: inside the
// text query; type: tag: case: lang: from: to: for the whole query). Every malformed construct is a BAD_QUERY
// with a sentence that says what to fix; nothing a user types reaches FTS5 as syntax (see compile.ts).
import { DossierError } from '../errors';
import { ITEM_TYPES } from '../../electron/contract/vocabulary';
import { normaliseForSearch, wordsOf } from './normalise';
import { validateGradeRange } from './grade-filter';

export interface TermNode {
  kind: 'term';
  /** The normalised words of what was typed (al-Suknah -> al, suknah). */
  words: string[];
  prefix: boolean;
  /** What the user typed, for messages and "matched as" lines. */
  raw: string;
}
export interface PhraseNode {
  kind: 'phrase';
  words: string[];
  prefix: boolean;
}
export type TextField = 'speaker' | 'place' | 'source';
export type QueryNode =
  | TermNode
  | PhraseNode
  | { kind: 'near'; items: (TermNode | PhraseNode)[]; distance: number }
  | { kind: 'field'; field: TextField; value: TermNode | PhraseNode }
  | { kind: 'and'; include: QueryNode[]; exclude: QueryNode[] }
  | { kind: 'or'; options: QueryNode[] };

export type FilterField = 'type' | 'tag' | 'case' | 'lang' | 'from' | 'to' | 'reliability' | 'credibility';
export interface Filter {
  field: FilterField;
  value: string;
  negated: boolean;
}
export interface Substring {
  text: string;
  negated: boolean;
}

export interface ParsedQuery {
  /** The full-text part; null when the query has none (an empty query, or only filters). */
  match: QueryNode | null;
  filters: Filter[];
  substrings: Substring[];
}

const TEXT_FIELDS: readonly string[] = ['speaker', 'place', 'source'];
const FILTER_FIELDS: readonly string[] = ['type', 'tag', 'case', 'lang', 'from', 'to', 'reliability', 'credibility'];
const ALL_FIELDS = [...TEXT_FIELDS, ...FILTER_FIELDS].map((field) => `${field}:`).join(' ');
const DEFAULT_NEAR = 10;
const MAX_NEAR = 1000;
const MAX_PARTS = 64;
/** Arabic articles written apart from the name they belong to. */
const ARTICLES = new Set(['al', 'el']);
const QUOTES = /["\u201C\u201D\u201E\u00AB\u00BB]/;

function badQuery(message: string): DossierError {
  return new DossierError('BAD_QUERY', message);
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'phrase'; text: string; field?: string }
  | { kind: 'or' }
  | { kind: 'not' }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'near'; distance: number }
  | { kind: 'nearGroup'; inner: Token[]; distance: number };

function nearDistance(text: string, written: string): number {
  if (!/^\d+$/.test(text)) throw badQuery(`"${written}" needs a whole number of words, as in NEAR/5.`);
  const distance = Number(text);
  if (distance > MAX_NEAR) throw badQuery(`NEAR allows at most ${MAX_NEAR} words between terms.`);
  return distance;
}

function readPhrase(query: string, index: number): { text: string; end: number } {
  const closing = query.slice(index + 1).search(QUOTES);
  if (closing < 0) throw badQuery('A quotation mark is not closed: end the phrase with another ".');
  return { text: query.slice(index + 1, index + 1 + closing), end: index + closing + 2 };
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (QUOTES.test(char)) {
      const phrase = readPhrase(query, index);
      tokens.push({ kind: 'phrase', text: phrase.text });
      index = phrase.end;
    } else if (char === '(') {
      tokens.push({ kind: 'open' });
      index++;
    } else if (char === ')') {
      tokens.push({ kind: 'close' });
      index++;
    } else if (char === '-' && index + 1 < query.length && !/[\s-]/.test(query[index + 1]!)) {
      tokens.push({ kind: 'not' });
      index++;
    } else if (query.startsWith('NEAR(', index)) {
      const close = query.indexOf(')', index);
      if (close < 0) throw badQuery('NEAR( is not closed: write it as NEAR(word word, 5).');
      const inner = query.slice(index + 5, close);
      const comma = inner.lastIndexOf(',');
      const written = inner.slice(comma + 1).trim();
      const distance = comma < 0 ? DEFAULT_NEAR : nearDistance(written, `NEAR(…, ${written})`);
      tokens.push({ kind: 'nearGroup', inner: tokenize(comma < 0 ? inner : inner.slice(0, comma)), distance });
      index = close + 1;
    } else {
      let end = index;
      while (end < query.length && !/[\s()]/.test(query[end]!) && !QUOTES.test(query[end]!)) end++;
      const word = query.slice(index, end);
      index = end;
      const fieldPhrase = /^([a-z]+):$/i.exec(word);
      if (fieldPhrase && index < query.length && QUOTES.test(query[index]!)) {
        const phrase = readPhrase(query, index);
        tokens.push({ kind: 'phrase', text: phrase.text, field: fieldPhrase[1]!.toLowerCase() });
        index = phrase.end;
      } else if (word === 'OR' || word === '|') tokens.push({ kind: 'or' });
      else if (word === 'AND') {
        // Words are joined by AND anyway.
      } else if (word === 'NOT') tokens.push({ kind: 'not' });
      else if (word === 'NEAR') tokens.push({ kind: 'near', distance: DEFAULT_NEAR });
      else if (/^NEAR\//.test(word)) tokens.push({ kind: 'near', distance: nearDistance(word.slice(5), word) });
      else tokens.push({ kind: 'word', text: word });
    }
  }
  return tokens;
}

// Filters and substrings are parsed as nodes first, then lifted out of the top-level AND.
type Lifted = { kind: 'filter'; filter: Filter } | { kind: 'substring'; text: string };
type Tree =
  | TermNode
  | PhraseNode
  | Lifted
  | { kind: 'near'; items: (TermNode | PhraseNode)[]; distance: number }
  | { kind: 'field'; field: TextField; value: TermNode | PhraseNode }
  | { kind: 'and'; include: Tree[]; exclude: Tree[] }
  | { kind: 'or'; options: Tree[] };

function validateFilter(field: FilterField, value: string): string {
  if (field === 'type') {
    const type = value.toLowerCase();
    if (!(ITEM_TYPES as readonly string[]).includes(type)) throw badQuery(`Unknown type "${value}": use one of ${ITEM_TYPES.join(', ')}.`);
    return type;
  }
  if (field === 'lang') {
    if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value)) throw badQuery(`lang: needs a language code such as en, ar or ru, not "${value}".`);
    return value.toLowerCase();
  }
  if (field === 'from' || field === 'to') return validateDate(field, value);
  if (field === 'reliability' || field === 'credibility') return validateGradeRange(field, value);
  return value;
}

/** from:2024, from:2024-04 and from:2024-04-01 all work; to: takes the end of a year or month. */
function validateDate(field: 'from' | 'to', value: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  const bad = badQuery(`${field}: needs a date as YYYY-MM-DD (or YYYY-MM, YYYY), not "${value}".`);
  if (!match) throw bad;
  const [, year, month, day] = match as unknown as [string, string, string | undefined, string | undefined];
  const m = month ? Number(month) : field === 'from' ? 1 : 12;
  if (m < 1 || m > 12) throw bad;
  const lastDay = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  const d = day ? Number(day) : field === 'from' ? 1 : lastDay;
  if (d < 1 || d > lastDay) throw bad;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function example(field: string): string {
  const examples: Record<string, string> = {
    speaker: 'popov', place: 'homs', source: 'reuters', type: 'statement', tag: 'airstrike', case: 'sukhnah',
    lang: 'ar', from: '2024-04-01', to: '2024-04-30', reliability: 'A-B', credibility: '1-2',
  };
  return examples[field] ?? 'word';
}

class Parser {
  private position = 0;
  private parts = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Tree | null {
    const tree = this.parseOr();
    if (this.position < this.tokens.length) throw badQuery('A closing parenthesis has no opening one.');
    return tree;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private parseOr(): Tree | null {
    const options: Tree[] = [];
    for (;;) {
      const branch = this.parseAnd();
      if (this.peek()?.kind !== 'or') {
        if (branch) options.push(branch);
        else if (options.length > 0) throw badQuery('OR needs a word on both sides.');
        break;
      }
      if (!branch) throw badQuery('OR needs a word on both sides.');
      options.push(branch);
      this.position++;
    }
    if (options.length === 0) return null;
    return options.length === 1 ? options[0]! : { kind: 'or', options };
  }

  private parseAnd(): Tree | null {
    const include: Tree[] = [];
    const exclude: Tree[] = [];
    for (let token = this.peek(); token && token.kind !== 'or' && token.kind !== 'close'; token = this.peek()) {
      let negated = false;
      if (token.kind === 'not') {
        negated = true;
        this.position++;
        const next = this.peek();
        if (!next || next.kind === 'or' || next.kind === 'close' || next.kind === 'not') {
          throw badQuery('NOT (or -) must be followed by the word to exclude.');
        }
      }
      let node = this.parsePrimary();
      if (node?.kind === 'term' && ARTICLES.has(node.raw.toLowerCase()) && this.peek()?.kind === 'word') {
        // "al Suknah" is the name al-Suknah, not the two words al and Suknah.
        const next = this.parsePrimary();
        if (next?.kind === 'term') node = { kind: 'term', words: [...node.words, ...next.words], prefix: next.prefix, raw: `${node.raw} ${next.raw}` };
        else if (next) (negated ? exclude : include).push(next);
      }
      while (this.peek()?.kind === 'near') node = this.parseNear(node);
      if (!node) continue;
      if (negated && node.kind === 'filter') node.filter.negated = true;
      (negated ? exclude : include).push(node);
    }
    if (include.length === 0 && exclude.length > 0 && !exclude.some((node) => node.kind === 'filter')) {
      throw badQuery('A query cannot only exclude: add a word to look for before -word or NOT word.');
    }
    if (include.length === 0 && exclude.length === 0) return null;
    if (include.length === 1 && exclude.length === 0) return include[0]!;
    return { kind: 'and', include, exclude };
  }

  private parseNear(left: Tree | null): Tree {
    const token = this.tokens[this.position++] as { kind: 'near'; distance: number };
    const right = this.parsePrimary();
    const operand = (node: Tree | null): (TermNode | PhraseNode)[] => {
      if (node && (node.kind === 'term' || node.kind === 'phrase')) return [node];
      if (node && node.kind === 'near') return node.items;
      throw badQuery('NEAR joins words or "phrases", as in popov NEAR/5 bases.');
    };
    const leftItems = operand(left);
    const distance = left && left.kind === 'near' ? Math.max(left.distance, token.distance) : token.distance;
    return { kind: 'near', items: [...leftItems, ...operand(right)], distance };
  }

  private count(): void {
    if (++this.parts > MAX_PARTS) throw badQuery(`A query can hold at most ${MAX_PARTS} words and filters.`);
  }

  private parsePrimary(): Tree | null {
    const token = this.tokens[this.position++];
    if (!token) throw badQuery('NEAR needs a word on both sides, as in popov NEAR/5 bases.');
    if (token.kind === 'open') {
      const inner = this.parseOr();
      if (this.peek()?.kind !== 'close') throw badQuery('A parenthesis is not closed.');
      this.position++;
      return inner;
    }
    if (token.kind === 'phrase') {
      const words = wordsOf(normaliseForSearch(token.text));
      if (token.field) return this.field(token.field, token.text, words.length ? { kind: 'phrase', words, prefix: false } : null);
      if (words.length === 0) return null;
      this.count();
      return { kind: 'phrase', words, prefix: false };
    }
    if (token.kind === 'word') return this.parseWord(token.text);
    if (token.kind === 'nearGroup') {
      const items = token.inner.map((inner) => {
        const node = inner.kind === 'word' ? this.term(inner.text) : inner.kind === 'phrase' && !inner.field ? this.phrase(inner.text) : null;
        if (!node) throw badQuery('NEAR( ) holds only words and "phrases", as in NEAR(popov bases, 5).');
        return node;
      });
      if (items.length < 2) throw badQuery('NEAR( ) needs at least two words, as in NEAR(popov bases, 5).');
      return { kind: 'near', items, distance: token.distance };
    }
    if (token.kind === 'near') throw badQuery('NEAR needs a word on both sides, as in popov NEAR/5 bases.');
    throw badQuery(`Unexpected "${token.kind === 'close' ? ')' : token.kind.toUpperCase()}" in the query.`);
  }

  private phrase(text: string): PhraseNode | null {
    const words = wordsOf(normaliseForSearch(text));
    if (words.length === 0) return null;
    this.count();
    return { kind: 'phrase', words, prefix: false };
  }

  private term(raw: string): TermNode | null {
    const prefix = raw.endsWith('*');
    const words = wordsOf(normaliseForSearch(prefix ? raw.replace(/\*+$/, '') : raw));
    if (words.length === 0) {
      if (prefix) throw badQuery('A * must follow the beginning of a word, as in sukh*.');
      return null;
    }
    this.count();
    return { kind: 'term', words, prefix, raw };
  }

  private parseWord(raw: string): Tree | null {
    const field = /^([a-z]+):(.*)$/i.exec(raw);
    if (field && !field[2]!.startsWith('//')) {
      return this.field(field[1]!.toLowerCase(), field[2]!, field[2] ? this.term(field[2]) : null);
    }
    const substring = /^\*([^*]+)\*$/.exec(raw);
    if (substring) {
      const text = normaliseForSearch(substring[1]!).trim();
      if ([...text].length < 3) throw badQuery('A substring search needs at least 3 letters between the stars, as in *kamera*.');
      this.count();
      return { kind: 'substring', text };
    }
    if (raw.startsWith('*')) throw badQuery('A * goes at the end of a word (sukh*), or on both sides of a substring (*kamera*).');
    if (/\*./.test(raw)) throw badQuery(`A * can only end a word: "${raw}" has one inside.`);
    return this.term(raw);
  }

  private field(name: string, rawValue: string, value: TermNode | PhraseNode | null): Tree {
    if (!TEXT_FIELDS.includes(name) && !FILTER_FIELDS.includes(name)) {
      throw badQuery(`Unknown field "${name}:": use one of ${ALL_FIELDS}.`);
    }
    if (!rawValue.trim()) throw badQuery(`${name}: needs a value right after the colon, as in ${name}:${example(name)}.`);
    if (FILTER_FIELDS.includes(name)) {
      this.count();
      const filterField = name as FilterField;
      return { kind: 'filter', filter: { field: filterField, value: validateFilter(filterField, rawValue.trim()), negated: false } };
    }
    if (!value) throw badQuery(`${name}: needs a word to look for, as in ${name}:${example(name)}.`);
    return { kind: 'field', field: name as TextField, value };
  }
}

function checkNested(node: Tree): void {
  if (node.kind === 'filter') {
    throw badQuery(`${node.filter.field}: applies to the whole query: it cannot be inside OR or parentheses; put it beside the other words.`);
  }
  if (node.kind === 'substring') throw badQuery(`A substring search (*${node.text}*) cannot be inside OR or parentheses: put it beside the other words.`);
  if (node.kind === 'and') [...node.include, ...node.exclude].forEach(checkNested);
  if (node.kind === 'or') node.options.forEach(checkNested);
}

export function parseQuery(query: string): ParsedQuery {
  const tree = new Parser(tokenize(query)).parse();
  const filters: Filter[] = [];
  const substrings: Substring[] = [];
  if (!tree) return { match: null, filters, substrings };
  const top = tree.kind === 'and' ? tree : { kind: 'and' as const, include: [tree], exclude: [] as Tree[] };
  const lift = (nodes: Tree[], negated: boolean): QueryNode[] =>
    nodes.flatMap((node) => {
      if (node.kind === 'filter') filters.push(node.filter);
      else if (node.kind === 'substring') substrings.push({ text: node.text, negated });
      else {
        checkNested(node);
        return [node as QueryNode];
      }
      return [];
    });
  const include = lift(top.include, false);
  const exclude = lift(top.exclude, true);
  const looksFor = include.length > 0 || filters.some((f) => !f.negated) || substrings.some((s) => !s.negated);
  if (!looksFor) throw badQuery('A query cannot only exclude: add a word to look for before -word or NOT word.');
  const from = filters.find((filter) => filter.field === 'from' && !filter.negated);
  const to = filters.find((filter) => filter.field === 'to' && !filter.negated);
  if (from && to && from.value > to.value) throw badQuery(`from:${from.value} is after to:${to.value}: swap them.`);
  let match: QueryNode | null = null;
  if (include.length === 1 && exclude.length === 0) match = include[0]!;
  // An AND with nothing to include ("type:note -draft") is resolved by the planner as exclusions of the filter's items.
  else if (include.length > 0 || exclude.length > 0) match = { kind: 'and', include, exclude };
  return { match, filters, substrings };
}

/** The words a query looks for (not excluded), for highlighting and suggestions. */
export function positiveNodes(node: QueryNode | null): (TermNode | PhraseNode | { kind: 'field'; field: TextField; value: TermNode | PhraseNode })[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'field':
      return [node];
    case 'near':
      return node.items;
    case 'and':
      return node.include.flatMap(positiveNodes);
    case 'or':
      return node.options.flatMap(positiveNodes);
  }
}

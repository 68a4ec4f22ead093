// The search box's language, parsed into a tree and compiled to an FTS5 MATCH expression in which every user
// word is quoted, so that nothing a user types can reach FTS5 as syntax.
//   words            all must match          "exact phrase"   phrase
//   a OR b           either                  -word / NOT word exclude
//   prefix*          word beginning          ( ... )          grouping
//   type:statement   filter by item type
import { DossierError } from '../errors';
import { ITEM_TYPES, type ItemType } from '../../electron/contract/vocabulary';
import { normaliseForSearch } from './normalise';

export type QueryNode =
  | { kind: 'term'; text: string; prefix: boolean }
  | { kind: 'phrase'; text: string }
  | { kind: 'and'; include: QueryNode[]; exclude: QueryNode[] }
  | { kind: 'or'; options: QueryNode[] };

export interface ParsedQuery {
  /** Null when the query holds no words to look for (an empty query finds nothing). */
  match: QueryNode | null;
  type?: ItemType;
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'phrase'; text: string }
  | { kind: 'or' }
  | { kind: 'not' }
  | { kind: 'open' }
  | { kind: 'close' };

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

function badQuery(message: string): DossierError {
  return new DossierError('BAD_QUERY', message);
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (char === '"' || char === '\u201C' || char === '\u201D' || char === '\u00AB' || char === '\u00BB') {
      const closing = query.slice(index + 1).search(/["\u201C\u201D\u00AB\u00BB]/);
      if (closing < 0) throw badQuery('A quotation mark is not closed: end the phrase with another ".');
      tokens.push({ kind: 'phrase', text: query.slice(index + 1, index + 1 + closing) });
      index += closing + 2;
    } else if (char === '(') {
      tokens.push({ kind: 'open' });
      index++;
    } else if (char === ')') {
      tokens.push({ kind: 'close' });
      index++;
    } else if (char === '-' && index + 1 < query.length && !/\s/.test(query[index + 1]!)) {
      tokens.push({ kind: 'not' });
      index++;
    } else {
      let end = index;
      while (end < query.length && !/[\s()"\u201C\u201D\u00AB\u00BB]/.test(query[end]!)) end++;
      const word = query.slice(index, end);
      if (word === 'OR' || word === '|') tokens.push({ kind: 'or' });
      else if (word === 'AND') {
        // Words are joined by AND anyway.
      } else if (word === 'NOT') tokens.push({ kind: 'not' });
      else tokens.push({ kind: 'word', text: word });
      index = end;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  type: ItemType | undefined;

  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode | null {
    const node = this.parseOr();
    if (this.position < this.tokens.length) throw badQuery('A closing parenthesis has no opening one.');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private parseOr(): QueryNode | null {
    const options: QueryNode[] = [];
    let sawOr = false;
    for (;;) {
      const branch = this.parseAnd();
      if (branch) options.push(branch);
      else if (sawOr) throw badQuery('OR needs a word on both sides.');
      if (this.peek()?.kind !== 'or') break;
      if (!branch) throw badQuery('OR needs a word on both sides.');
      sawOr = true;
      this.position++;
    }
    if (options.length === 0) return null;
    return options.length === 1 ? options[0]! : { kind: 'or', options };
  }

  private parseAnd(): QueryNode | null {
    const include: QueryNode[] = [];
    const exclude: QueryNode[] = [];
    for (let token = this.peek(); token && token.kind !== 'or' && token.kind !== 'close'; token = this.peek()) {
      let negated = false;
      if (token.kind === 'not') {
        negated = true;
        this.position++;
        if (!this.peek() || this.peek()!.kind === 'or' || this.peek()!.kind === 'close') {
          throw badQuery('NOT (or -) must be followed by the word to exclude.');
        }
      }
      const node = this.parsePrimary();
      if (!node) continue;
      (negated ? exclude : include).push(node);
    }
    if (include.length === 0 && exclude.length > 0) {
      throw badQuery('A query cannot only exclude: add a word to look for before -word or NOT word.');
    }
    if (include.length === 0) return null;
    if (include.length === 1 && exclude.length === 0) return include[0]!;
    return { kind: 'and', include, exclude };
  }

  private parsePrimary(): QueryNode | null {
    const token = this.tokens[this.position++]!;
    if (token.kind === 'open') {
      const inner = this.parseOr();
      if (this.peek()?.kind !== 'close') throw badQuery('A parenthesis is not closed.');
      this.position++;
      return inner;
    }
    if (token.kind === 'phrase') {
      const text = normaliseForSearch(token.text).trim();
      return HAS_WORD_CHARACTER.test(text) ? { kind: 'phrase', text } : null;
    }
    if (token.kind === 'word') return this.parseWord(token.text);
    throw badQuery(`Unexpected "${token.kind === 'close' ? ')' : token.kind.toUpperCase()}" in the query.`);
  }

  private parseWord(raw: string): QueryNode | null {
    const field = /^([a-z]+):(.+)$/i.exec(raw);
    if (field) {
      const [, name, value] = field as unknown as [string, string, string];
      if (name.toLowerCase() === 'type') {
        const type = value.toLowerCase();
        if (!(ITEM_TYPES as readonly string[]).includes(type)) {
          throw badQuery(`Unknown type "${value}": use one of ${ITEM_TYPES.join(', ')}.`);
        }
        this.type = type as ItemType;
        return null;
      }
    }
    const prefix = raw.endsWith('*');
    const text = normaliseForSearch(prefix ? raw.replace(/\*+$/, '') : raw);
    if (!HAS_WORD_CHARACTER.test(text)) {
      if (prefix) throw badQuery('A * must follow the beginning of a word, as in sukh*.');
      return null;
    }
    return { kind: 'term', text, prefix };
  }
}

export function parseQuery(query: string): ParsedQuery {
  const parser = new Parser(tokenize(query));
  const match = parser.parse();
  return parser.type ? { match, type: parser.type } : { match };
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** FTS5 MATCH syntax for a parsed tree. */
export function toFtsMatch(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.prefix ? `${quote(node.text)}*` : quote(node.text);
    case 'phrase':
      return quote(node.text);
    case 'or':
      return `(${node.options.map(toFtsMatch).join(' OR ')})`;
    case 'and': {
      const positive = `(${node.include.map(toFtsMatch).join(' AND ')})`;
      return node.exclude.reduce((expression, excluded) => `(${expression} NOT ${toFtsMatch(excluded)})`, positive);
    }
  }
}

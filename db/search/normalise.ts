// One normalisation for both sides of search: the indexer stores text through it and the query parser sends
// words through it, so that the two always agree. It folds case, diacritics, Unicode forms, Arabic and Cyrillic
// letter variants, ligatures, spaces, dashes and apostrophes. `normaliseWithMap` also says where each output
// character came from, so that matches found in the normalised text can be shown in the original.

const LETTER_FOLDS: Record<string, string> = {
  '\u0671': '\u0627', // ٱ -> ا (أ إ آ ؤ ئ lose their hamza by decomposition below)
  '\u0629': '\u0647', // ة -> ه
  '\u0649': '\u064A', // ى -> ي
  '\u06CC': '\u064A', // Persian ی -> ي
  '\u06A9': '\u0643', // Persian ک -> ك
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
  '\u0152': 'oe',
  '\u0153': 'oe',
  '\u00C6': 'ae',
  '\u00E6': 'ae',
  '\u00DF': 'ss',
};

const FOLDABLE_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');
// Tatweel is a letter-like mark (Lm) that only stretches a word; harakat are combining marks removed below.
const REMOVED = /^[\u00AD\u200B-\u200F\u2060\uFEFF\u0640]$/;
const SPACE = /^[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]$/;
const APOSTROPHE = /^[\u2018\u2019\u02BC\u02BB\u0060\u00B4]$/;
const DASH = /^[\u2010-\u2015\u2212]$/;
const COMBINING_MARKS = /\p{M}/gu;
// A base character with its combining marks, or a CRLF pair: the unit that maps back to the original.
const CLUSTER = /\r\n|.\p{M}*/gsu;
// Text that needs nothing but lower-casing (no CR, no backtick, nothing outside printable ASCII).
const PLAIN_ASCII = /^[\t\n\x20-\x5F\x61-\x7E]*$/;

/** Version of the rules in this folder; a change rebuilds the index at the next open (db/search/reindex.ts). */
export const NORMALISATION_VERSION = 2;

function foldCluster(cluster: string): string {
  if (cluster === '\r\n' || cluster === '\r') return '\n';
  if (REMOVED.test(cluster)) return '';
  if (SPACE.test(cluster)) return ' ';
  if (APOSTROPHE.test(cluster)) return "'";
  if (DASH.test(cluster)) return '-';
  return cluster
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(FOLDABLE_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter)
    .toLowerCase()
    .normalize('NFC');
}

export interface NormalisedText {
  text: string;
  /** For each UTF-16 unit of `text`: where its source cluster starts and ends in the input. */
  sourceStart(index: number): number;
  sourceEnd(index: number): number;
}

export function normaliseWithMap(input: string): NormalisedText {
  if (PLAIN_ASCII.test(input)) {
    return { text: input.toLowerCase(), sourceStart: (index) => index, sourceEnd: (index) => index + 1 };
  }
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const add = (folded: string, start: number, end: number): void => {
    parts.push(folded);
    for (let unit = 0; unit < folded.length; unit++) {
      starts.push(start);
      ends.push(end);
    }
  };
  for (const match of input.matchAll(CLUSTER)) {
    const cluster = match[0];
    // Plain ASCII letters, digits and punctuation only need lower-casing (the common case, and a hot loop).
    if (cluster.length === 1 && cluster < '\x7F' && cluster !== '\r' && cluster !== '`') add(cluster.toLowerCase(), match.index, match.index + 1);
    else add(foldCluster(cluster), match.index, match.index + cluster.length);
  }
  return {
    text: parts.join(''),
    sourceStart: (index) => starts[Math.min(index, starts.length - 1)] ?? 0,
    sourceEnd: (index) => ends[Math.min(index, ends.length - 1)] ?? input.length,
  };
}

export function normaliseForSearch(input: string): string {
  if (PLAIN_ASCII.test(input)) return input.toLowerCase();
  let output = '';
  for (const match of input.matchAll(CLUSTER)) {
    const cluster = match[0];
    output += cluster.length === 1 && cluster < '\x7F' && cluster !== '\r' && cluster !== '`' ? cluster.toLowerCase() : foldCluster(cluster);
  }
  return output;
}

/** Words as FTS5's unicode61 tokenizer sees them: runs of letters and digits (text already normalised). */
export const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

export function wordsOf(normalised: string): string[] {
  return normalised.match(WORD) ?? [];
}

// A word joined to the next by a hyphen or an apostrophe, as in al-suknah, o'brien, ad-dawla.
const COMPOUND = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)+/gu;

/** A compound of a normalised text: where it stands, and its joined form (al-suknah -> alsuknah). */
export interface Compound {
  start: number;
  end: number;
  joined: string;
}

export function compoundsIn(normalised: string): Compound[] {
  return [...normalised.matchAll(COMPOUND)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    joined: match[0].replace(/['-]/g, ''),
  }));
}

/** The joined forms of a normalised text's compounds, so that either spelling is found. */
export function joinedForms(normalised: string): string[] {
  return compoundsIn(normalised).map((compound) => compound.joined);
}

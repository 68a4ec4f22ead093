// One normalisation for both sides of search: the indexer stores text through it and the query parser sends
// words through it, so that the two always agree. Case and Latin diacritics are left to FTS5's unicode61
// tokenizer (remove_diacritics 2); this folds what the tokenizer does not know about.

const ARABIC_FOLDS: Record<string, string> = {
  '\u0623': '\u0627', // أ -> ا
  '\u0625': '\u0627', // إ -> ا
  '\u0622': '\u0627', // آ -> ا
  '\u0671': '\u0627', // ٱ -> ا
  '\u0629': '\u0647', // ة -> ه
  '\u0649': '\u064A', // ى -> ي
  '\u06CC': '\u064A', // Persian ی -> ي
  '\u06A9': '\u0643', // Persian ک -> ك
  '\u0624': '\u0648', // ؤ -> و
  '\u0626': '\u064A', // ئ -> ي
};

const LATIN_LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
  '\u0152': 'OE',
  '\u0153': 'oe',
};

// Arabic harakat, superscript alef and tatweel carry no meaning for search.
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g;
// Zero-width characters and the soft hyphen split words invisibly.
const INVISIBLES = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Every kind of space (NBSP, thin, ideographic...) becomes a plain one.
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u02BB\u0060\u00B4]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

const FOLDABLE = new RegExp(`[${Object.keys(ARABIC_FOLDS).join('')}${Object.keys(LATIN_LIGATURES).join('')}\u0401\u0451]`, 'g');

function fold(char: string): string {
  if (char === '\u0451') return '\u0435'; // ё -> е
  if (char === '\u0401') return '\u0415'; // Ё -> Е
  return ARABIC_FOLDS[char] ?? LATIN_LIGATURES[char] ?? char;
}

/** Version of the rules below; changing them is a migration that rebuilds the index. */
export const NORMALISATION_VERSION = 1;

export function normaliseForSearch(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLES, '')
    .replace(SPACES, ' ')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(ARABIC_MARKS, '')
    .replace(FOLDABLE, fold);
}

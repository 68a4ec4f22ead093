// Guesses the encoding of text that does not declare one (no BOM, no meta charset): UTF-8, BOM-less UTF-16,
// or the single-byte code pages Arabic and Russian pages are still saved in.
//
// The idea: every candidate single-byte code page is ASCII plus a table for bytes 0x80-0xFF, so only the
// characters those high bytes decode to are scored. The right code page turns them into the letters of one
// language at their usual frequencies, in lower case inside words; a wrong one turns them into rare letters,
// upper case in mid-word (KOI8-R read as windows-1251 and the reverse), symbols, control characters, or
// Arabic/Cyrillic glued to Latin letters. The candidate whose high characters score best per character wins.

export interface CharsetGuess {
  /** A WHATWG label that `new TextDecoder(encoding)` accepts. */
  encoding: string;
  /** 0 to 1: how sure the guess is. */
  confidence: number;
}

const SAMPLE_BYTES = 64 * 1024;

const SINGLE_BYTE_CANDIDATES = ['windows-1251', 'koi8-r', 'iso-8859-5', 'windows-1256', 'iso-8859-6', 'windows-1252'];

// Letters by how often they occur in news text, commonest first. A letter's score is roughly the log of its
// frequency against an even spread, so a right table averages well above 0 and a shuffled one falls below it.
const RUSSIAN_TIERS: [string, number][] = [['оеаинт', 2], ['срвлкм', 1.5], ['дпуяыьгзб', 1], ['чйхжшю', 0], ['цщэфё', -1], ['ъ', -2]];
const ARABIC_TIERS: [string, number][] = [['ال', 2], ['يمون', 1.5], ['هرتبعدةسفكقأ', 1], ['حجىإشطصخذثز', 0], ['ضغظءؤئآ', -1]];
const RUSSIAN_BIGRAMS = new Set(['ст', 'но', 'то', 'на', 'ен', 'ов', 'ни', 'ра', 'во', 'ко', 'пр', 'ро', 'ог', 'го', 'ал', 'по']);

function tierTable(tiers: [string, number][]): Map<string, number> {
  return new Map(tiers.flatMap(([letters, score]) => Array.from(letters, (letter): [string, number] => [letter, score])));
}
const RUSSIAN_SCORES = tierTable(RUSSIAN_TIERS);
const ARABIC_SCORES = tierTable(ARABIC_TIERS);
const LATIN_COMMON = new Set('éèàçêùôîâëïüöäßûÉÀÇÜÖÄ');
const TYPOGRAPHY = new Set('«»–—“”„‘’…№°·€\u00A0');

type Script = 'latin' | 'cyrillic' | 'arabic';

function scriptOf(char: string | undefined): Script | null {
  if (!char) return null;
  if (/^[A-Za-z\u00C0-\u024F]$/.test(char)) return 'latin';
  if (/^[\u0400-\u04FF]$/.test(char)) return 'cyrillic';
  if (/^[\u0621-\u064A]$/.test(char)) return 'arabic';
  return null;
}

const isLetter = (char: string | undefined): boolean => !!char && /^\p{L}$/u.test(char);
const isUpper = (char: string): boolean => char !== char.toLowerCase();

/** How plausible one character decoded from a high byte is, given its neighbours. */
function characterScore(char: string, previous: string | undefined, next: string | undefined, beforePrevious: string | undefined): number {
  const script = scriptOf(char);
  const neighbourScripts = [scriptOf(previous), scriptOf(next)];
  // Words do not mix alphabets: "йtй" is French read as windows-1251, "Çá" is Arabic read as windows-1252.
  if (script && neighbourScripts.some((other) => other && other !== script)) return -2;

  const lower = char.toLowerCase();
  const russian = RUSSIAN_SCORES.get(lower);
  if (russian !== undefined) {
    let score = russian;
    if (isUpper(char)) {
      // A capital opens a word; after a lower-case letter it is the signature of a wrong Cyrillic table.
      if (previous && isLetter(previous) && !isUpper(previous)) return -3;
      score = isLetter(previous) ? score * 0.3 : Math.max(score, 0.5);
    } else if (previous && RUSSIAN_BIGRAMS.has(previous + char)) {
      score += 1;
    }
    return score;
  }
  const arabic = ARABIC_SCORES.get(char);
  if (arabic !== undefined) {
    let score = arabic;
    // The article "al-" opening a word is the commonest pair of letters in Arabic text.
    if (char === 'ل' && previous === 'ا' && !isLetter(beforePrevious)) score += 2;
    return score;
  }
  if (/^[\u064B-\u0652\u060C\u061B\u061F]$/.test(char)) return 0.5; // harakat and Arabic punctuation
  if (LATIN_COMMON.has(char)) return neighbourScripts.includes('latin') ? 2 : 0.3;
  if (TYPOGRAPHY.has(char)) return 0;
  if (isLetter(char)) return -1; // rare letters: Serbian, Icelandic, Urdu...
  return -3; // control characters, box drawing, maths, U+FFFD for unmapped bytes
}

function plausibility(text: string): number {
  const chars = Array.from(text);
  let total = 0;
  let counted = 0;
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    if (char.charCodeAt(0) < 0x80) continue;
    total += characterScore(char, chars[index - 1], chars[index + 1], chars[index - 2]);
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}

/** BOM-less UTF-16: ASCII characters (spaces, digits, punctuation) leave a NUL in every other byte. */
function utf16WithoutBom(sample: Uint8Array): string | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 4) return null;
  let nulAtEven = 0;
  let nulAtOdd = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (sample[index] === 0) nulAtEven++;
    if (sample[index + 1] === 0) nulAtOdd++;
  }
  const encoding =
    nulAtOdd >= pairs * 0.05 && nulAtEven * 10 <= nulAtOdd ? 'utf-16le'
    : nulAtEven >= pairs * 0.05 && nulAtOdd * 10 <= nulAtEven ? 'utf-16be'
    : null;
  if (!encoding) return null;
  try {
    new TextDecoder(encoding, { fatal: true }).decode(sample.subarray(0, pairs * 2), { stream: true });
    return encoding;
  } catch {
    return null;
  }
}

function isUtf8(sample: Uint8Array, truncated: boolean): boolean {
  try {
    // When the sample was cut from a longer file, its last character may be cut too: streaming tolerates that.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

export function detectCharset(bytes: Uint8Array): CharsetGuess {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, confidence: 0.95 };

  if (!sample.some((byte) => byte >= 0x80)) return { encoding: 'utf-8', confidence: 1 };
  // Text in a single-byte code page almost never happens to form valid multi-byte UTF-8 sequences.
  if (isUtf8(sample, bytes.length > sample.length)) return { encoding: 'utf-8', confidence: 0.99 };

  const ranked = SINGLE_BYTE_CANDIDATES.map((encoding) => ({
    encoding,
    score: plausibility(new TextDecoder(encoding).decode(sample)),
  })).sort((a, b) => b.score - a.score);
  const best = ranked[0]!;
  const runnerUp = ranked[1]!;
  if (best.score <= 0) return { encoding: 'windows-1252', confidence: 0.1 };
  const margin = Math.min(1, (best.score - runnerUp.score) / best.score);
  return { encoding: best.encoding, confidence: Math.round(margin * 100) / 100 };
}

// Transliteration keys for names: a name written in Latin, Cyrillic or Arabic letters is reduced to a coarse
// Latin consonant skeleton, so that Popov and Попов, or al-Suknah, as-Sukhnah, Sukhna and السخنة, share a key.
// The rules are ours and offline: script to Latin, drop the Arabic article, fold common romanisation
// variants (kh/k/q, w/v, ou/u...), collapse doubled letters, drop h and vowels (an initial vowel stays as "a").
// Keys are only ever compared with keys, and only for name fields: they are forgiving, not exact.

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

// Arabic letters after normalisation (hamza carriers folded, ة -> ه). Long vowels inside a word are vowels.
const ARABIC: Record<string, string> = {
  ا: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's',
  ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm',
  ن: 'n', ه: 'h', و: 'w', ي: 'y', ء: '', پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ڤ: 'v',
};

/** Standalone Arabic articles as romanised (al-, as-, ash-...): no key of their own. */
const ARTICLES = new Set(['al', 'el', 'as', 'ash', 'ad', 'ar', 'at', 'az', 'an', 'ath', 'adh', 'ul', 'ال']);
const SUN_LETTERS = 'tdrzsnl';

function arabicToLatin(word: string): string {
  const letters = [...word];
  let start = 0;
  if (letters[0] === 'ا' && letters[1] === 'ل' && letters.length > 3) start = 2;
  return letters
    .slice(start)
    .map((letter, index) => {
      // و and ي inside a word are mostly long vowels (يوسف Yusuf); at the start they are consonants.
      if (index > 0 && (letter === 'و' || letter === 'ي')) return 'u';
      return ARABIC[letter] ?? letter;
    })
    .join('');
}

function stripLatinArticle(word: string): string {
  if (/^[ae]l./.test(word) && word.length >= 6) return word.slice(2);
  // Assimilated article written joined: assukhnah, arraqqa, ashsham.
  const sun = /^a(sh|th|dh|[tdrzsn])\1/.exec(word);
  if (sun && SUN_LETTERS.includes(sun[1]![0]!) && word.length >= 6) return word.slice(1 + sun[1]!.length);
  return word;
}

function skeleton(latin: string): string {
  const folded = latin
    .replace(/dzh|dj/g, 'j')
    .replace(/shch/g, 'sh')
    .replace(/kh|gh/g, 'k')
    .replace(/q|ck|c(?![hz])/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/w/g, 'v')
    .replace(/(.)\1+/g, '$1');
  const initialVowel = /^[aeiouy](?![aeiou])/.test(folded) && !/^y/.test(folded) ? 'a' : '';
  const consonants = folded
    .replace(/(?<![scz])h/g, '')
    .replace(/[aeiou]/g, '')
    .replace(/(?<=.)y/g, '')
    .replace(/[^a-z]/g, '');
  return initialVowel + consonants;
}

/** The transliteration key of one normalised word, or null for articles and words too short to compare. */
export function nameKey(word: string): string | null {
  if (ARTICLES.has(word)) return null;
  let latin: string;
  if (/[\u0600-\u06FF]/.test(word)) latin = arabicToLatin(word);
  else if (/[\u0400-\u04FF]/.test(word)) latin = stripLatinArticle([...word].map((letter) => CYRILLIC[letter] ?? letter).join(''));
  else latin = stripLatinArticle(word);
  if (!/^[a-z]+$/.test(latin)) return null;
  const key = skeleton(latin);
  return key.length >= 2 ? key : null;
}

/** Marks keys as keys in the index, so that a key never equals an ordinary word. */
export const KEY_PREFIX = 'k0';

/** Space-separated index tokens for the names in a normalised text. */
export function nameKeys(words: string[]): string {
  const keys = new Set<string>();
  for (const word of words) {
    const key = nameKey(word);
    if (key) keys.add(KEY_PREFIX + key);
  }
  return [...keys].join(' ');
}

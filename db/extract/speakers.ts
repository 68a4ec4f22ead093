// Reading a speaker out of the words next to a quote: "Russian Major General Yuri Popov" is a nationality, a
// title (the role) and a name; "Yuri Popov, a spokesman for the Defence Ministry," carries its role after the name.

const TITLES = [
  'Major General', 'Lieutenant General', 'Brigadier General', 'Lieutenant Colonel', 'Rear Admiral', 'Vice Admiral',
  'Maj. Gen.', 'Lt. Gen.', 'Brig. Gen.', 'Lt. Col.', 'Col.', 'Gen.', 'Adm.', 'Capt.', 'Sgt.',
  'General', 'Colonel', 'Admiral', 'Captain', 'Major', 'Sergeant', 'Commander',
  'Prime Minister', 'Foreign Minister', 'Defence Minister', 'Defense Minister', 'Interior Minister', 'Deputy Minister',
  'Minister', 'President', 'Vice President', 'Deputy', 'Governor', 'Ambassador', 'Envoy', 'Mayor', 'Senator',
  'Secretary-General', 'Secretary', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Chief', 'Director', 'Head',
  'Sheikh', 'Imam', 'Dr.', 'Mr.', 'Mrs.', 'Ms.',
].sort((a, b) => b.length - a.length);

/** Courtesy titles say nothing about a role. */
const COURTESY = new Set(['Dr.', 'Mr.', 'Mrs.', 'Ms.']);

const NATIONALITIES = new Set([
  'Russian', 'Syrian', 'Iranian', 'Turkish', 'American', 'British', 'Israeli', 'Iraqi', 'French', 'German', 'Chinese',
  'Ukrainian', 'Lebanese', 'Jordanian', 'Saudi', 'Egyptian', 'Kurdish', 'Qatari', 'Emirati', 'Afghan', 'Pakistani',
  'Libyan', 'Yemeni', 'Palestinian', 'US', 'U.S.', 'UN', 'U.N.',
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

/** Lower-case words that may sit inside a name (al-Assad, bin Salman, de Mistura, von der Leyen, Abu Mohammed). */
const NAME_PARTICLES = new Set(['al', 'al-', 'el', 'bin', 'ibn', 'de', 'da', 'der', 'van', 'von', 'la', 'le', 'abu']);

export interface Speaker {
  name: string;
  role: string | null;
  organisation: string | null;
  /** A nationality or body named before the title ("Russian"), kept apart from the role. */
  affiliation: string | null;
  /** True when the words were a pronoun ("he said"): the caller resolves it to the previous speaker. */
  pronoun: boolean;
}

const capitalised = (word: string): boolean => /^[\p{Lu}]/u.test(word) || /^(?:al|el)-\p{Lu}/u.test(word);

/** The trailing run of name-like words at the end of `text` ("... April 18, Russian Major General Yuri Popov"). */
export function trailingNameRun(text: string): string {
  const words = text.trimEnd().split(/\s+/);
  const run: string[] = [];
  for (let index = words.length - 1; index >= 0; index--) {
    const word = words[index]!;
    if (/[,;:!?]$/.test(word) || /[.]$/.test(word) && !TITLES.includes(word) && !/^\p{Lu}\.$/u.test(word)) break;
    if (capitalised(word) || (NAME_PARTICLES.has(word.toLowerCase()) && run.length > 0)) run.unshift(word);
    else break;
  }
  while (run.length > 0 && NAME_PARTICLES.has(run[0]!.toLowerCase())) run.shift();
  return run.join(' ');
}

/** The leading run of name-like words at the start of `text` ("Yuri Popov said ..."). */
export function leadingNameRun(text: string): string {
  const words = text.trimStart().split(/\s+/);
  const run: string[] = [];
  for (const word of words) {
    const bare = word.replace(/[,;:.!?]+$/, '');
    if (!bare || !(capitalised(bare) || (NAME_PARTICLES.has(bare.toLowerCase()) && run.length > 0))) break;
    run.push(TITLES.includes(word) ? word : bare);
    if (bare !== word && !TITLES.includes(word)) break;
  }
  return run.join(' ');
}

/** Splits "Russian Major General Yuri Popov" into affiliation, role and name. */
export function parseSpeaker(phrase: string): Speaker | null {
  let rest = phrase.trim().replace(/^(?:the|The)\s+/, '');
  if (!rest) return null;
  if (PRONOUNS.has(rest.toLowerCase())) return { name: rest, role: null, organisation: null, affiliation: null, pronoun: true };
  let affiliation: string | null = null;
  const firstWord = rest.split(/\s+/)[0]!;
  if (NATIONALITIES.has(firstWord)) {
    affiliation = firstWord;
    rest = rest.slice(firstWord.length).trim();
  }
  const roles: string[] = [];
  for (let matched = true; matched; ) {
    matched = false;
    for (const title of TITLES) {
      if (rest.startsWith(`${title} `)) {
        if (!COURTESY.has(title)) roles.push(title);
        rest = rest.slice(title.length).trim();
        matched = true;
        break;
      }
    }
  }
  if (roles.length === 0 && affiliation) {
    // "Syrian Observatory for Human Rights": a nationality without a title is part of the name.
    rest = `${affiliation} ${rest}`;
    affiliation = null;
  }
  const name = rest.replace(/['’]s$/, '').trim();
  if (!name || name.split(/\s+/).every((word) => !capitalised(word))) return null;
  return { name, role: roles.length ? roles.join(' ') : null, organisation: null, affiliation, pronoun: false };
}

const UNNAMED = /(?:^|\s)((?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}(?:official|officials|spokesman|spokeswoman|spokesperson|source|sources|witness|witnesses|resident|residents|commander|officer|medic|doctor|ministry|statement|governor|mayor|minister|general|colonel|army|police|monitor|group))$/iu;

/** A speaker described rather than named ("a local official", "the ministry"), as investigators often meet them. */
export function unnamedSpeaker(words: string): Speaker | null {
  const match = UNNAMED.exec(words.trimEnd());
  if (!match) return null;
  const phrase = match[1]!;
  return { name: phrase.charAt(0).toUpperCase() + phrase.slice(1), role: null, organisation: null, affiliation: null, pronoun: false };
}

/** "a spokesman for the Russian Defence Ministry" -> role "spokesman", organisation "Russian Defence Ministry". */
export function parseAppositive(text: string): { role: string; organisation: string | null } | null {
  const match = /^(?:an?|the)\s+([\p{L} -]{2,60}?)(?:\s+(?:for|of|at|with|in)\s+(?:the\s+)?(.{2,80}))?$/u.exec(text.trim());
  if (!match) return null;
  return { role: match[1]!.trim(), organisation: match[2]?.trim() ?? null };
}

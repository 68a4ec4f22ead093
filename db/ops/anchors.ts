// Text-quote anchors (in the manner of the W3C Web Annotation TextQuoteSelector): a passage is kept as its exact
// text plus a little text before and after, and re-found in an article's text even after the page was re-rendered
// with other whitespace, quote marks or markup. When the exact passage is gone, a bounded fuzzy match is tried
// and the result says so.

export interface TextQuoteSelector {
  exact: string;
  prefix?: string | null;
  suffix?: string | null;
}

export interface AnchorMatch {
  start: number;
  end: number;
  /** 'exact': the text as stored; 'normalised': equal once whitespace and quote marks are folded; 'fuzzy': close. */
  method: 'exact' | 'normalised' | 'fuzzy';
  /** Edits between the stored passage and the text found (0 unless fuzzy). */
  distance: number;
}

/** Characters of context kept on each side of a passage. */
export const ANCHOR_CONTEXT = 32;

export function selectorFor(text: string, start: number, end: number, context = ANCHOR_CONTEXT): { exact: string; prefix: string; suffix: string } {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

const FOLD: Record<string, string> = {
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u2032': "'",
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00AD': '',
};

/** Folds whitespace runs to one space and typographic quotes and dashes to plain ones, keeping a map to the original offsets. */
export function foldText(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let lastWasSpace = true;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      if (!lastWasSpace) {
        folded += ' ';
        offsets.push(index);
      }
      lastWasSpace = true;
      continue;
    }
    const replacement = FOLD[char] ?? char.toLowerCase();
    for (const piece of replacement) {
      folded += piece;
      offsets.push(index);
    }
    lastWasSpace = false;
  }
  if (folded.endsWith(' ')) {
    folded = folded.slice(0, -1);
    offsets.pop();
  }
  offsets.push(text.length);
  return { folded, offsets };
}

const fold = (text: string | null | undefined): string => foldText(text ?? '').folded;

/** How many characters at the end of `a` agree with the end of `b` (or the starts, for suffixes). */
function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function contextScore(folded: string, start: number, end: number, prefix: string, suffix: string): number {
  const before = folded.slice(Math.max(0, start - prefix.length - 1), start).trimEnd();
  const after = folded.slice(end, end + suffix.length + 1).trimStart();
  return commonTail(before, prefix.trimEnd()) + commonHead(after, suffix.trimStart());
}

/** Every start of `needle` in `haystack`. */
function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Approximate substring match (Sellers): the end position in `text` where `pattern` matches with the fewest
 * edits, if within `maxDistance`. Returns the best end and its distance.
 */
function bestFuzzyEnd(text: string, pattern: string, maxDistance: number): { end: number; distance: number } | null {
  const m = pattern.length;
  let previous = new Int32Array(m + 1);
  let current = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) previous[i] = i;
  let best: { end: number; distance: number } | null = null;
  for (let j = 1; j <= text.length; j++) {
    current[0] = 0;
    const char = text[j - 1];
    for (let i = 1; i <= m; i++) {
      const substitution = previous[i - 1]! + (pattern[i - 1] === char ? 0 : 1);
      current[i] = Math.min(substitution, previous[i]! + 1, current[i - 1]! + 1);
    }
    const distance = current[m]!;
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { end: j, distance };
    [previous, current] = [current, previous];
  }
  return best;
}

/** The start of the match that ends at `end`: the same alignment run backwards over a window. */
function fuzzyStart(text: string, pattern: string, end: number, maxDistance: number): number {
  const windowStart = Math.max(0, end - pattern.length - maxDistance);
  const reversedText = [...text.slice(windowStart, end)].reverse().join('');
  const reversedPattern = [...pattern].reverse().join('');
  const back = bestFuzzyEnd(reversedText, reversedPattern, maxDistance);
  return back ? end - back.end : Math.max(0, end - pattern.length);
}

/** Allowed edits for a fuzzy match: about one in eight characters, at least 2, at most 64. */
export const maxEditsFor = (length: number): number => Math.min(64, Math.max(2, Math.floor(length / 8)));

/** Re-finds a passage in `text`; null when it is not there even approximately. */
export function findAnchor(text: string, selector: TextQuoteSelector): AnchorMatch | null {
  if (!selector.exact) return null;
  const prefix = fold(selector.prefix);
  const suffix = fold(selector.suffix);

  const direct = occurrences(text, selector.exact);
  if (direct.length > 0) {
    const { folded, offsets } = foldText(text);
    const toFolded = (original: number): number => offsets.findIndex((offset) => offset >= original);
    const start = pickBest(direct, (at) => contextScore(folded, toFolded(at), toFolded(at + selector.exact.length), prefix, suffix));
    return { start, end: start + selector.exact.length, method: 'exact', distance: 0 };
  }

  const { folded, offsets } = foldText(text);
  const exact = fold(selector.exact);
  if (!exact) return null;
  const original = (foldedStart: number, foldedEnd: number): { start: number; end: number } => ({
    start: offsets[foldedStart]!,
    end: offsets[foldedEnd - 1]! + 1,
  });
  const candidates = occurrences(folded, exact);
  if (candidates.length > 0) {
    const at = pickBest(candidates, (start) => contextScore(folded, start, start + exact.length, prefix, suffix));
    return { ...original(at, at + exact.length), method: 'normalised', distance: 0 };
  }

  const maxDistance = maxEditsFor(exact.length);
  const fuzzy = bestFuzzyEnd(folded, exact, maxDistance);
  if (!fuzzy) return null;
  const start = fuzzyStart(folded, exact, fuzzy.end, maxDistance);
  if (fuzzy.end <= start) return null;
  return { ...original(start, fuzzy.end), method: 'fuzzy', distance: fuzzy.distance };
}

function pickBest(starts: number[], score: (start: number) => number): number {
  let best = starts[0]!;
  let bestScore = -1;
  for (const start of starts) {
    const value = score(start);
    if (value > bestScore) {
      best = start;
      bestScore = value;
    }
  }
  return best;
}

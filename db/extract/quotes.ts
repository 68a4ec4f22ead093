// Finding reported speech in an article's text: direct quotes with their speaker on either side ("X said, “...”",
// "“...,” X said"), and indirect speech ("according to X, ...", "X told reporters (that) ..."). Each finding
// carries the passage's offsets, the speaker read from the nearby words, and the date the words give, resolved
// against the article's own date ("on Thursday, April 18" in an article of 19 April 2024 -> 2024-04-18).
import { chrono } from '../lazy';
import { leadingNameRun, parseAppositive, parseSpeaker, trailingNameRun, unnamedSpeaker, type Speaker } from './speakers';

export interface FoundStatement {
  speaker: string;
  role: string | null;
  organisation: string | null;
  affiliation: string | null;
  quote: string;
  /** The quoted passage in the text: [start, end). */
  start: number;
  end: number;
  date: string | null;
  venue: string | null;
  pattern: 'said-quote' | 'quote-said' | 'according-to' | 'told' | 'said-that';
}

const VERBS = 'said|says|told reporters|told journalists|told the press|told|stated|declared|added|announced|warned|claimed|insisted|stressed|noted|explained|wrote|confirmed|denied';
const OPENERS = '“"«„';
const CLOSERS: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“' };

interface Span {
  start: number;
  end: number;
}

/**
 * Paragraphs of extracted text: saved pages keep their source's line wraps, so a single newline ends a paragraph
 * only after sentence-final punctuation or a closing quote; a blank line always does.
 */
function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  const breaks = /\n\s*\n|(?<=[.!?”"»])[ \t]*\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    if (match.index > start) spans.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** Quoted passages of a paragraph: the text between an opening mark and its closing mark. */
function quotedSpans(text: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  let index = paragraph.start;
  while (index < paragraph.end) {
    const char = text[index]!;
    if (OPENERS.includes(char)) {
      const closer = CLOSERS[char]!;
      const close = text.indexOf(closer, index + 1);
      if (close < 0 || close >= paragraph.end) break;
      if (close - index > 12) spans.push({ start: index + 1, end: close });
      index = close + 1;
    } else index++;
  }
  return spans;
}

/** The sentence around [start, end) within the paragraph. */
function sentenceAround(text: string, paragraph: Span, start: number, end: number): Span {
  let from = start;
  while (from > paragraph.start && !/[.!?]/.test(text[from - 1]!) ) from--;
  // A full stop inside an abbreviation ("Maj. Gen.") does not end a sentence.
  while (from > paragraph.start && /(?:\b\p{Lu}[a-z]{0,3}\.|\b\p{Lu}\.)$/u.test(text.slice(Math.max(paragraph.start, from - 5), from))) {
    from--;
    while (from > paragraph.start && !/[.!?]/.test(text[from - 1]!)) from--;
  }
  let to = end;
  const after = /[.!?](?=\s|$)/g;
  after.lastIndex = end + 1;
  const stop = after.exec(text.slice(0, paragraph.end));
  to = stop ? stop.index + 1 : paragraph.end;
  return { start: from, end: to };
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date named in the sentence outside the quote, nearest to the speech verb. */
function dateIn(text: string, sentence: Span, quote: Span, verbAt: number, reference: Date | null): string | null {
  if (!reference) return null;
  const slice = text.slice(sentence.start, sentence.end);
  const results = chrono().parse(slice, reference);
  let best: { date: string; distance: number } | null = null;
  for (const result of results) {
    const at = sentence.start + result.index;
    if (at >= quote.start && at < quote.end) continue;
    const known = result.start;
    if (!known.isCertain('day') && !known.isCertain('weekday')) continue;
    const date = isoDay(known.get('year')!, known.get('month')!, known.get('day')!);
    const distance = Math.abs(at - verbAt);
    if (!best || distance < best.distance) best = { date, distance };
  }
  return best?.date ?? null;
}

const VENUE = /\b(?:at|in|during)\s+(?:an?|the|a\s+televised)\s+((?:[\p{L}-]+\s+){0,2}?(?:press conference|news conference|press briefing|briefing|interview|speech|address|meeting|summit|session|hearing|rally))\b/iu;

function venueIn(text: string, sentence: Span, quote: Span): string | null {
  const outside = `${text.slice(sentence.start, quote.start)} ${text.slice(quote.end, sentence.end)}`.replace(/\s+/g, ' ');
  if (/\btold (?:reporters|journalists)\b/i.test(outside) && !VENUE.test(outside)) return 'remarks to reporters';
  return VENUE.exec(outside)?.[1]?.toLowerCase() ?? null;
}

/** Reads the speaker from the words just before "said" (with an optional ", a spokesman for X," between). */
function speakerBefore(words: string): Speaker | null {
  const appositive = /,\s*((?:an?|the)\s[^,]{2,120}),\s*$/u.exec(words);
  if (appositive) {
    const speaker = parseSpeaker(trailingNameRun(words.slice(0, appositive.index)));
    const described = parseAppositive(appositive[1]!);
    if (speaker && described) return { ...speaker, role: speaker.role ?? described.role, organisation: described.organisation };
  }
  const unnamed = unnamedSpeaker(words);
  if (unnamed) return unnamed;
  const run = trailingNameRun(words);
  if (run) return parseSpeaker(run);
  const pronoun = /\b(he|she|they)\s*$/i.exec(words);
  return pronoun ? parseSpeaker(pronoun[1]!) : null;
}

function cleanQuote(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  return { start, end };
}

export function findStatements(text: string, articleDate: string | null): FoundStatement[] {
  const reference = articleDate ? new Date(`${articleDate.slice(0, 10)}T12:00:00`) : null;
  const found: FoundStatement[] = [];
  let previous: Speaker | null = null;

  const push = (speaker: Speaker | null, quote: Span, paragraph: Span, verbAt: number, pattern: FoundStatement['pattern']): void => {
    if (!speaker) return;
    let resolved: Speaker = speaker;
    if (speaker.pronoun) {
      if (!previous) return;
      resolved = previous;
    }
    previous = resolved;
    const clean = cleanQuote(text, quote);
    if (clean.end - clean.start < 8) return;
    if (found.some((other) => other.start === clean.start)) return;
    const sentence = sentenceAround(text, paragraph, clean.start, clean.end);
    found.push({
      speaker: resolved.name,
      role: resolved.role,
      organisation: resolved.organisation,
      affiliation: resolved.affiliation,
      quote: text.slice(clean.start, clean.end).replace(/\s+/g, ' '),
      start: clean.start,
      end: clean.end,
      date: dateIn(text, sentence, clean, verbAt, reference),
      venue: venueIn(text, sentence, clean),
      pattern,
    });
  };

  for (const paragraph of paragraphs(text)) {
    const direct = quotedSpans(text, paragraph);
    for (const quote of direct) {
      const before = text.slice(Math.max(paragraph.start, quote.start - 1 - 240), quote.start - 1);
      const saidBefore = new RegExp(`^(.*?)\\s+(?:${VERBS})(?:\\s+(?:on|in|at)\\s[^,]{1,60})?(?:\\s+that)?\\s*[,:]?\\s*$`, 'su').exec(before);
      if (saidBefore) {
        push(speakerBefore(saidBefore[1]!), quote, paragraph, quote.start - 1 - before.length + saidBefore[1]!.length + 1, 'said-quote');
        continue;
      }
      const after = text.slice(quote.end + 1, Math.min(paragraph.end, quote.end + 1 + 200));
      const saidName = new RegExp(`^\\s*,?\\s*(?:${VERBS})\\s+(.+)$`, 'su').exec(after);
      if (saidName) {
        const words = saidName[1]!;
        const apposition = /^([^,]+),\s*((?:an?|the)\s[^,.]{2,120})[,.]/u.exec(words);
        const speaker = parseSpeaker(leadingNameRun(words));
        const described = apposition ? parseAppositive(apposition[2]!) : null;
        push(speaker && described ? { ...speaker, role: speaker.role ?? described.role, organisation: described.organisation } : speaker, quote, paragraph, quote.end + 1, 'quote-said');
        continue;
      }
      const nameSaid = new RegExp(`^\\s*,?\\s*(.{1,160}?)\\s+(?:${VERBS})\\b`, 'su').exec(after);
      if (nameSaid) {
        const words = nameSaid[1]!;
        const apposition = /^(.+?),\s*((?:an?|the)\s[^,]{2,120}),?$/u.exec(words);
        const speaker = parseSpeaker(apposition ? apposition[1]! : words);
        const described = apposition ? parseAppositive(apposition[2]!) : null;
        if (speaker && (speaker.pronoun || /^[\p{Lu}]/u.test(words.trim()))) {
          push(described ? { ...speaker, role: speaker.role ?? described.role, organisation: described.organisation } : speaker, quote, paragraph, quote.end + 1 + nameSaid[0].length, 'quote-said');
        }
      }
    }
    findIndirect(text, paragraph, direct, (speaker, quote, verbAt, pattern) => push(speaker, quote, paragraph, verbAt, pattern));
  }
  return found.sort((a, b) => a.start - b.start);
}

type Report = (speaker: Speaker | null, quote: Span, verbAt: number, pattern: FoundStatement['pattern']) => void;

/** "according to X, ..." and "X told reporters (that) ..." / "X said that ..." without quotation marks. */
function findIndirect(text: string, paragraph: Span, direct: Span[], report: Report): void {
  const body = text.slice(paragraph.start, paragraph.end);
  const insideQuote = (at: number): boolean => direct.some((span) => at >= span.start - 1 && at <= span.end + 1);
  const sentenceEnd = (from: number): number => {
    const stop = /[.!?](?=\s|$)/g;
    stop.lastIndex = from;
    let match = stop.exec(body);
    while (match && /\b(?:\p{Lu}[a-z]{0,3}|\p{Lu})$/u.test(body.slice(Math.max(0, match.index - 4), match.index))) match = stop.exec(body);
    return match ? match.index : body.length;
  };

  const according = /\b[Aa]ccording to ([^,]{2,160}),\s+/gu;
  for (let match = according.exec(body); match; match = according.exec(body)) {
    const start = match.index + match[0].length;
    if (insideQuote(paragraph.start + start)) continue;
    const phrase = match[1]!;
    const apposition = /^(.+?),\s*((?:an?|the)\s.+)$/u.exec(phrase);
    const speaker = parseSpeaker(apposition ? apposition[1]! : phrase);
    if (!speaker || speaker.pronoun) continue;
    report(speaker, { start: paragraph.start + start, end: paragraph.start + sentenceEnd(start) }, paragraph.start + match.index, 'according-to');
  }

  const told = /([^.!?“”"]{2,200}?)\s+(told (?:reporters|journalists|the press|[\p{Lu}][\p{L}]+(?: [\p{Lu}][\p{L}]+)*)(?: on [^,]{1,40})?|said)\s+that\s+|([^.!?“”"]{2,200}?)\s+(told (?:reporters|journalists|the press))\s+/gu;
  for (let match = told.exec(body); match; match = told.exec(body)) {
    const start = match.index + match[0].length;
    if (insideQuote(paragraph.start + start) || OPENERS.includes(body[start] ?? '')) continue;
    const words = match[1] ?? match[3]!;
    const speaker = speakerBefore(words);
    if (!speaker) continue;
    report(speaker, { start: paragraph.start + start, end: paragraph.start + sentenceEnd(start) }, paragraph.start + match.index + words.length, match[2]?.startsWith('said') ? 'said-that' : 'told');
  }
}

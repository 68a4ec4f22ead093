// Text-quote anchors survive re-rendering: other whitespace, other quote marks, markup stripped differently,
// small edits (found fuzzily, and said so), and repeated passages told apart by their context.
import { describe, expect, it } from 'vitest';
import { findAnchor, selectorFor } from '../../db/ops/anchors';

const original =
  'In a press conference on Thursday, April 18, Russian Major General Yuri Popov said, “The Russian Air Force ' +
  'destroyed three bases used by militants in the Homs desert over the past week.” Local sources could not confirm it.';
const quoteStart = original.indexOf('The Russian Air Force');
const quoteEnd = original.indexOf('week.') + 'week.'.length;
const selector = selectorFor(original, quoteStart, quoteEnd);

describe('findAnchor', () => {
  it('keeps about 32 characters of context on each side', () => {
    expect(selector.exact).toBe('The Russian Air Force destroyed three bases used by militants in the Homs desert over the past week.');
    expect(selector.prefix).toHaveLength(32);
    expect(selector.prefix.endsWith('Yuri Popov said, “')).toBe(true);
    expect(selector.suffix.startsWith('” Local sources')).toBe(true);
  });

  it('finds the passage as stored', () => {
    expect(findAnchor(original, selector)).toEqual({ start: quoteStart, end: quoteEnd, method: 'exact', distance: 0 });
  });

  it('re-finds it after the text was re-wrapped and its quote marks changed', () => {
    const rerendered = original.replace('Air Force ', 'Air Force\n   ').replace(/\s+the Homs/, '  the\u00A0Homs').replace('“', '"').replace('”', '"');
    const match = findAnchor(rerendered, selector)!;
    expect(match.method).toBe('normalised');
    const found = rerendered.slice(match.start, match.end);
    expect(found.startsWith('The Russian Air Force\n')).toBe(true);
    expect(found.endsWith('over the past week.')).toBe(true);
  });

  it('re-finds it in text taken from markup of another shape', () => {
    const html = `<p>In a press conference on <b>Thursday</b>, April 18, Russian Major General <a href="#">Yuri Popov</a> said,
      <q>The Russian Air Force <em>destroyed</em> three bases used by militants in the Homs
      desert over the past week.</q> Local sources could not confirm it.</p>`;
    const text = html.replace(/<[^>]+>/g, '');
    const match = findAnchor(text, selector)!;
    expect(match.method).toBe('normalised');
    expect(text.slice(match.start, match.end).replace(/\s+/g, ' ')).toBe(selector.exact);
  });

  it('falls back to a bounded fuzzy match and says so', () => {
    const corrected = original.replace('destroyed three bases', 'destroyed 3 bases').replace('militants', 'militant');
    const match = findAnchor(corrected, selector)!;
    expect(match.method).toBe('fuzzy');
    expect(match.distance).toBeGreaterThan(0);
    expect(match.distance).toBeLessThanOrEqual(12);
    expect(corrected.slice(match.start, match.end)).toMatch(/^The Russian Air Force destroyed 3 bases.*past week\.$/);
  });

  it('gives up rather than pointing at an unrelated passage', () => {
    expect(findAnchor('An entirely different article about grain prices in Aleppo markets this spring.', selector)).toBeNull();
  });

  it('tells a repeated passage apart by its context', () => {
    const text = 'Officials said “no comment” on Monday. On Tuesday the governor said “no comment” again.';
    const second = text.lastIndexOf('no comment');
    const repeated = selectorFor(text, second, second + 'no comment'.length);
    expect(findAnchor(text, repeated)!.start).toBe(second);
    const spaced = text.replace(/ +/g, '  ');
    const match = findAnchor(spaced, repeated)!;
    expect(match.method).toBe('normalised');
    expect(match.start).toBe(spaced.lastIndexOf('no  comment'));
  });
});

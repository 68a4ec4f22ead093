// Search results against ground truth computed here, independently of the index: a few hundred generated items
// whose words are known, and for many words, phrases, prefixes, OR and NOT queries the result set must equal
// the items that the generator put those words in (no miss, no extra).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/corpus';
import { matchingDocsSql, planParams, planSearch } from '../../db/search/plan';
import { parseQuery } from '../../db/search/query';
import { tempArchive, type TestArchive } from '../helpers';

const VOCABULARY = [
  'convoy', 'ambush', 'checkpoint', 'desert', 'road', 'village', 'militia', 'ministry', 'spokesman', 'airstrike',
  'border', 'crossing', 'civilians', 'detained', 'released', 'shelling', 'morning', 'evening', 'report', 'witness',
  'колонна', 'засада', 'пустыня', 'дорога', 'حافلة', 'قافلة', 'كمين', 'طريق', 'bus', 'base', 'bases', 'basement',
];

interface Doc {
  id: string;
  words: string[];
}

let archive: TestArchive;
const docs: Doc[] = [];
const random = seededRandom(4242);
const pick = (): string => VOCABULARY[Math.floor(random() ** 1.6 * VOCABULARY.length)]!;
const casing = (word: string): string => (random() < 0.3 ? word.toUpperCase() : random() < 0.5 ? word[0]!.toUpperCase() + word.slice(1) : word);

beforeAll(async () => {
  archive = tempArchive();
  for (let index = 0; index < 300; index++) {
    const words = Array.from({ length: 4 + Math.floor(random() * 20) }, pick);
    const title = `Item ${index}`;
    const body = words.map(casing).join(random() < 0.5 ? ' ' : ', ');
    const { id } = await archive.call('addNote', { title, body });
    docs.push({ id, words: ['item', String(index), ...words] });
  }
});
afterAll(() => archive.dispose());

async function found(query: string): Promise<string[]> {
  const result = await archive.call('search', { query, limit: 500 });
  expect(result.hits.length).toBe(result.total);
  return result.hits.map((hit) => hit.id).sort();
}
const ids = (matching: (doc: Doc) => boolean): string[] => docs.filter(matching).map((doc) => doc.id).sort();
const has = (doc: Doc, word: string): boolean => doc.words.includes(word);
const hasPhrase = (doc: Doc, a: string, b: string): boolean => doc.words.some((word, index) => word === a && doc.words[index + 1] === b);

describe('search equals the ground truth', () => {
  it('for every single word', async () => {
    for (const word of VOCABULARY) {
      const truth = ids((doc) => has(doc, word));
      if (truth.length === 0) continue;
      expect(await found(word), word).toEqual(truth);
    }
  });

  it('for two words (AND), in any order', async () => {
    for (let index = 0; index < 40; index++) {
      const [a, b] = [pick(), pick()];
      const truth = ids((doc) => has(doc, a) && has(doc, b));
      if (truth.length === 0) continue;
      expect(await found(`${a} ${b}`), `${a} ${b}`).toEqual(truth);
    }
  });

  it('for phrases taken from the items', async () => {
    for (let index = 0; index < 40; index++) {
      const doc = docs[Math.floor(random() * docs.length)]!;
      const at = 2 + Math.floor(random() * (doc.words.length - 3));
      const [a, b] = [doc.words[at]!, doc.words[at + 1]!];
      expect(await found(`"${a} ${b}"`), `"${a} ${b}"`).toEqual(ids((d) => hasPhrase(d, a, b)));
    }
  });

  it('for NOT and -word', async () => {
    for (let index = 0; index < 40; index++) {
      const [a, b] = [pick(), pick()];
      if (a === b) continue;
      const truth = ids((doc) => has(doc, a) && !has(doc, b));
      if (truth.length === 0) continue;
      expect(await found(index % 2 ? `${a} -${b}` : `${a} NOT ${b}`), `${a} -${b}`).toEqual(truth);
    }
  });

  it('for OR and grouping', async () => {
    for (let index = 0; index < 30; index++) {
      const [a, b, c] = [pick(), pick(), pick()];
      expect(await found(`${a} OR ${b}`)).toEqual(ids((doc) => has(doc, a) || has(doc, b)));
      const truth = ids((doc) => (has(doc, a) || has(doc, b)) && has(doc, c));
      if (truth.length > 0) expect(await found(`(${a} OR ${b}) ${c}`)).toEqual(truth);
    }
  });

  it('for prefixes', async () => {
    for (const prefix of ['bas', 'con', 'chec', 'за', 'قا', 'wit']) {
      const truth = ids((doc) => doc.words.some((word) => word.startsWith(prefix)));
      expect(await found(`${prefix}*`), prefix).toEqual(truth);
    }
  });

  it('for substrings (*ase*)', async () => {
    const truth = ids((doc) => doc.words.some((word) => word.includes('ase')));
    expect(await found('*ase*')).toEqual(truth);
  });

  it('looks substrings up through the trigram index, never by reading every row', () => {
    const plan = planSearch(archive.archive, parseQuery('*ase*'));
    const steps = archive.archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${matchingDocsSql(plan)}`).all(planParams(plan)) as { detail: string }[];
    const trigramSteps = steps.filter((step) => step.detail.includes('search_trigram'));
    expect(trigramSteps.length).toBeGreaterThan(0);
    // ":G<column>" is a pattern the index serves; a bare "INDEX 0:" would be a scan of the whole table.
    for (const step of trigramSteps) expect(step.detail).toMatch(/INDEX \d+:G\d+/);
  });

  it('counts every match in total, whatever the page size', async () => {
    const word = VOCABULARY[0]!;
    const truth = ids((doc) => has(doc, word));
    const page = await archive.call('search', { query: word, limit: 5, offset: 5 });
    expect(page.total).toBe(truth.length);
    expect(page.hits).toHaveLength(Math.min(5, truth.length - 5));
  });

  it('counts and pages phrases the same way, by relevance and by date', async () => {
    // A phrase of body words (from the third word: the first two are the title) found in several items.
    const pairs = docs.flatMap((doc) => doc.words.slice(2, -1).map((word, index) => [word, doc.words[index + 3]!] as const));
    const [a, b] = pairs.find(([first, second]) => ids((doc) => hasPhrase(doc, first, second)).length >= 3)!;
    const truth = ids((doc) => hasPhrase(doc, a, b));
    for (const sort of ['relevance', 'date'] as const) {
      const all = await archive.call('search', { query: `"${a} ${b}"`, limit: 500, sort });
      expect(all.total, sort).toBe(truth.length);
      expect(all.hits.map((hit) => hit.id).sort(), sort).toEqual(truth);
      const page = await archive.call('search', { query: `"${a} ${b}"`, limit: 1, offset: 1, sort });
      expect(page.total, sort).toBe(truth.length);
      expect(page.hits.map((hit) => hit.id), sort).toEqual(all.hits.slice(1, 2).map((hit) => hit.id));
    }
  });
});

// Search benchmark: a deterministic archive of N items (~2 KB each; articles, statements, incidents, notes) built
// through the engine and cached in the temp folder between runs, then per query class p50/p95/p99 of the search
// operation against a bare FTS5 `MATCH ... ORDER BY bm25 LIMIT 20` with snippet() over the same database and
// queries, open-to-first-result, facets, quick find and resident memory.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { knownSchemaVersion, openArchive, type Archive } from '../../db/open';
import { appendAudit } from '../../db/ops/audit';
import { addIncident } from '../../db/ops/incidents';
import { insertItem } from '../../db/ops/items';
import { addNote } from '../../db/ops/notes';
import { addStatement } from '../../db/ops/statements';
import { BM25_WEIGHTS } from '../../db/search/compile';
import { facetTableBuilds, searchFacets } from '../../db/search/facets';
import { reindexItem } from '../../db/search/index-item';
import { NORMALISATION_VERSION } from '../../db/search/normalise';
import { quickFind, smallFieldDictionary } from '../../db/search/quick-find';
import { searchItems } from '../../db/search/search';
import { seededRandom, shortRecord } from './corpus';

/** Part of the cache key: bump when the generated corpus changes. */
const CORPUS_VERSION = 1;
const SPEAKERS = ['Sergei Popov', 'Сергей Попов', 'Ivan Petrov', 'Иван Петров', 'Ahmad Hassan', 'أحمد حسن', 'Yusuf Khalil', 'Maria Sokolova'];
const PLACES = ['al-Suknah', 'السخنة', 'Homs', 'Palmyra', 'Deir ez-Zor', 'Raqqa', 'الرقة', 'Aleppo', 'Hama', 'Idlib'];
const OUTLETS = Array.from({ length: 24 }, (_, index) => `Outlet ${String.fromCharCode(65 + index)}`);
const TAGS = ['airstrike', 'convoy', 'checkpoint', 'detention', 'shelling', 'statement-check'];

function dayOf(index: number): string {
  return new Date(Date.UTC(2020, 0, 1) + (index % 1800) * 86_400_000).toISOString().slice(0, 10);
}

function addItem(archive: Archive, index: number): void {
  const { title, body } = shortRecord(index);
  const random = seededRandom(7_000_001 + index);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  switch (index % 4) {
    case 0: {
      const id = insertItem(archive, 'article', title, index % 10 === 0 ? 'ru' : 'en');
      archive.sqlite
        .prepare('INSERT INTO articles (item_id, outlet, byline, published_at, language, body_text) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, pick(OUTLETS), `Staff ${index % 17}`, dayOf(index), index % 10 === 0 ? 'ru' : 'en', body);
      const tag = pick(TAGS);
      archive.sqlite.prepare('INSERT OR IGNORE INTO tags (id, name) VALUES (?, ?)').run(`tag-${tag}`, tag);
      archive.sqlite.prepare('INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)').run(id, `tag-${tag}`);
      reindexItem(archive, id);
      appendAudit(archive, { action: 'import', itemId: id, detail: { bench: index } });
      break;
    }
    case 1:
      addStatement(archive, { speaker: pick(SPEAKERS), quote: body.slice(0, 1200), translation: body.slice(1200), date: dayOf(index), language: 'en' });
      break;
    case 2:
      addIncident(archive, { title, date: dayOf(index), place: pick(PLACES), description: body });
      break;
    default:
      addNote(archive, { title, body });
  }
}

/** The archive for `items`, from the cache in the temp folder or built (and cached) now. */
export function benchArchivePath(items: number, log: (line: string) => void): { path: string; buildSeconds: number | null } {
  const key = `c${CORPUS_VERSION}-s${knownSchemaVersion()}-n${NORMALISATION_VERSION}-${items}`;
  const path = join(tmpdir(), `dossier-search-bench-${key}.sqlite`);
  if (existsSync(path)) return { path, buildSeconds: null };
  const building = `${path}.building`;
  rmSync(building, { force: true });
  rmSync(`${building}-wal`, { force: true });
  log(`building ${items} items into ${path} (cached for later runs)`);
  const started = performance.now();
  const archive = openArchive(building);
  const batch = 5_000;
  for (let from = 0; from < items; from += batch) {
    archive.sqlite.transaction(() => {
      for (let index = from; index < Math.min(items, from + batch); index++) addItem(archive, index);
    })();
    log(`  ${Math.min(items, from + batch)} / ${items}`);
  }
  for (const index of ['search_fts', 'search_pairs']) archive.sqlite.exec(`INSERT INTO ${index}(${index}) VALUES('optimize')`);
  archive.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  archive.close();
  renameSync(building, path);
  return { path, buildSeconds: Math.round((performance.now() - started) / 100) / 10 };
}

interface QueryCase {
  query: string;
  /** The same question as bare FTS5 syntax, for the baseline. */
  bare: string;
}

function queryClasses(archive: Archive): Record<string, QueryCase[]> {
  const db = archive.sqlite;
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, search_fts, row)');
  const items = db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  const band = (low: number, high: number, count: number): string[] =>
    db
      .prepare(`SELECT term FROM temp.bench_vocab WHERE doc BETWEEN ? AND ? AND term GLOB '[a-z]*' AND term NOT GLOB 'k0*' AND length(term) >= 4
                ORDER BY doc DESC, term LIMIT ?`)
      .pluck()
      .all(Math.round(low), Math.round(high), count) as string[];
  const near = (fraction: number, count: number): string[] =>
    db
      .prepare(`SELECT term FROM temp.bench_vocab WHERE term GLOB '[a-z]*' AND term NOT GLOB 'k0*' AND length(term) >= 3
                ORDER BY abs(doc - ?), term LIMIT ?`)
      .pluck()
      .all(Math.round(items * fraction), count) as string[];
  const rare = band(items * 0.0002, items * 0.002, 20);
  const middle = band(items * 0.02, items * 0.08, 20);
  const common = near(0.25, 4);
  const phrases = Array.from({ length: 20 }, (_, index) => {
    const words = shortRecord(index * 37).body.toLowerCase().replace(/[^a-z0-9 ]/g, '').split(' ');
    return words.slice(5, 7).join(' ');
  });
  // Two mid-frequency words that occur together in some item, so that every AND query has results.
  const together = db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck();
  const pairs = middle.slice(0, 10).flatMap((term, index) => {
    const partner = [...middle.slice(index + 1), ...middle.slice(0, index)].find((other) => (together.get(`"${term}" AND "${other}"`) as number) > 0);
    return partner ? [[term, partner] as const] : [];
  });
  // A name field plus a word, kept only where the two occur in some item.
  const fieldFiltered = middle
    .flatMap((term, index) => [
      index % 2 === 0
        ? { query: `speaker:popov ${term}`, bare: `{speaker} : "popov" AND "${term}"` }
        : { query: `place:homs ${term}`, bare: `{place} : "homs" AND "${term}"` },
    ])
    .filter(({ bare }) => (together.get(bare) as number) > 0)
    .slice(0, 10);
  // A selective prefix finds no more items than a middle-frequency word does (8%): the shortest one of 4 letters or
  // more that stays within that. A prefix that also begins a common word ("stat" of "station" and "statement") is a
  // broad query, measured with the broad classes.
  const selectivePrefix = (term: string): string | undefined => {
    for (let length = 4; length < term.length; length++) {
      if ((together.get(`"${term.slice(0, length)}"*`) as number) <= items * 0.08) return term.slice(0, length);
    }
    return undefined;
  };
  const prefixes = middle.flatMap((term) => selectivePrefix(term) ?? []).slice(0, 10);
  return {
    'rare term': rare.map((term) => ({ query: term, bare: `"${term}"` })),
    'two-term AND': pairs.map(([a, b]) => ({ query: `${a} ${b}`, bare: `"${a}" AND "${b}"` })),
    phrase: phrases.map((phrase) => ({ query: `"${phrase}"`, bare: `"${phrase}"` })),
    prefix: prefixes.map((prefix) => ({ query: `${prefix}*`, bare: `"${prefix}"*` })),
    'field-filtered': fieldFiltered,
    'common term (~25% of items)': common.map((term) => ({ query: term, bare: `"${term}"` })),
    'prefix of common words': common.map((term) => ({ query: `${term.slice(0, 3)}*`, bare: `"${term.slice(0, 3)}"*` })),
    'OR of two common terms': [0, 1, 2].map((index) => {
      const [a, b] = [common[index]!, common[index + 1]!];
      return { query: `${a} OR ${b}`, bare: `"${a}" OR "${b}"` };
    }),
  };
}

const percentile = (sorted: number[], p: number): number =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 100) / 100;

function timings(samples: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export interface SearchBenchResult {
  items: number;
  buildSeconds: number | null;
  databaseMb: number;
  openToFirstResultMs: number;
  classes: Record<string, { queries: number; matchesMedian: number; emptyQueries: number; search: ReturnType<typeof timings>; bareFts5: ReturnType<typeof timings>; ratioP50: number; ratioP95: number }>;
  facetsMs: ReturnType<typeof timings>;
  /** The first count on a connection, which builds its table of facet values. */
  facetsFirstMs: number;
  /** A count right after an item changed: the table catches up from facet_changes. */
  facetsAfterWriteMs: ReturnType<typeof timings>;
  facetTableBuilds: number;
  quickFind: { buildOrLoadMs: number; source: 'built' | 'loaded'; query: ReturnType<typeof timings>; residentMemoryMbAfter: number };
  /** After the search classes, before facets and the quick-find index. */
  residentMemoryMb: number;
  goals: Record<string, boolean>;
}

const SELECTIVE = ['rare term', 'two-term AND', 'phrase', 'prefix', 'field-filtered'];
const REPEATS = 10;

/** Measure in a fresh process when the archive was just built here: building leaves a large heap behind. */
export function searchBench(items: number, log: (line: string) => void): SearchBenchResult {
  const { path, buildSeconds } = benchArchivePath(items, log);
  const openStarted = performance.now();
  const archive = openArchive(path);
  searchItems(archive, { query: 'convoy ambush' });
  const openToFirstResultMs = Math.round((performance.now() - openStarted) * 10) / 10;

  try {
    const classes: SearchBenchResult['classes'] = {};
    const bare = archive.sqlite.prepare(
      `SELECT rowid, snippet(search_fts, -1, '\uE000', '\uE001', '…', 24) AS snippet FROM search_fts
        WHERE search_fts MATCH ? ORDER BY bm25(search_fts, ${BM25_WEIGHTS}) LIMIT 20`,
    );
    for (const [name, cases] of Object.entries(queryClasses(archive))) {
      const ours: number[] = [];
      const baseline: number[] = [];
      const matches: number[] = [];
      for (const { query, bare: bareQuery } of cases) {
        matches.push(searchItems(archive, { query }).total);
        bare.all(bareQuery);
        // Interleaved, each going first every other time, so that both see the same cache state.
        for (let repeat = 0; repeat < REPEATS; repeat++) {
          const runOurs = (): void => void ours.push(time(() => searchItems(archive, { query })));
          const runBare = (): void => void baseline.push(time(() => bare.all(bareQuery)));
          if (repeat % 2 === 0) {
            runOurs();
            runBare();
          } else {
            runBare();
            runOurs();
          }
        }
      }
      const search = timings(ours);
      const bareFts5 = timings(baseline);
      classes[name] = {
        queries: cases.length,
        matchesMedian: [...matches].sort((a, b) => a - b)[Math.floor(matches.length / 2)] ?? 0,
        emptyQueries: matches.filter((count) => count === 0).length,
        search,
        bareFts5,
        ratioP50: Math.round((search.p50 / bareFts5.p50) * 100) / 100,
        ratioP95: Math.round((search.p95 / bareFts5.p95) * 100) / 100,
      };
    }

    const residentMemoryMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const facetQueries = ['convoy', 'speaker:popov', 'type:incident from:2022', 'ambush OR attack'];
    // The first count on this connection builds its in-memory table of facet values.
    const facetsFirstMs = Math.round(time(() => searchFacets(archive, { query: 'convoy' })));
    const facetsMs = timings(facetQueries.flatMap((query) => Array.from({ length: REPEATS }, () => time(() => searchFacets(archive, { query })))));
    // One item's search row rewritten as it was (as an edit does), then a count.
    const touch = archive.sqlite.prepare('UPDATE search_docs SET day = day WHERE doc_id = ?');
    const facetsAfterWriteMs = timings(
      Array.from({ length: REPEATS }, (_, index) => {
        touch.run(1 + index);
        return time(() => searchFacets(archive, { query: 'convoy' }));
      }),
    );
    const persisted = archive.sqlite.prepare("SELECT count(*) FROM search_cache WHERE name = 'minisearch-small-field-words'").pluck().get() === 1;
    const buildOrLoadMs = Math.round(time(() => smallFieldDictionary(archive)));
    const quickQueries = ['popov', 'sukna', 'palmira', 'Попов', 'outlet c', 'conv'];
    const quick = timings(quickQueries.flatMap((query) => Array.from({ length: REPEATS }, () => time(() => quickFind(archive, { query })))));

    const goals: Record<string, boolean> = {
      selectiveP50Under10ms: SELECTIVE.every((name) => (classes[name]?.search.p50 ?? Infinity) <= 10),
      selectiveP95Under50ms: SELECTIVE.every((name) => (classes[name]?.search.p95 ?? Infinity) <= 50),
      broadP95Under150ms: Object.entries(classes).filter(([name]) => !SELECTIVE.includes(name)).every(([, c]) => c.search.p95 < 150),
      overheadAtMost1_3x: Object.values(classes).every((c) => c.ratioP50 <= 1.3),
      openToFirstResultUnder1s: openToFirstResultMs <= 1000,
      residentMemoryUnder300Mb: residentMemoryMb <= 300,
    };
    return {
      items,
      buildSeconds,
      databaseMb: Math.round(statSync(path).size / 1024 / 1024),
      openToFirstResultMs,
      classes,
      facetsMs,
      facetsFirstMs,
      facetsAfterWriteMs,
      facetTableBuilds: facetTableBuilds(archive),
      quickFind: { buildOrLoadMs, source: persisted ? 'loaded' : 'built', query: quick, residentMemoryMbAfter: Math.round(process.memoryUsage().rss / 1024 / 1024) },
      residentMemoryMb,
      goals,
    };
  } finally {
    archive.close();
  }
}

/** A readable table of the result, for stderr. */
export function searchBenchTable(result: SearchBenchResult): string {
  const rows = Object.entries(result.classes).map(
    ([name, c]) =>
      `${name.padEnd(28)} ${String(c.matchesMedian).padStart(7)} ${[c.search.p50, c.search.p95, c.search.p99].map((v) => v.toFixed(2).padStart(8)).join('')}` +
      `${[c.bareFts5.p50, c.bareFts5.p95].map((v) => v.toFixed(2).padStart(8)).join('')} ${c.ratioP50.toFixed(2).padStart(6)}x`,
  );
  return [
    `search   ${result.items} items, ${result.databaseMb} MB${result.buildSeconds !== null ? `, built in ${result.buildSeconds} s` : ' (cached)'}`,
    `${'class'.padEnd(28)} ${'matches'.padStart(7)}${['p50', 'p95', 'p99', 'fts p50', 'fts p95'].map((h) => h.padStart(8)).join('')}  ratio`,
    ...rows,
    `open to first result ${result.openToFirstResultMs} ms; facets p50 ${result.facetsMs.p50} ms p95 ${result.facetsMs.p95} ms (first ${result.facetsFirstMs} ms, ` +
      `after a write p50 ${result.facetsAfterWriteMs.p50} ms, ${result.facetTableBuilds} build); ` +
      `quick find index ${result.quickFind.source} in ${result.quickFind.buildOrLoadMs} ms, query p50 ${result.quickFind.query.p50} ms ` +
      `(RSS then ${result.quickFind.residentMemoryMbAfter} MB); search RSS ${result.residentMemoryMb} MB`,
    `goals: ${Object.entries(result.goals).map(([goal, met]) => `${goal} ${met ? 'met' : 'NOT met'}`).join(', ')}`,
  ].join('\n');
}

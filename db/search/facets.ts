// Facet counts for the current query: how many matching items per type, year, outlet, tag and case. Type,
// year and outlet give every item exactly one value (undated items count as "undated", items without an outlet as
// "none"), so each of those sums to the total; an item with two tags counts under both, and one without under "none".
//
// The counting runs in memory: SQLite hands over the query's matches as one JSON array, and a per-connection table
// of every search row's facet values (typed arrays by doc_id) is kept up to date from facet_changes, which triggers
// fill with the rows each write touched; it is rebuilt only when it fell behind by more than that log keeps, or a
// tag or case was renamed. Joining each match to its outlet, tags and cases in SQL took 300-500 ms for a query
// matching most of 100k items, and rebuilding the table after every write took 250 ms.
import type Database from 'better-sqlite3';
import type { FacetCount, SearchFacets, SearchFacetsInput } from '../../electron/contract';
import type { Archive } from '../open';
import { prepared } from '../statements';
import { planParams, planSearch, matchingDocsSql } from './plan';
import { parseQuery } from './query';

const NONE = 'none';
const UNDATED = 'undated';
const TOP = 50;

type FacetName = keyof Omit<SearchFacets, 'total'>;
const FACETS: FacetName[] = ['type', 'year', 'outlet', 'tag', 'case'];

/** Distinct values of one facet; index 0 is the value of items that have none. */
class Values {
  readonly names: string[];
  private readonly indexOf = new Map<string, number>();

  constructor(absent: string) {
    this.names = [absent];
    this.indexOf.set(absent, 0);
  }

  index(name: string): number {
    let index = this.indexOf.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indexOf.set(name, index);
    }
    return index;
  }
}

interface FacetTable {
  /** The write version (writeVersion) and the newest facet_changes entry that the table reflects. */
  version: string;
  seq: number;
  values: Record<FacetName, Values>;
  /** Per doc_id, the value index of its type, year and outlet. */
  single: Record<'type' | 'year' | 'outlet', Uint32Array>;
  /** Per doc_id, its tags and live cases (absent: none). */
  multiple: Record<'tag' | 'case', Map<number, number[]>>;
}

const tables = new WeakMap<Database.Database, FacetTable>();
const builds = new WeakMap<Database.Database, number>();
/** More changed rows than this are read faster by a rebuild. */
const MOST_CHANGES = 5_000;

/** Changes with every write, by this connection (total_changes) or another (data_version). */
function writeVersion(db: Database.Database): string {
  return `${db.pragma('data_version', { simple: true }) as number}:${prepared(db, 'SELECT total_changes()').pluck().get() as number}`;
}

/** The facet values of search rows `d` (those `where` selects), as [doc_id, value...]. */
const valuesSql = (where: string): Record<'single' | 'outlet' | 'tag' | 'case', string> => ({
  single: `SELECT d.doc_id, d.type, substr(d.day, 1, 4) FROM search_docs d WHERE ${where}`,
  outlet: `SELECT d.doc_id, trim(a.outlet) FROM search_docs d JOIN articles a ON a.item_id = d.item_id
            WHERE ${where} AND trim(a.outlet) <> ''`,
  tag: `SELECT d.doc_id, t.name FROM search_docs d JOIN item_tags it ON it.item_id = d.item_id JOIN tags t ON t.id = it.tag_id
         WHERE ${where}`,
  case: `SELECT d.doc_id, c.name FROM search_docs d JOIN case_items ci ON ci.item_id = d.item_id
           JOIN cases c ON c.id = ci.case_id AND c.deleted_at IS NULL WHERE ${where}`,
});

const newestChange = (db: Database.Database): number => (prepared(db, 'SELECT max(seq) FROM facet_changes').pluck().get() as number | null) ?? 0;

/** Room for doc ids up to `size` - 1 (grown by half again, so that an import does not copy the arrays each time). */
function ensureRoom(table: FacetTable, size: number): void {
  if (table.single.type.length >= size) return;
  const capacity = Math.max(size, Math.ceil(table.single.type.length * 1.5));
  for (const facet of ['type', 'year', 'outlet'] as const) {
    const grown = new Uint32Array(capacity);
    grown.set(table.single[facet]);
    table.single[facet] = grown;
  }
}

/** Reads the facet values of every row, or of `docIds` (forgetting what they had: a row may have lost a tag). */
function readValues(db: Database.Database, table: FacetTable, docIds: number[] | null): void {
  const sql = valuesSql(docIds ? 'd.doc_id IN (SELECT value FROM json_each(@docIds))' : '1');
  const params = docIds ? { docIds: JSON.stringify(docIds) } : {};
  const maxDoc = (prepared(db, 'SELECT max(doc_id) FROM search_docs').pluck().get() as number | null) ?? 0;
  ensureRoom(table, maxDoc + 1);
  for (const docId of docIds ?? []) {
    if (docId >= table.single.type.length) continue;
    table.single.type[docId] = table.single.year[docId] = table.single.outlet[docId] = 0;
    table.multiple.tag.delete(docId);
    table.multiple.case.delete(docId);
  }
  for (const [docId, type, year] of prepared(db, sql.single).raw().iterate(params) as Iterable<[number, string, string | null]>) {
    table.single.type[docId] = table.values.type.index(type);
    if (year) table.single.year[docId] = table.values.year.index(year);
  }
  for (const [docId, outlet] of prepared(db, sql.outlet).raw().iterate(params) as Iterable<[number, string]>) {
    table.single.outlet[docId] = table.values.outlet.index(outlet);
  }
  for (const facet of ['tag', 'case'] as const) {
    for (const [docId, name] of prepared(db, sql[facet]).raw().iterate(params) as Iterable<[number, string]>) {
      const list = table.multiple[facet].get(docId) ?? [];
      list.push(table.values[facet].index(name));
      table.multiple[facet].set(docId, list);
    }
  }
}

function buildTable(db: Database.Database, version: string): FacetTable {
  const table: FacetTable = {
    version,
    // Read first: a change made while the rows are read is read again at the next catch-up, which is harmless.
    seq: newestChange(db),
    values: { type: new Values(''), year: new Values(UNDATED), outlet: new Values(NONE), tag: new Values(NONE), case: new Values(NONE) },
    single: { type: new Uint32Array(0), year: new Uint32Array(0), outlet: new Uint32Array(0) },
    multiple: { tag: new Map(), case: new Map() },
  };
  readValues(db, table, null);
  return table;
}

/** Brings the table up to date from facet_changes; false when only a rebuild can (see the top of this file). */
function catchUp(db: Database.Database, table: FacetTable): boolean {
  const changes = prepared(db, 'SELECT seq, doc_id FROM facet_changes WHERE seq > ? ORDER BY seq').raw().all(table.seq) as [number, number | null][];
  if (changes.length === 0) return true;
  // Entries are numbered one after another and only the oldest are dropped: a gap means the table fell behind.
  if (changes[0]![0] !== table.seq + 1) return false;
  const docIds = new Set<number>();
  for (const [, docId] of changes) {
    if (docId === null) return false;
    docIds.add(docId);
  }
  if (docIds.size > MOST_CHANGES) return false;
  readValues(db, table, [...docIds]);
  table.seq = changes[changes.length - 1]![0];
  return true;
}

function facetTable(archive: Archive): FacetTable {
  const db = archive.sqlite;
  const version = writeVersion(db);
  const cached = tables.get(db);
  if (cached?.version === version) return cached;
  if (cached && catchUp(db, cached)) {
    cached.version = version;
    return cached;
  }
  const table = buildTable(db, version);
  tables.set(db, table);
  builds.set(db, (builds.get(db) ?? 0) + 1);
  return table;
}

/** How many times this connection built its facet table whole (for tests and benchmarks). */
export function facetTableBuilds(archive: Archive): number {
  return builds.get(archive.sqlite) ?? 0;
}

/** The TOP most frequent values, the rest summed as "other" so that counts still add up. */
function topWithOther(counts: FacetCount[]): FacetCount[] {
  if (counts.length <= TOP) return counts;
  const other = counts.slice(TOP).reduce((sum, facet) => sum + facet.count, 0);
  return [...counts.slice(0, TOP), { value: 'other', count: other }];
}

const EMPTY: SearchFacets = { total: 0, type: [], year: [], outlet: [], tag: [], case: [] };

export function searchFacets(archive: Archive, input: SearchFacetsInput): SearchFacets {
  const plan = planSearch(archive, parseQuery(input.query), { type: input.type });
  if (!plan.selective) return EMPTY;
  const table = facetTable(archive);
  const docIds = JSON.parse(
    prepared(archive.sqlite, `SELECT json_group_array(doc_id) FROM (${matchingDocsSql(plan)})`).pluck().get(planParams(plan)) as string,
  ) as number[];
  const counts = Object.fromEntries(FACETS.map((facet) => [facet, new Uint32Array(table.values[facet].names.length)])) as Record<FacetName, Uint32Array>;
  for (const docId of docIds) {
    counts.type[table.single.type[docId] ?? 0]!++;
    counts.year[table.single.year[docId] ?? 0]!++;
    counts.outlet[table.single.outlet[docId] ?? 0]!++;
    for (const facet of ['tag', 'case'] as const) {
      const members = table.multiple[facet].get(docId);
      if (members) for (const index of members) counts[facet][index]!++;
      else counts[facet][0]!++;
    }
  }
  const listOf = (facet: FacetName): FacetCount[] =>
    table.values[facet].names.flatMap((value, index) => (counts[facet][index]! > 0 ? [{ value, count: counts[facet][index]! }] : []));
  const byCount = (a: FacetCount, b: FacetCount): number => b.count - a.count || a.value.localeCompare(b.value);
  return {
    total: docIds.length,
    type: listOf('type').sort(byCount),
    year: listOf('year').sort((a, b) => b.value.localeCompare(a.value)),
    outlet: topWithOther(listOf('outlet').sort(byCount)),
    tag: topWithOther(listOf('tag').sort(byCount)),
    case: topWithOther(listOf('case').sort(byCount)),
  };
}

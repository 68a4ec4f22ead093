// Saved searches and watch terms. A saved search is a named query; a watch term is one that is also checked
// against every new import (Hunchly's "selectors", offline): the import report lists which new items it matched.
import type { SavedSearch, SaveSearchInput, WatchHit } from '../../electron/contract';
import { DossierError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { appendAudit } from '../ops/audit';
import { matchingDocsSql, planParams, planSearch } from './plan';
import { parseQuery } from './query';

interface SavedRow {
  id: string;
  name: string;
  query: string;
  watch: number;
  createdAt: string;
}

const toSaved = (row: SavedRow): SavedSearch => ({ ...row, watch: row.watch === 1 });

export function saveSearch(archive: Archive, input: SaveSearchInput): { id: string } {
  const parsed = parseQuery(input.query);
  if (!parsed.match && parsed.filters.length === 0 && parsed.substrings.length === 0) {
    throw new DossierError('BAD_QUERY', 'There is nothing to look for in an empty query: type the words to save.');
  }
  return archive.sqlite.transaction(() => {
    const taken = archive.sqlite.prepare('SELECT id FROM saved_searches WHERE name = ?').get(input.name) as { id: string } | undefined;
    if (taken) throw new DossierError('CONFLICT', `A saved search named "${input.name}" already exists (${taken.id}).`);
    const id = newId();
    archive.sqlite
      .prepare('INSERT INTO saved_searches (id, name, query, watch, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, input.name, input.query, input.watch ? 1 : 0, nowIso());
    appendAudit(archive, { action: 'search-save', detail: { id, name: input.name, query: input.query, watch: !!input.watch } });
    return { id };
  })();
}

export function listSavedSearches(archive: Archive, input: { watch?: boolean }): { searches: SavedSearch[] } {
  const rows = archive.sqlite
    .prepare(
      `SELECT id, name, query, watch, created_at AS createdAt FROM saved_searches
        WHERE @watch IS NULL OR watch = @watch ORDER BY name COLLATE NOCASE`,
    )
    .all({ watch: input.watch === undefined ? null : input.watch ? 1 : 0 }) as SavedRow[];
  return { searches: rows.map(toSaved) };
}

export function deleteSavedSearch(archive: Archive, input: { id: string }): { id: string } {
  return archive.sqlite.transaction(() => {
    const row = archive.sqlite
      .prepare('SELECT id, name, query FROM saved_searches WHERE id = @ref OR name = @ref OR (length(@ref) >= 8 AND id LIKE @ref || \'%\')')
      .all({ ref: input.id }) as { id: string; name: string; query: string }[];
    if (row.length === 0) throw new DossierError('NOT_FOUND', `There is no saved search "${input.id}".`);
    if (row.length > 1) throw new DossierError('INVALID_INPUT', `"${input.id}" names more than one saved search: give its full id.`);
    const { id, name, query } = row[0]!;
    archive.sqlite.prepare('DELETE FROM saved_searches WHERE id = ?').run(id);
    appendAudit(archive, { action: 'search-delete', detail: { id, name, query } });
    return { id };
  })();
}

/** Which of the given (newly imported) items each watch term finds. Terms that no longer parse are skipped. */
export function checkWatchTerms(archive: Archive, itemIds: string[]): WatchHit[] {
  if (itemIds.length === 0) return [];
  const hits: WatchHit[] = [];
  for (const watch of listSavedSearches(archive, { watch: true }).searches) {
    let plan;
    try {
      plan = planSearch(archive, parseQuery(watch.query), { itemIds });
    } catch {
      continue;
    }
    if (!plan.selective) continue;
    const items = archive.sqlite
      .prepare(
        `SELECT d.item_id AS id, i.title FROM (${matchingDocsSql(plan)}) m
           JOIN search_docs d ON d.doc_id = m.doc_id JOIN items i ON i.id = d.item_id ORDER BY i.created_at, i.id`,
      )
      .all(planParams(plan)) as { id: string; title: string }[];
    if (items.length > 0) hits.push({ savedSearchId: watch.id, name: watch.name, query: watch.query, items });
  }
  return hits;
}

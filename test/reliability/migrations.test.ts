// Migrations against archives that earlier versions wrote: each fixture opens, is backed up first, migrates
// without losing a row, and then passes `check`; a newer archive is refused byte for byte untouched; the journal
// is in order; hot queries are served by indexes.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { knownSchemaVersion, openArchive } from '../../db/open';
import { verifyAuditChain } from '../../db/ops/audit';
import { checkArchive } from '../../db/ops/integrity';
import { migrationsDir } from '../../db/paths';
import { callOperation } from '../../electron/contract/operations';
import { FIRST_SHIPPED_VERSION, FIXTURE, fixtureArchivePath } from '../fixtures/archives/build';
import { repoRoot, tempArchive, tempDir } from '../helpers';

const latest = knownSchemaVersion();
const earlier = Array.from({ length: latest - FIRST_SHIPPED_VERSION }, (_, index) => FIRST_SHIPPED_VERSION + index);
const dir = tempDir('dossier-migrate-');
afterAll(() => dir.remove());

/** Rebuilt from the items at open time, so compared by what search finds rather than row by row. facet_changes logs
 * that rebuild (from schema 14 on, fixtures have one). */
const DERIVED_TABLES = new Set(['search_docs', 'search_meta', 'search_cache', 'facet_changes', '__drizzle_migrations']);

/** Every row of every ordinary table, in a stable order, as the file holds it. */
function dumpTables(db: Database.Database): Map<string, { columns: string[]; rows: unknown[] }> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const dump = new Map<string, { columns: string[]; rows: unknown[] }>();
  for (const table of tables) {
    if (DERIVED_TABLES.has(table) || /_(data|idx|content|docsize|config)$/.test(table)) continue;
    const columns = (db.pragma(`table_info("${table}")`) as { name: string }[]).map((column) => column.name);
    dump.set(table, { columns, rows: db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() });
  }
  return dump;
}

const fileSha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('fixture archives', () => {
  it('exist for every schema version a build of Dossier has written, except the latest', () => {
    const missing = earlier.filter((version) => !existsSync(fixtureArchivePath(version)));
    expect(missing, 'run: npx tsx test/fixtures/archives/generate.ts').toEqual([]);
    for (const version of earlier) {
      const db = new Database(fixtureArchivePath(version), { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(version);
      } finally {
        db.close();
      }
    }
  });

  it.each(earlier)('a version-%i archive is backed up, then migrates without losing anything', async (version) => {
    const path = join(dir.path, `from-${version}.sqlite`);
    copyFileSync(fixtureArchivePath(version), path);
    const original = new Database(path, { readonly: true });
    const before = dumpTables(original);
    original.close();

    const archive = openArchive(path);
    try {
      expect(archive.sqlite.pragma('user_version', { simple: true })).toBe(latest);
      const backup = new Database(`${path}.before-schema-${latest}.bak`, { readonly: true });
      try {
        expect(backup.pragma('user_version', { simple: true })).toBe(version);
        expect(dumpTables(backup)).toEqual(before);
      } finally {
        backup.close();
      }

      for (const [table, { columns, rows }] of before) {
        const now = archive.sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`).all();
        expect(now, `${table} keeps every row and value`).toEqual(rows);
      }
      const report = checkArchive(archive);
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(verifyAuditChain(archive)).toMatchObject({ ok: true });

      const call = async (name: string, input: unknown): Promise<any> => {
        const result = await callOperation(archive, name, input);
        if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
        return result.value;
      };
      expect((await call('search', { query: 'convoy' })).hits.map((hit: { id: string }) => hit.id).sort()).toEqual(
        [FIXTURE.article, FIXTURE.incident, FIXTURE.statement].sort(),
      );
      expect((await call('search', { query: 'rumour' })).total).toBe(0);
      // Phrases are answered by the word-pairs index, which the migration to schema 13 filled from the old rows.
      expect((await call('search', { query: '"convoy attacked east"' })).hits.map((hit: { id: string }) => hit.id)).toEqual([FIXTURE.incident]);
      const phrases = await call('search', { query: '"convoy of fuel" OR "fuel convoy"' });
      expect(phrases.hits.map((hit: { id: string }) => hit.id).sort()).toEqual([FIXTURE.article, FIXTURE.incident].sort());
      const article = await call('getItem', { id: FIXTURE.article });
      expect(article.attachments[0].sha256).toBe(createHash('sha256').update(FIXTURE.originalHtml).digest('hex'));
      expect(article.links.map((link: { rel: string }) => link.rel).sort()).toEqual(['reports-on', 'sourced-from']);
      expect((await call('listTrash', {})).items.map((item: { id: string }) => item.id)).toEqual([FIXTURE.trashed]);
      // The migrated archive takes new changes, chained onto its old history.
      await call('updateItem', { id: FIXTURE.statement, venue: 'ministry briefing' });
      await call('restoreItem', { id: FIXTURE.trashed });
      expect(checkArchive(archive).ok).toBe(true);
    } finally {
      archive.close();
    }
  });

  it('refuses an archive from a newer Dossier and leaves its bytes untouched', () => {
    const t = tempArchive();
    const path = t.path;
    t.archive.close();
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${latest + 1}`);
    db.close();
    const filesBefore = readdirSync(t.dir).sort();
    const sha = fileSha(path);
    try {
      expect(() => openArchive(path)).toThrowError(expect.objectContaining({ code: 'ARCHIVE_TOO_NEW' }));
      expect(fileSha(path)).toBe(sha);
      expect(readdirSync(t.dir).sort()).toEqual(filesBefore);
    } finally {
      t.dispose();
    }
  });
});

describe('the migration journal', () => {
  interface Entry {
    idx: number;
    when: number;
    tag: string;
  }
  const journal = JSON.parse(readFileSync(join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as { entries: Entry[] };

  it('lists every migration once, in order, each with its SQL file', () => {
    const sqlFiles = readdirSync(migrationsDir()).filter((name) => name.endsWith('.sql')).sort();
    expect(journal.entries.map((entry) => `${entry.tag}.sql`)).toEqual(sqlFiles);
    journal.entries.forEach((entry, index) => {
      expect(entry.idx).toBe(index);
      expect(entry.tag.startsWith(String(index).padStart(4, '0'))).toBe(true);
      // drizzle applies a migration only when it is newer than the last one applied: times must increase.
      if (index > 0) expect(entry.when).toBeGreaterThan(journal.entries[index - 1]!.when);
    });
  });

  it('never changes a migration that has been committed', () => {
    const tracked = execFileSync('git', ['ls-files', 'db/migrations/*.sql'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.length).toBeGreaterThan(0);
    for (const path of tracked) {
      const committed = execFileSync('git', ['show', `HEAD:${path}`], { cwd: repoRoot, encoding: 'utf8' });
      expect(readFileSync(join(repoRoot, path), 'utf8'), `${path} was edited after it was committed`).toBe(committed);
    }
  });
});

describe('hot queries', () => {
  const t = tempArchive();
  afterAll(() => t.dispose());
  const plan = (sql: string, params: unknown[] = []): string[] =>
    (t.archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
  /** A plan reads a table whole only when a line says SCAN without naming an index. */
  const fullScans = (lines: string[]): string[] => lines.filter((line) => /^SCAN /.test(line) && !/USING (COVERING )?INDEX/.test(line));

  it.each([
    ['an item by id', 'SELECT * FROM items WHERE id = ?', ['x'], 'sqlite_autoindex_items_1'],
    ['links from an item', 'SELECT * FROM links WHERE from_id = ?', ['x'], 'links_unique_idx'],
    ['links to an item', 'SELECT * FROM links WHERE to_id = ?', ['x'], 'links_to_idx'],
    ['items of a type', "SELECT id FROM items WHERE type = ? AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 100", ['note'], 'items_type'],
    [
      'an original by its hash',
      "SELECT a.item_id FROM attachments a JOIN items i ON i.id = a.item_id WHERE a.sha256 = ? AND a.role = 'original'",
      ['x'],
      'attachments_sha_idx',
    ],
    ['an item\'s audit entries', 'SELECT * FROM audit_log WHERE item_id = ? ORDER BY seq', ['x'], 'audit_item_idx'],
    ['an item\'s versions', 'SELECT * FROM item_versions WHERE item_id = ? ORDER BY version', ['x'], 'sqlite_autoindex_item_versions_1'],
  ] as const)('%s uses an index', (_name, sql, params, index) => {
    const lines = plan(sql, [...params]);
    expect(fullScans(lines)).toEqual([]);
    expect(lines.join('\n')).toContain(index);
  });
});

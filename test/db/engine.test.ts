// The archive engine against real SQLite files: migrations, every operation, soft delete, refusals.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, knownSchemaVersion, openArchive } from '../../db/open';
import { verifyAuditChain } from '../../db/ops/audit';
import { callOperation, operations } from '../../electron/contract/operations';
import { OPERATION_NAMES } from '../../electron/contract';
import { fixture, tempArchive, tempDir, type TestArchive } from '../helpers';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('opening an archive', () => {
  it('creates a fresh archive with every table, the FTS index and the schema version', () => {
    const t = tempArchive();
    try {
      const tables = (t.archive.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as {
        name: string;
      }[]).map((row) => row.name);
      for (const table of ['items', 'articles', 'statements', 'incidents', 'claims', 'notes', 'sources', 'links', 'cases', 'case_items', 'tags', 'item_tags', 'blobs', 'attachments', 'audit_log', 'search_docs', 'search_fts']) {
        expect(tables).toContain(table);
      }
      expect(t.archive.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
      expect(t.archive.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(t.archive.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(t.archive.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(t.archive.created).toBe(true);
    } finally {
      t.dispose();
    }
  });

  it('reopens an existing archive without migrating again or losing data', async () => {
    const t = tempArchive();
    const { id } = await t.call('addNote', { title: 'Kept across reopen', body: 'text' });
    t.archive.close();
    const again = openArchive(t.path);
    try {
      expect(again.created).toBe(false);
      const row = again.sqlite.prepare('SELECT title FROM items WHERE id = ?').get(id) as { title: string };
      expect(row.title).toBe('Kept across reopen');
    } finally {
      again.close();
      t.dispose();
    }
  });

  it('refuses an archive written by a newer version and leaves the file untouched', () => {
    const dir = tempDir();
    try {
      const path = join(dir.path, 'newer.sqlite');
      const raw = new Database(path);
      raw.pragma(`application_id = ${APPLICATION_ID}`);
      raw.pragma('user_version = 999');
      raw.exec('CREATE TABLE future_things (x)');
      raw.close();
      const before = sha256(path);
      expect(() => openArchive(path)).toThrowError(/newer Dossier.*schema 999/);
      expect(sha256(path)).toBe(before);
    } finally {
      dir.remove();
    }
  });

  it('refuses a file that is not a SQLite database, or a database of another application', () => {
    const dir = tempDir();
    try {
      const text = join(dir.path, 'notes.sqlite');
      writeFileSync(text, 'this is not a database at all, just some words to fill the header '.repeat(20));
      expect(() => openArchive(text)).toThrowError(/not a SQLite archive|Cannot open/);
      const other = join(dir.path, 'other.sqlite');
      const raw = new Database(other);
      raw.pragma('application_id = 1234');
      raw.close();
      expect(() => openArchive(other)).toThrowError(/another application/);
    } finally {
      dir.remove();
    }
  });
});

describe('operations', () => {
  let t: TestArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(() => t.dispose());

  it('the table binds every contract operation', () => {
    expect(Object.keys(operations).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('imports, searches, adds statements and incidents with sources, links, and shows links from both ends', async () => {
    const report = await t.call('importPaths', { paths: [fixture('articles', 'al-suknah-ambush.txt')] });
    expect(report.failed).toEqual([]);
    const articleId = report.imported[0]!.id;

    const found = await t.call('search', { query: 'Popov' });
    expect(found.total).toBe(1);
    expect(found.hits[0]!.id).toBe(articleId);
    expect(found.hits[0]!.snippet).toContain('\uE000Popov\uE001');

    const statement = await t.call('addStatement', {
      speaker: 'Yuri Popov',
      role: 'Major General',
      date: '2024-04-18',
      venue: 'Press conference',
      quote: 'Russian aircraft destroyed three hideouts of militants in the Al-Amur mountains.',
      source: articleId,
    });
    const incident = await t.call('addIncident', {
      title: 'Bus ambush near Al-Suknah',
      date: '2024-04-19',
      place: 'Al-Suknah, Homs',
      killed: 20,
      injured: 5,
      source: articleId,
    });
    const note = await t.call('addNote', { title: 'Check the toll', body: 'Look for a second source.' });
    const link = await t.call('addLink', { from: note.id, to: incident.id, rel: 'about', note: 'open question' });

    const article = await t.call('getItem', { id: articleId });
    expect(article.article?.bodyText).toContain('Al-Suknah');
    expect(article.attachments).toEqual([expect.objectContaining({ role: 'original', name: 'al-suknah-ambush.txt' })]);
    const backlinks = article.links.filter((l) => l.direction === 'in').map((l) => [l.id, l.rel]);
    expect(backlinks).toEqual(expect.arrayContaining([[statement.id, 'sourced-from'], [incident.id, 'sourced-from']]));

    const shownStatement = await t.call('getItem', { id: statement.id });
    expect(shownStatement.statement).toMatchObject({ speaker: 'Yuri Popov', date: '2024-04-18', venue: 'Press conference' });
    expect(shownStatement.links).toEqual([expect.objectContaining({ id: articleId, rel: 'sourced-from', direction: 'out', type: 'article' })]);

    const shownIncident = await t.call('getItem', { id: incident.id });
    expect(shownIncident.incident?.claims.map((c) => [c.kind, c.valueNumber, c.sourceItemId])).toEqual([
      ['injured', 5, articleId],
      ['killed', 20, articleId],
    ]);
    expect(shownIncident.links).toEqual(
      expect.arrayContaining([expect.objectContaining({ linkId: link.id, id: note.id, direction: 'in', rel: 'about', note: 'open question' })]),
    );

    const statements = await t.call('search', { query: 'hideouts', type: 'statement' });
    expect(statements.hits.map((h) => h.id)).toEqual([statement.id]);
    expect((await t.call('search', { query: 'type:incident suknah' })).hits.map((h) => h.id)).toEqual([incident.id]);

    await t.call('removeLink', { id: link.id });
    expect((await t.call('getItem', { id: note.id })).links).toEqual([]);

    const info = await t.call('archiveInfo', {});
    expect(info.counts).toEqual({ article: 1, statement: 1, incident: 1, note: 1 });
  });

  it('soft delete hides an item from search and lists, restore brings it back, history is audited', async () => {
    const { id } = await t.call('addNote', { title: 'Witness account from Al-Suknah', body: 'The convoy passed at dawn.' });
    expect((await t.call('search', { query: 'convoy' })).total).toBe(1);
    await t.call('deleteItem', { id });
    expect(await t.call('search', { query: 'convoy' })).toEqual({ total: 0, hits: [] });
    expect((await t.call('listItems', {})).items.map((i) => i.id)).not.toContain(id);
    expect((await t.call('getItem', { id })).deletedAt).not.toBeNull();
    // The deleted text has left the index, not just the results.
    const indexed = t.archive.sqlite.prepare("SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'convoy'").get() as { n: number };
    expect(indexed.n).toBe(0);
    await t.call('restoreItem', { id });
    expect((await t.call('search', { query: 'convoy' })).total).toBe(1);
    const actions = (t.archive.sqlite.prepare('SELECT action FROM audit_log WHERE item_id = ? ORDER BY seq').all(id) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['create', 'delete', 'restore']);
    expect(verifyAuditChain(t.archive)).toMatchObject({ ok: true, entries: 3 });
  });

  it('keeps the audit log append-only and detects a tampered entry', async () => {
    await t.call('addNote', { title: 'one' });
    await t.call('addNote', { title: 'two' });
    expect(() => t.archive.sqlite.prepare("UPDATE audit_log SET action = 'x'").run()).toThrowError(/AUDIT_APPEND_ONLY/);
    expect(() => t.archive.sqlite.prepare('DELETE FROM audit_log').run()).toThrowError(/AUDIT_APPEND_ONLY/);
    // Someone with a raw SQLite tool drops the guard and edits history: the chain shows it.
    t.archive.sqlite.exec('DROP TRIGGER audit_log_no_update');
    t.archive.sqlite.prepare("UPDATE audit_log SET detail = '{\"type\":\"forged\"}' WHERE seq = 1").run();
    expect(verifyAuditChain(t.archive)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  it('list totals follow every change, from this connection or another', async () => {
    const a = await t.call('addNote', { title: 'a' });
    expect((await t.call('listItems', {})).total).toBe(1);
    await t.call('addNote', { title: 'b' });
    expect((await t.call('listItems', {})).total).toBe(2);
    await t.call('deleteItem', { id: a.id });
    expect((await t.call('listItems', {})).total).toBe(1);
    const other = openArchive(t.path);
    try {
      await callOperation(other, 'addNote', { title: 'written by another connection' });
    } finally {
      other.close();
    }
    expect((await t.call('listItems', {})).total).toBe(2);
    expect((await t.call('listItems', { type: 'note', offset: 1, limit: 1 })).total).toBe(2);
  });

  it('cases group items by id or name', async () => {
    const a = await t.call('addNote', { title: 'a' });
    const b = await t.call('addNote', { title: 'b' });
    const c = await t.call('createCase', { name: 'Badia 2024', description: 'desert attacks' });
    expect(await t.call('addToCase', { caseRef: 'Badia 2024', ids: [a.id, b.id, a.id] })).toEqual({ caseId: c.id, added: 2 });
    expect((await t.call('listCases', {})).cases).toEqual([expect.objectContaining({ id: c.id, name: 'Badia 2024', itemCount: 2 })]);
    expect((await t.call('listItems', { caseRef: c.id })).total).toBe(2);
    expect((await t.call('getItem', { id: a.id })).cases).toEqual([{ id: c.id, name: 'Badia 2024' }]);
    const duplicate = await callOperation(t.archive, 'createCase', { name: 'Badia 2024' });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('returns errors as data with a code and a readable message', async () => {
    expect(await callOperation(t.archive, 'getItem', { id: 'no-such-item' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await callOperation(t.archive, 'addStatement', { speaker: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('quote') },
    });
    expect(await callOperation(t.archive, 'addIncident', { title: 'x', date: '2024-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await callOperation(t.archive, 'search', { query: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await callOperation(t.archive, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const note = await t.call('addNote', { title: 'self' });
    expect(await callOperation(t.archive, 'addLink', { from: note.id, to: note.id, rel: 'related' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await t.call('addLink', { from: note.id, to: (await t.call('addNote', { title: 'other' })).id, rel: 'related' });
    expect((await t.call('search', { query: '' })).total).toBe(0);
  });

  it('a failed operation leaves nothing half-written', async () => {
    const before = t.archive.sqlite.prepare('SELECT count(*) AS n FROM items').get() as { n: number };
    const result = await callOperation(t.archive, 'addStatement', { speaker: 'X', quote: 'q', source: 'missing-source' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(t.archive.sqlite.prepare('SELECT count(*) AS n FROM items').get()).toEqual(before);
  });
});

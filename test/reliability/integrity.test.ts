// Custody features against real archives: `check` proves soundness and catches tampering, `backup` makes a
// verified copy, edits keep every earlier version, and purging removes the text from the index and the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open';
import { verifyAuditChain } from '../../db/ops/audit';
import { checkArchive } from '../../db/ops/integrity';
import { callOperation } from '../../electron/contract/operations';
import type { CheckReport } from '../../electron/contract';
import { tempArchive, type TestArchive } from '../helpers';

const page = (title: string, body: string): string =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;
const asFile = (name: string, content: string): { name: string; dataBase64: string } => ({
  name,
  dataBase64: Buffer.from(content).toString('base64'),
});
const failing = (report: CheckReport): string[] => report.checks.filter((check) => !check.ok).map((check) => check.name);

let t: TestArchive;
beforeEach(() => {
  t = tempArchive();
});
afterEach(() => t.dispose());

async function populate(): Promise<{ article: string; note: string; statement: string }> {
  const report = await t.call('importFiles', {
    files: [asFile('convoy.html', page('Convoy ambushed near Palmyra', 'Gunmen attacked a convoy of fuel trucks on the road east of Palmyra.'))],
  });
  const article = report.imported[0]!.id;
  const note = (await t.call('addNote', { title: 'Field note', body: 'Spoke to two drivers.' })).id;
  const statement = (await t.call('addStatement', { speaker: 'Col. Rami', quote: 'No convoy was attacked.', source: article })).id;
  await t.call('addIncident', { title: 'Palmyra road ambush', date: '2024-03-02', killed: 4, source: article });
  return { article, note, statement };
}

describe('dossier check', () => {
  it('passes every check on a sound archive', async () => {
    await populate();
    const report = await t.call('checkArchive', {});
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.name).sort()).toEqual(
      ['auditChain', 'foreignKeys', 'integrity', 'originals', 'searchDocs', 'searchIndex'].sort(),
    );
    expect(report.checks.find((check) => check.name === 'originals')!.checked).toBe(1);
    expect(report.checks.find((check) => check.name === 'searchDocs')!.checked).toBe(4);
    const quick = await t.call('checkArchive', { quick: true });
    expect(quick).toMatchObject({ ok: true, quick: true });
    expect(quick.checks.map((check) => check.name)).toEqual(['integrity', 'auditChain']);
  });

  it('detects an original whose bytes changed', async () => {
    await populate();
    t.archive.sqlite.exec('DROP TRIGGER blobs_no_update');
    t.archive.sqlite.prepare("UPDATE blobs SET data = CAST('forged' AS BLOB)").run();
    const report = checkArchive(t.archive);
    expect(failing(report)).toEqual(['originals']);
    expect(report.checks.find((check) => check.name === 'originals')!.problems[0]).toMatch(/bytes changed/);
  });

  it('detects an audit entry edited, removed from the middle, or removed from the end', async () => {
    await populate();
    const entries = verifyAuditChain(t.archive).entries;
    t.archive.sqlite.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update');
    t.archive.sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(entries);
    expect(checkArchive(t.archive).checks.find((check) => check.name === 'auditChain')!.problems[0]).toMatch(/newest entries/);
    t.archive.sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyAuditChain(t.archive)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    t.archive.sqlite.prepare("UPDATE audit_log SET action = 'restore' WHERE seq = 1").run();
    expect(verifyAuditChain(t.archive)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
    expect(failing(checkArchive(t.archive))).toEqual(['auditChain']);
    // The quick check looks at the tail only, which is enough to notice the newest entries going missing.
    expect(failing(checkArchive(t.archive, { quick: true }))).toEqual(['auditChain']);
  });

  it('detects items written behind the engine, a search index out of step, and broken references', async () => {
    const { note } = await populate();
    t.archive.sqlite.prepare('DELETE FROM search_docs WHERE item_id = ?').run(note);
    expect(failing(checkArchive(t.archive))).toEqual(['searchDocs']);
    t.archive.sqlite
      .prepare("INSERT INTO items (id, type, title, created_at, updated_at) VALUES ('x-forged', 'note', 'forged', '2024', '2024')")
      .run();
    expect(failing(checkArchive(t.archive)).sort()).toEqual(['auditChain', 'searchDocs']);
    t.archive.sqlite.prepare("INSERT INTO search_fts (rowid, title, quote, names, body) VALUES (424242, 'ghost', '', '', '')").run();
    expect(failing(checkArchive(t.archive))).toContain('searchIndex');
    t.archive.sqlite.pragma('foreign_keys = OFF');
    t.archive.sqlite.prepare("INSERT INTO notes (item_id, body_markdown) VALUES ('no-such-item', 'orphan')").run();
    expect(failing(checkArchive(t.archive))).toContain('foreignKeys');
  });
});

describe('the audit log', () => {
  it('gains an entry for every change an operation makes, and none for reads', async () => {
    const entries = (): number => (t.archive.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const changes: [string, () => Promise<unknown>][] = [];
    const { article, note, statement } = await populate();
    let linkId = '';
    let caseId = '';
    changes.push(
      ['addNote', () => t.call('addNote', { title: 'another' })],
      ['addLink', async () => (linkId = (await t.call('addLink', { from: note, to: article, rel: 'about' })).id)],
      ['removeLink', () => t.call('removeLink', { id: linkId })],
      ['createCase', async () => (caseId = (await t.call('createCase', { name: 'audited' })).id)],
      ['addToCase', () => t.call('addToCase', { caseRef: caseId, ids: [note] })],
      ['updateItem', () => t.call('updateItem', { id: statement, venue: 'briefing' })],
      ['restoreVersion', () => t.call('restoreVersion', { id: statement, version: 1 })],
      ['deleteItem', () => t.call('deleteItem', { id: note })],
      ['restoreItem', () => t.call('restoreItem', { id: note })],
      ['importFiles', () => t.call('importFiles', { files: [asFile('new.html', page('New page', 'Words of a new page.'))] })],
    );
    for (const [name, change] of changes) {
      const before = entries();
      await change();
      expect(entries(), name).toBeGreaterThan(before);
    }
    const before = entries();
    await t.call('search', { query: 'convoy' });
    await t.call('getItem', { id: article });
    await t.call('itemHistory', { id: statement });
    await t.call('listTrash', {});
    await t.call('checkArchive', {});
    expect(entries()).toBe(before);
    expect(checkArchive(t.archive).ok).toBe(true);
  });
});

describe('dossier backup', () => {
  it('writes a verified copy, refuses to overwrite it without force, and the copy opens as the same archive', async () => {
    await populate();
    const out = join(t.dir, 'copy.sqlite');
    const report = await t.call('backupArchive', { outPath: out });
    expect(report).toMatchObject({ path: out, items: 4, integrity: 'ok' });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    const refused = await callOperation(t.archive, 'backupArchive', { outPath: out });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await t.call('addNote', { title: 'after the first backup' });
    expect((await t.call('backupArchive', { outPath: out, force: true })).items).toBe(5);
    expect(await callOperation(t.archive, 'backupArchive', { outPath: t.path, force: true })).toMatchObject({ ok: false });
    const copy = openArchive(out);
    try {
      expect(checkArchive(copy).ok).toBe(true);
      expect((await callOperation(copy, 'search', { query: 'palmyra' })) as { value: { total: number } }).toMatchObject({
        ok: true,
        value: { total: 2 },
      });
    } finally {
      copy.close();
    }
  });

  it('stays consistent while the archive is being written', async () => {
    for (let i = 0; i < 120; i++) await t.call('addNote', { title: `note ${i}`, body: 'x'.repeat(2_000) });
    const out = join(t.dir, 'busy.sqlite');
    const backup = t.call('backupArchive', { outPath: out });
    for (let i = 0; i < 30; i++) await t.call('addNote', { title: `during ${i}` });
    const report = await backup;
    const copy = openArchive(out);
    try {
      expect(checkArchive(copy).ok).toBe(true);
      expect(report.items).toBeGreaterThanOrEqual(120);
    } finally {
      copy.close();
    }
  });
});

describe('edits and history', () => {
  it('keeps the previous version of every edit, audits it, and restores an earlier version', async () => {
    const { note } = await populate();
    const edited = await t.call('updateItem', { id: note, title: 'Field note, corrected', body: 'Spoke to three drivers.' });
    expect(edited).toEqual({ id: note, version: 2, changed: ['title', 'body'] });
    expect((await t.call('search', { query: 'three drivers' })).total).toBe(1);
    expect((await t.call('search', { query: '"two drivers"' })).total).toBe(0);
    const history = await t.call('itemHistory', { id: note });
    expect(history.currentVersion).toBe(2);
    expect(history.versions).toEqual([
      { version: 1, replacedAt: expect.any(String), title: 'Field note', fields: { title: 'Field note', body: 'Spoke to two drivers.' } },
    ]);
    const editEntry = history.audit.find((entry) => entry.action === 'edit')!;
    expect(JSON.parse(editEntry.detail)).toMatchObject({ fields: ['title', 'body'], before: expect.stringMatching(/^[0-9a-f]{64}$/) });

    expect(await t.call('restoreVersion', { id: note, version: 1 })).toEqual({ id: note, version: 3, changed: ['title', 'body'] });
    expect((await t.call('getItem', { id: note })).note!.body).toBe('Spoke to two drivers.');
    expect((await t.call('itemHistory', { id: note })).audit.map((entry) => entry.action)).toEqual(['create', 'edit', 'restore-version']);
    expect(await t.call('updateItem', { id: note, title: 'Field note' })).toEqual({ id: note, version: 3, changed: [] });
    expect(checkArchive(t.archive).ok).toBe(true);
  });

  it('edits each type by its own fields and refuses fields the type does not have', async () => {
    const { article, statement } = await populate();
    expect((await t.call('updateItem', { id: statement, quote: 'No convoy was hit.', role: 'spokesman' })).changed).toEqual([
      'role',
      'quote',
      'title',
    ]);
    const after = await t.call('getItem', { id: statement });
    expect(after.title).toBe('Col. Rami: “No convoy was hit.”');
    expect(after.statement).toMatchObject({ role: 'spokesman', quote: 'No convoy was hit.' });
    await t.call('updateItem', { id: statement, role: null });
    expect((await t.call('getItem', { id: statement })).statement!.role).toBeNull();
    await t.call('updateItem', { id: article, outlet: 'Enab Baladi', published: '2024-03-03' });
    expect((await t.call('getItem', { id: article })).article).toMatchObject({ outlet: 'Enab Baladi', publishedAt: '2024-03-03' });
    expect(await callOperation(t.archive, 'updateItem', { id: article, quote: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/article has no editable field "quote"/) },
    });
    await t.call('deleteItem', { id: article });
    expect(await callOperation(t.archive, 'updateItem', { id: article, title: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await callOperation(t.archive, 'restoreVersion', { id: statement, version: 9 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('editing coordinates', () => {
  it('sets, changes and clears both together, keeping each version', async () => {
    const { id } = await t.call('addIncident', { title: 'Bus ambush near Al-Suknah', place: 'Al-Suknah' });
    const coordinates = async () => {
      const incident = (await t.call('getItem', { id })).incident!;
      return [incident.latitude, incident.longitude, incident.coordPrecision];
    };
    await t.call('updateItem', { id, latitude: 34.89, longitude: 38.87 });
    expect(await coordinates()).toEqual([34.89, 38.87, 'exact']);
    await t.call('updateItem', { id, latitude: 34.9, coordPrecision: 'vicinity' });
    expect(await coordinates()).toEqual([34.9, 38.87, 'vicinity']);
    expect(await callOperation(t.archive, 'updateItem', { id, longitude: null })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/both a latitude and a longitude/) },
    });
    expect(await callOperation(t.archive, 'updateItem', { id, latitude: 91, longitude: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await t.call('updateItem', { id, latitude: null, longitude: null });
    expect(await coordinates()).toEqual([null, null, null]);
    const history = await t.call('itemHistory', { id });
    expect(history.versions.map((version) => [version.fields.latitude, version.fields.longitude])).toEqual([
      [null, null],
      [34.89, 38.87],
      [34.9, 38.87],
    ]);
    await t.call('restoreVersion', { id, version: 2 });
    expect(await coordinates()).toEqual([34.89, 38.87, 'exact']);
  });
});

describe('trash and purge', () => {
  it('lists the trash and refuses to purge a live item', async () => {
    const { note } = await populate();
    expect(await callOperation(t.archive, 'purgeItem', { id: note })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await t.call('deleteItem', { id: note });
    expect(await t.call('listTrash', {})).toEqual({ total: 1, items: [{ id: note, type: 'note', title: 'Field note', deletedAt: expect.any(String) }] });
  });

  it('purges an item so its words leave the index, its versions and the file itself', async () => {
    const token = 'zqxjvorthwyk';
    const { id } = await t.call('addNote', { title: 'Witness', body: `The witness named ${token} as the driver.` });
    await t.call('updateItem', { id, title: 'Witness statement' });
    await t.call('addNote', { title: 'Unrelated', body: 'Another note that stays.' });
    await t.call('deleteItem', { id });
    expect(await t.call('purgeItem', { id })).toEqual({ id, blobsRemoved: 0 });
    expect(await callOperation(t.archive, 'getItem', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('listTrash', {})).toMatchObject({ total: 0 });
    const db = t.archive.sqlite;
    // Every table, the full-text indexes' shadow tables (search_fts_data, ..._content, trigram) included.
    for (const row of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as { name: string }[]) {
      const dump = JSON.stringify(db.prepare(`SELECT * FROM ${row.name}`).all(), (_key, value) =>
        Buffer.isBuffer(value) ? value.toString('latin1') : (value as unknown),
      );
      expect(dump, row.name).not.toContain(token);
    }
    expect(db.prepare('SELECT count(*) AS n FROM item_versions WHERE item_id = ?').get(id)).toEqual({ n: 0 });
    expect(db.prepare("SELECT action FROM audit_log WHERE item_id = ? ORDER BY seq").all(id).map((r) => (r as { action: string }).action)).toEqual([
      'create',
      'edit',
      'delete',
      'purge',
    ]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(t.path).includes(token)).toBe(false);
    expect(checkArchive(t.archive).ok).toBe(true);
  });

  it('drops the original bytes no other item uses, and keeps shared ones', async () => {
    const bytes = page('Shared page', 'The same saved page, its original also attached to a note.');
    const first = (await t.call('importFiles', { files: [asFile('a.html', bytes)] })).imported[0]!.id;
    const other = (await t.call('importFiles', { files: [asFile('b.html', page('Other page', 'Different words entirely here.'))] })).imported[0]!.id;
    const note = (await t.call('addNote', { title: 'Keeps a copy' })).id;
    const [shared] = (await t.call('getItem', { id: other })).attachments;
    t.archive.sqlite
      .prepare("INSERT INTO attachments (item_id, sha256, role, name, created_at) VALUES (?, ?, 'file', 'copy.html', '2024-01-01')")
      .run(note, shared!.sha256);
    await t.call('addStatement', { speaker: 'A', quote: 'cited', source: first });
    await t.call('deleteItem', { id: first });
    expect(await t.call('purgeItem', { id: first })).toEqual({ id: first, blobsRemoved: 1 });
    // The page can be imported again now that its original is gone.
    expect((await t.call('importFiles', { files: [asFile('a.html', bytes)] })).imported).toHaveLength(1);
    await t.call('deleteItem', { id: other });
    expect(await t.call('purgeItem', { id: other })).toEqual({ id: other, blobsRemoved: 0 });
    expect((await t.call('getItem', { id: note })).attachments).toHaveLength(1);
    expect(checkArchive(t.archive).ok).toBe(true);
  });
});

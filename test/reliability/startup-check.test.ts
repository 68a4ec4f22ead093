// The desktop's quick check at start-up, with `electron` mocked (its binary cannot run here): the page check runs
// in a worker thread on its own connection; a sound archive passes silently, a damaged one is reported in words.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSync, writeSync, closeSync } from 'node:fs';
import { tempArchive, type TestArchive } from '../helpers';

const shown = vi.hoisted(() => [] as { title: string; message: string }[]);
vi.mock('electron', () => ({ dialog: { showErrorBox: (title: string, message: string) => shown.push({ title, message }) } }));

const { scheduleStartupCheck, startupCheck } = await import('../../electron/main/startup-check');

let t: TestArchive;
beforeEach(() => {
  t = tempArchive();
  shown.length = 0;
});
afterEach(() => t.dispose());

describe('the start-up check', () => {
  it('passes a sound archive silently, checking its pages off the main thread', async () => {
    await t.call('addNote', { title: 'fine' });
    const report = await scheduleStartupCheck(t.archive, 0);
    expect(report).toMatchObject({ ok: true, quick: true });
    expect(report!.checks.map((check) => check.name)).toEqual(['integrity', 'auditChain']);
    expect(report!.checks[0]!.checked).toBeGreaterThan(0);
    expect(shown).toEqual([]);
  });

  it('tells the investigator when the newest audit entries were removed', async () => {
    await t.call('addNote', { title: 'one' });
    await t.call('addNote', { title: 'two' });
    t.archive.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    t.archive.sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const report = await scheduleStartupCheck(t.archive, 0);
    expect(report!.ok).toBe(false);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toMatch(/problem/);
    expect(shown[0]!.message).toMatch(/auditChain: the audit log was altered: the newest entries \(2 to 2\) were removed/);
  });

  it('reports damaged pages found by quick_check', async () => {
    for (let i = 0; i < 50; i++) await t.call('addNote', { title: `note ${i}`, body: 'text '.repeat(400) });
    t.archive.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // Scribble over a page in the middle of the file, as a failing disk might.
    const page = t.archive.sqlite.pragma('page_size', { simple: true }) as number;
    const fd = openSync(t.path, 'r+');
    writeSync(fd, Buffer.alloc(page, 0xa5), 0, page, page * 10);
    closeSync(fd);
    const report = await startupCheck(t.archive);
    expect(report.ok).toBe(false);
    expect(report.checks[0]!.name).toBe('integrity');
    expect(report.checks[0]!.problems.length).toBeGreaterThan(0);
  });
});

// `dossier check | backup | edit | history | restore-version | trash` as a user's script runs them: a subprocess
// of the built CLI, one JSON document on stdout, exit 0 only when the check holds.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers';

const dir = tempDir('dossier-cli-maint-');
const archivePath = join(dir.path, 'maint.sqlite');
afterAll(() => dir.remove());

function dossier(...args: string[]): { status: number; stdout: string; stderr: string; json: any } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'electron', 'cli', 'bin.mjs'), ...args, '--db', archivePath], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}

describe('maintenance commands', () => {
  it('edits an item, shows its history, restores a version, and trashes and purges it', () => {
    const { id } = dossier('add', 'note', '--title', 'Draft', '--body', 'first words', '--json').json;
    expect(dossier('edit', id, '--title', 'Final', '--body', 'second words', '--json').json).toEqual({ id, version: 2, changed: ['title', 'body'] });
    expect(dossier('edit', id, '--json').status).toBe(2);
    const history = dossier('history', id, '--json').json;
    expect(history.versions).toMatchObject([{ version: 1, title: 'Draft', fields: { body: 'first words' } }]);
    expect(dossier('history', id).stdout).toMatch(/version 1 .* Draft[\s\S]*version 2 +current/);
    expect(dossier('restore-version', id, '1', '--json').json).toMatchObject({ id, version: 3 });
    expect(dossier('show', id, '--json').json.title).toBe('Draft');

    dossier('delete', id, '--json');
    expect(dossier('trash', 'list', '--json').json).toMatchObject({ total: 1, items: [{ id, title: 'Draft' }] });
    expect(dossier('trash', 'purge', id, '--json').json).toEqual({ id, blobsRemoved: 0 });
    expect(dossier('trash', 'list').stdout).toMatch(/the trash is empty/);
    expect(dossier('trash', 'empty', '--json').status).toBe(2);
  }, 120_000);

  it('check exits 0 on a sound archive and 1, naming the problem, on a tampered one', () => {
    const ok = dossier('check', '--json');
    expect(ok.status).toBe(0);
    expect(ok.json).toMatchObject({ ok: true, quick: false });
    expect(dossier('check').stdout).toMatch(/every check holds/);
    expect(dossier('check', '--quick', '--json').json).toMatchObject({ ok: true, quick: true });

    const backup = join(dir.path, 'before-tamper.sqlite');
    const copy = dossier('backup', backup, '--json');
    expect(copy.status).toBe(0);
    expect(copy.json).toMatchObject({ path: backup, integrity: 'ok' });
    const again = dossier('backup', backup, '--json');
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('CONFLICT');
    expect(dossier('backup', backup, '--force', '--json').status).toBe(0);
    expect(existsSync(`${backup}-wal`)).toBe(false);

    const raw = new Database(archivePath);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 1").run();
    raw.close();
    const bad = dossier('check', '--json');
    expect(bad.status).toBe(1);
    expect(bad.json.ok).toBe(false);
    expect(bad.json.checks.find((check: { name: string }) => check.name === 'auditChain').problems[0]).toMatch(/entry 1 was changed/);
    expect(dossier('check').stdout).toMatch(/FAIL +auditChain/);
  }, 120_000);
});

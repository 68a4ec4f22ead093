// The case-file commands as a script or an investigator runs them: the built `dossier` as a subprocess, JSON on
// stdout, errors on stderr, exit 0 only when all is well (verify: only when every file matches).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open';
import { runDossier, tempDir } from '../helpers';
import { buildRichCase, craftZip, rewriteZip, type BuiltCase } from './case-fixtures';

const dir = tempDir('dossier-case-cli-');
const archiveA = join(dir.path, 'a.sqlite');
const archiveB = join(dir.path, 'b.sqlite');
const zipPath = join(dir.path, 'case.zip');
let built: BuiltCase;

const dossier = (args: string[], env: Record<string, string> = {}) => runDossier(args, { cwd: dir.path, env });

beforeAll(async () => {
  const archive = openArchive(archiveA);
  try {
    built = await buildRichCase(archive);
  } finally {
    archive.close();
  }
});
afterAll(() => dir.remove());

describe('dossier export / verify / import-case', () => {
  it('exports a case by name and prints its fingerprint', () => {
    const result = dossier(['export', built.caseName, 'case.zip', '--db', archiveA, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.json).toMatchObject({ path: zipPath, caseId: built.caseId, items: 8, manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = dossier(['export', built.caseName, 'case.zip', '--db', archiveA]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/CONFLICT: .*already exists/);
  });

  it('verifies with exit 0 without opening or creating any archive', () => {
    const untouched = join(dir.path, 'never-created.sqlite');
    const result = dossier(['verify', 'case.zip'], { DOSSIER_DB: untouched });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/0 altered, 0 missing, 0 unexpected: every file matches its hash/);
    expect(existsSync(untouched)).toBe(false);
    const json = dossier(['verify', 'case.zip', '--json'], { DOSSIER_DB: untouched });
    expect(json.json).toMatchObject({ ok: true, caseName: built.caseName, counts: { altered: 0, missing: 0, unexpected: 0 } });
  });

  it('exits 1 from verify and names the altered file', async () => {
    const tampered = join(dir.path, 'tampered.zip');
    const target = `items/${built.ids.incident}.json`;
    await rewriteZip(zipPath, tampered, (path, bytes) => (path === target ? Buffer.from(bytes.toString('utf8').replace('"value_number": 22', '"value_number": 2')) : bytes));
    const result = dossier(['verify', 'tampered.zip']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`ALTERED    ${target}`);
    expect(result.stdout).toContain('THIS CASE FILE DOES NOT MATCH ITS MANIFEST');
  });

  it('imports into another archive, then reports everything unchanged on a second run', () => {
    const first = dossier(['import-case', 'case.zip', '--db', archiveB, '--json']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.json.added).toHaveLength(8);
    expect(first.json.verified).toBe(true);
    const second = dossier(['import-case', 'case.zip', '--db', archiveB]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/0 added, 0 updated, 8 unchanged, 0 conflicts/);
    const list = dossier(['list', '--case', built.caseName, '--db', archiveB, '--json']);
    expect(list.json.total).toBe(8);
  });

  it('refuses an altered file unless --force, and flags what was altered when forced', () => {
    const refused = dossier(['import-case', 'tampered.zip', '--db', archiveB, '--json']);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stderr).error.code).toBe('CASE_FILE_ALTERED');
    const forced = dossier(['import-case', 'tampered.zip', '--force', '--db', archiveB, '--json']);
    expect(forced.status).toBe(0);
    expect(forced.json.flagged).toEqual([expect.objectContaining({ id: built.ids.incident })]);
    const conflicts = dossier(['conflicts', '--db', archiveB, '--json']);
    expect(conflicts.json.conflicts).toEqual([expect.objectContaining({ itemId: built.ids.incident, reason: 'altered' })]);
    const readable = dossier(['conflicts', '--db', archiveB]);
    expect(readable.stdout).toContain('differs in: claims');
    const resolved = dossier(['resolve', conflicts.json.conflicts[0].id, '--keep', 'ours', '--db', archiveB]);
    expect(resolved.status).toBe(0);
    expect(dossier(['conflicts', '--db', archiveB]).stdout.trim()).toBe('no open conflicts');
  });

  it('refuses hostile zips with a clear message and wrong usage with exit 2', () => {
    writeFileSync(join(dir.path, 'slip.zip'), craftZip([{ name: '../evil.txt', data: Buffer.from('x') }]));
    const slip = dossier(['import-case', 'slip.zip', '--db', archiveB]);
    expect(slip.status).toBe(1);
    expect(slip.stderr).toMatch(/UNSAFE_CASE_FILE: .*refused: it holds an entry whose name points outside its folder/);
    expect(existsSync(join(dir.path, '..', 'evil.txt'))).toBe(false);
    expect(dossier(['verify']).status).toBe(2);
    expect(dossier(['resolve', 'x', '--keep', 'mine', '--db', archiveB]).status).toBe(2);
    expect(readFileSync(join(dir.path, 'slip.zip')).length).toBeGreaterThan(0);
  });
});

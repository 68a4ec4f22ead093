// `dossier backup OUT`: a consistent copy of the archive taken with SQLite's online backup API, so it can run
// while the app is open and writing. The copy is written beside OUT first and only renamed into place once it
// opens and passes integrity_check, so a crash mid-backup never leaves a half-written file under OUT.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BackupReport } from '../../electron/contract';
import { DossierError } from '../errors';
import type { Archive } from '../open';

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Makes the copy one self-contained file (no -wal beside it) and proves it is a sound archive. */
function sealCopy(path: string): number {
  const copy = new Database(path);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new DossierError('INTERNAL', `The backup copy failed its integrity check (${String(check)}); nothing was written.`);
    return (copy.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  } finally {
    copy.close();
  }
}

export async function backupArchive(archive: Archive, input: { outPath: string; force?: boolean }): Promise<BackupReport> {
  const outPath = resolve(input.outPath);
  if (archive.path !== ':memory:' && outPath === resolve(archive.path)) {
    throw new DossierError('INVALID_INPUT', 'A backup cannot overwrite the archive it copies; choose another file.');
  }
  if (!existsSync(dirname(outPath)) || !statSync(dirname(outPath)).isDirectory()) {
    throw new DossierError('NOT_FOUND', `The folder "${dirname(outPath)}" does not exist.`);
  }
  if (existsSync(outPath) && !input.force) {
    throw new DossierError('CONFLICT', `"${outPath}" already exists; choose another name or pass --force to replace it.`);
  }
  const partial = `${outPath}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await archive.sqlite.backup(partial);
    const items = sealCopy(partial);
    renameSync(partial, outPath);
    return { path: outPath, bytes: statSync(outPath).size, sha256: await sha256OfFile(outPath), items, integrity: 'ok' };
  } finally {
    for (const leftover of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) rmSync(leftover, { force: true });
  }
}

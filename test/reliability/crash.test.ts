// Crash safety: a bulk import through the built CLI is killed with SIGKILL at seeded random moments; after every
// kill the archive must be sound and hold each file completely or not at all, and a final re-run must finish the
// rest with nothing duplicated. Longer soak: DOSSIER_CRASH_FILES=5000 DOSSIER_CRASH_RUNS=100 DOSSIER_CRASH_SEED=7.
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/open';
import { checkArchive } from '../../db/ops/integrity';
import { seededRandom } from '../bench/corpus';
import { repoRoot, tempDir } from '../helpers';

const FILES = Number(process.env.DOSSIER_CRASH_FILES ?? 1_000);
const RUNS = Number(process.env.DOSSIER_CRASH_RUNS ?? 20);
const SEED = Number(process.env.DOSSIER_CRASH_SEED ?? 20_261_126);
const cli = join(repoRoot, 'electron', 'cli', 'bin.mjs');

const WORDS = 'convoy checkpoint shelling ministry witness village district statement casualties road bridge market hospital school council militia airstrike displaced aid border'.split(' ');

/** One small saved page per file, each carrying a word found nowhere else so its index entry can be checked. */
function writeCorpus(folder: string, random: () => number): Map<string, { path: string; token: string }> {
  mkdirSync(folder, { recursive: true });
  const bySha = new Map<string, { path: string; token: string }>();
  for (let n = 0; n < FILES; n++) {
    const token = `crashtoken${n.toString(36)}x${Math.floor(random() * 1e9).toString(36)}`;
    const words = Array.from({ length: 80 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    const html =
      `<!doctype html><html><head><meta charset="utf-8"><title>Report ${n} ${token}</title></head>` +
      `<body><article><h1>Report ${n}</h1><p>${words} ${token}.</p><p>${words.split(' ').reverse().join(' ')}.</p></article></body></html>`;
    const path = join(folder, `page-${String(n).padStart(5, '0')}.html`);
    writeFileSync(path, html);
    bySha.set(createHash('sha256').update(html).digest('hex'), { path, token });
  }
  return bySha;
}

function countItems(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not yet created or still being migrated
  }
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Starts the import and kills it once `target` items exist (plus a random few ms), or at `deadlineMs`. */
async function importAndKill(archivePath: string, corpus: string, target: number, jitterMs: number, deadlineMs: number): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'import', corpus, '--db', archivePath, '--json'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const started = Date.now();
  let finished = false;
  void exited.then(() => (finished = true));
  while (!finished && Date.now() - started < deadlineMs && countItems(archivePath) < target) await sleep(5);
  if (!finished) {
    await sleep(jitterMs);
    child.kill('SIGKILL');
  }
  await exited;
  return finished && child.signalCode === null ? 'finished before the kill' : `killed after ${Date.now() - started} ms`;
}

interface Verdict {
  items: number;
}

/** Opens the archive as the app would after a crash and checks that each item is whole, or absent. */
function verifyArchive(path: string, corpus: Map<string, { path: string; token: string }>): Verdict {
  if (!existsSync(path)) return { items: 0 };
  const archive = openArchive(path);
  try {
    const db = archive.sqlite;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)").run();
    const rows = db
      .prepare(
        `SELECT i.id, ar.item_id AS articleId, a.sha256, b.data, d.doc_id AS docId
           FROM items i
           LEFT JOIN articles ar ON ar.item_id = i.id
           LEFT JOIN attachments a ON a.item_id = i.id AND a.role = 'original'
           LEFT JOIN blobs b ON b.sha256 = a.sha256
           LEFT JOIN search_docs d ON d.item_id = i.id`,
      )
      .all() as { id: string; articleId: string | null; sha256: string | null; data: Buffer | null; docId: number | null }[];
    const seen = new Set<string>();
    const hit = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?');
    for (const row of rows) {
      expect(row.articleId, `item ${row.id} has its article row`).toBe(row.id);
      expect(row.sha256, `item ${row.id} has its original`).not.toBeNull();
      expect(createHash('sha256').update(row.data!).digest('hex'), `item ${row.id}'s original bytes`).toBe(row.sha256);
      const file = corpus.get(row.sha256!);
      expect(file, `item ${row.id} comes from a file of the corpus`).toBeDefined();
      expect(seen.has(row.sha256!), `${file!.path} is imported once`).toBe(false);
      seen.add(row.sha256!);
      expect(row.docId, `item ${row.id} is indexed`).not.toBeNull();
      expect(hit.all(`"${file!.token}"`)).toEqual([{ rowid: row.docId }]);
    }
    const report = checkArchive(archive);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    return { items: rows.length };
  } finally {
    archive.close();
  }
}

describe('an import killed mid-way', () => {
  const dir = tempDir('dossier-crash-');
  afterAll(() => dir.remove());

  it(`leaves a sound archive after each of ${RUNS} SIGKILLs over ${FILES} files, and a re-run completes it once`, async () => {
    // Seeded, so that a failing run can be replayed exactly.
    const random = seededRandom(SEED);
    const corpusDir = join(dir.path, 'corpus');
    const corpus = writeCorpus(corpusDir, random);
    const archivePath = join(dir.path, 'crash.sqlite');
    const outcomes: string[] = [];
    let items = 0;
    for (let run = 0; run < RUNS; run++) {
      // Targets climb through the whole import so kills land early, midway and late; the first run dies while
      // the archive is still being created and migrated.
      const target = run === 0 ? Number.POSITIVE_INFINITY : Math.ceil(((run + random()) / RUNS) * FILES * 0.95);
      const deadline = run === 0 ? 100 + random() * 400 : 20_000;
      outcomes.push(await importAndKill(archivePath, corpusDir, target, random() * 25, deadline));
      const verdict = verifyArchive(archivePath, corpus);
      expect(verdict.items).toBeGreaterThanOrEqual(items);
      items = verdict.items;
    }
    expect(outcomes.filter((outcome) => outcome.startsWith('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(RUNS - 1);
    expect(items).toBeLessThan(FILES);

    const final = spawnSync(process.execPath, [cli, 'import', corpusDir, '--db', archivePath, '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(final.status, final.stderr).toBe(0);
    const report = JSON.parse(final.stdout) as { imported: unknown[]; duplicates: unknown[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.imported.length + report.duplicates.length).toBe(FILES);
    expect(report.duplicates.length).toBe(items);
    expect(verifyArchive(archivePath, corpus).items).toBe(FILES);
    // The killed runs are marked as such by the next import; none is left looking as if it were still going.
    const db = new Database(archivePath, { readonly: true });
    try {
      const statuses = db.prepare('SELECT status, count(*) AS n FROM import_runs GROUP BY status').all() as { status: string; n: number }[];
      expect(statuses.find((row) => row.status === 'running')).toBeUndefined();
      expect(statuses.find((row) => row.status === 'interrupted')?.n ?? 0).toBeGreaterThanOrEqual(RUNS - 2);
    } finally {
      db.close();
    }
  }, 300_000);
});

// The import pipeline: expand paths, prepare each file (read, hash, detect duplicates, parse: in worker threads
// for bulk imports from the built app), then commit each on the one writer connection in its own transaction.
// Every file ends up in exactly one list of the report (imported, perhaps as a possible duplicate; duplicate of
// an item; failed with a reason), and the report is kept in the archive as an import run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ImportReport } from '../../electron/contract';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { prepared } from '../statements';
import { checkWatchTerms } from '../search/saved';
import { currentOwner, markInterruptedRuns } from './interrupted';
import { ParsePool } from './pool';
import { prepareImport, type ImportJob, type Prepared } from './prepare';
import { commitPrepared, findOriginal, type ImportOutcome } from './store';

export { SUPPORTED_EXTENSIONS } from './formats';
export { MAX_IMPORT_BYTES } from './prepare';
export type { ImportOutcome } from './store';

/** Bulk imports of fewer files than this parse in-process: starting workers costs more than it saves. */
const POOL_THRESHOLD = 8;

export async function importOne(archive: Archive, job: ImportJob): Promise<ImportOutcome> {
  return commitPrepared(archive, await prepareImport(job, (sha256) => findOriginal(archive.sqlite, sha256)));
}

/**
 * Files in the order given; folders recursively in name order. Hidden files are skipped, and so is the
 * `NAME_files` folder that browsers save beside `NAME.html` (its images belong to the page).
 */
export function expandPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const visit = (path: string, explicit: boolean): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      missing.push(path);
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry.startsWith('.')) continue;
        const pageFolder = /^(.*)_files$/.exec(entry);
        if (pageFolder && ['.html', '.htm'].some((ext) => existsSync(join(path, pageFolder[1]! + ext)))) continue;
        visit(join(path, entry), false);
      }
    } else if (stats.isFile() || explicit) {
      files.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return { files, missing };
}

export interface ImportProgress {
  done: number;
  total: number;
  path: string;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Defaults to worker threads for bulk imports where the built worker exists. */
  useWorkers?: boolean;
}

/** Records a run's outcomes in the archive as they happen, and builds the report returned to the caller. */
class ImportRun {
  readonly report: ImportReport;
  private seq = 0;

  constructor(
    private readonly archive: Archive,
    fileCount: number,
  ) {
    this.report = { runId: newId(), imported: [], duplicates: [], failed: [], cancelled: false, watchHits: [] };
    markInterruptedRuns(archive);
    archive.sqlite
      .prepare("INSERT INTO import_runs (id, started_at, status, file_count, owner) VALUES (?, ?, 'running', ?, ?)")
      .run(this.report.runId, nowIso(), fileCount, currentOwner());
  }

  record(path: string, outcome: ImportOutcome): void {
    const { report } = this;
    if (outcome.status === 'imported') {
      const { status: _status, ...entry } = outcome;
      report.imported.push({ path, ...entry });
    } else if (outcome.status === 'duplicate') report.duplicates.push({ path, id: outcome.id });
    else report.failed.push({ path, error: outcome.error });
    const similar = outcome.status === 'imported' ? outcome.possibleDuplicateOf : undefined;
    prepared(
      this.archive.sqlite,
      `INSERT INTO import_results (run_id, seq, path, status, item_id, possible_duplicate_of, similarity, error, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
        report.runId,
        this.seq++,
        path,
        outcome.status,
        outcome.status === 'failed' ? null : outcome.id,
        similar?.id ?? null,
        similar?.similarity ?? null,
        outcome.status === 'failed' ? outcome.error : null,
        nowIso(),
      );
  }

  finish(cancelled: boolean): ImportReport {
    this.report.cancelled = cancelled;
    this.report.watchHits = checkWatchTerms(this.archive, this.report.imported.map((entry) => entry.id));
    this.archive.sqlite
      .prepare('UPDATE import_runs SET finished_at = ?, status = ? WHERE id = ?')
      .run(nowIso(), cancelled ? 'cancelled' : 'finished', this.report.runId);
    return this.report;
  }
}

/** Lets other requests (searches from the browser door) run between files of a long import. */
const yieldToEventLoop = (): Promise<void> => new Promise((done) => setImmediate(done));

async function runImport(archive: Archive, jobs: ImportJob[], missing: string[], options: ImportOptions): Promise<ImportReport> {
  const run = new ImportRun(archive, jobs.length + missing.length);
  for (const path of missing) run.record(path, { status: 'failed', error: `NOT_FOUND: "${path}" does not exist.` });
  const pool =
    options.useWorkers !== false && jobs.length >= POOL_THRESHOLD && archive.path !== ':memory:'
      ? ParsePool.create({ archivePath: archive.path })
      : null;
  const prepare = (job: ImportJob): Promise<Prepared> =>
    pool ? pool.prepare(job) : prepareImport(job, (sha256) => findOriginal(archive.sqlite, sha256));
  // Workers prepare a few files ahead; commits follow the input order so reports are deterministic.
  const window = pool ? pool.size * 2 : 1;
  const ahead: Promise<Prepared>[] = [];
  let next = 0;
  try {
    for (let done = 0; done < jobs.length; done++) {
      while (next < jobs.length && ahead.length < window) ahead.push(prepare(jobs[next++]!));
      const prepared = await ahead.shift()!;
      if (options.signal?.aborted) return run.finish(true);
      run.record(jobs[done]!.path, commitPrepared(archive, prepared));
      options.onProgress?.({ done: done + 1, total: jobs.length, path: jobs[done]!.path });
      await yieldToEventLoop();
    }
    return run.finish(false);
  } finally {
    await pool?.close();
  }
}

export async function importPaths(archive: Archive, input: { paths: string[] }, options: ImportOptions = {}): Promise<ImportReport> {
  const { files, missing } = expandPaths(input.paths.map((path) => resolve(path)));
  return runImport(archive, files.map((path) => ({ path })), missing, options);
}

export async function importFiles(
  archive: Archive,
  input: { files: { name: string; dataBase64: string }[] },
  options: ImportOptions = {},
): Promise<ImportReport> {
  const jobs = input.files.map((file) => ({ path: basename(file.name.replace(/\\/g, '/')), bytes: Buffer.from(file.dataBase64, 'base64') }));
  return runImport(archive, jobs, [], { ...options, useWorkers: false });
}

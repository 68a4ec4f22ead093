// The quick check at start-up: SQLite's quick_check of every page and the newest audit entries. quick_check reads
// the whole file (seconds on a large archive), so it runs in a worker thread on its own read-only connection while
// the window is already usable; only the short audit tail is verified on the main thread. Problems are shown to
// the investigator in words, with what to do next.
import { dialog } from 'electron';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Archive } from '../../db/open';
import { auditChainResult, guarded, pageIntegrityResult } from '../../db/ops/integrity';
import { nowIso } from '../../db/ids';
import type { CheckReport } from '../contract';

/** Lets the window paint and the first searches run before the check starts reading the file. */
const DELAY_MS = 3_000;

/** The worker is inline so that it needs no bundle entry of its own; it gets the addon's paths as data. */
const QUICK_CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const messages = db.pragma('quick_check').map((row) => String(Object.values(row)[0]));
  parentPort.postMessage({ messages, pages: db.pragma('page_count', { simple: true }) });
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
} finally {
  if (db) db.close();
}
`;

/** SQLite's quick_check of the archive file, off the main thread. */
export function quickCheckPages(archive: Archive): Promise<{ messages: string[]; pages: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(QUICK_CHECK_WORKER, {
      eval: true,
      workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), path: archive.path, nativeBinding: archive.nativeBinding },
    });
    worker.once('message', (message: { messages: string[]; pages: number } | { error: string }) => {
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

export async function startupCheck(archive: Archive): Promise<CheckReport> {
  const audit = guarded('auditChain', () => auditChainResult(archive, true));
  let pages;
  try {
    const { messages, pages: count } = await quickCheckPages(archive);
    pages = pageIntegrityResult(messages, count);
  } catch (error) {
    pages = pageIntegrityResult([`the check could not run: ${(error as Error).message}`], 0);
  }
  const checks = [pages, audit];
  return { ok: checks.every((check) => check.ok), path: archive.path, quick: true, checkedAt: nowIso(), checks };
}

export function describeProblems(report: CheckReport): string {
  const lines = report.checks.filter((check) => !check.ok).flatMap((check) => check.problems.slice(0, 5).map((problem) => `• ${check.name}: ${problem}`));
  return [
    `The quick check of "${report.path}" found problems:`,
    ...lines,
    '',
    'Run "dossier check" for the full report, and keep a copy of the file before changing anything.',
  ].join('\n');
}

export function scheduleStartupCheck(archive: Archive, delayMs = DELAY_MS): Promise<CheckReport | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      startupCheck(archive).then(
        (report) => {
          if (!report.ok) dialog.showErrorBox('Dossier found a problem in your archive', describeProblems(report));
          resolve(report);
        },
        (error: unknown) => {
          dialog.showErrorBox('Dossier could not check your archive', (error as Error).message);
          resolve(null);
        },
      );
    }, delayMs);
    timer.unref();
  });
}

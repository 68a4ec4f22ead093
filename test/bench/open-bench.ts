// `npm run bench -- --only open`: an archive of N items (~2 KB each; a fifth of them imported articles with their
// originals) is built once, then timed as an investigator meets it: open and first search, the quick check run at
// start-up, the full `check`, and `backup`, in process and through the built CLI with its peak resident memory.
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commitPrepared, findOriginal } from '../../db/import/store';
import { prepareImport, type Prepared } from '../../db/import/prepare';
import { openArchive } from '../../db/open';
import { backupArchive } from '../../db/ops/backup';
import { addIncident } from '../../db/ops/incidents';
import { checkArchive } from '../../db/ops/integrity';
import { addNote } from '../../db/ops/notes';
import { addStatement } from '../../db/ops/statements';
import { searchItems } from '../../db/search/search';
import { seededRandom, sentence } from './corpus';
import { watchPeakMemory } from './memory';

const BATCH = 1_000;

export interface OpenBenchResult {
  items: number;
  buildSeconds: number;
  archiveMb: number;
  openMs: number;
  firstSearchMs: number;
  openToFirstResultMs: number;
  quickCheckMs: number;
  checkMs: number;
  checkOk: boolean;
  backupMs: number;
  cliCheckMs: number;
  cliCheckPeakMb: number | null;
  cliSearchMs: number;
  cliSearchPeakMb: number | null;
  goal: { openToFirstResultMs: number; residentMb: number; met: boolean };
}

async function buildArchive(path: string, items: number): Promise<void> {
  const random = seededRandom(items);
  const archive = openArchive(path);
  try {
    for (let start = 0; start < items; start += BATCH) {
      const size = Math.min(BATCH, items - start);
      const articles: Prepared[] = [];
      for (let n = start; n < start + size; n++) {
        if (n % 5 !== 0) continue;
        const bytes = Buffer.from(`Report ${n}\n\n${sentence(random, 330)}`);
        articles.push(await prepareImport({ path: `report-${n}.txt`, bytes }, (sha) => findOriginal(archive.sqlite, sha)));
      }
      archive.sqlite.transaction(() => {
        for (const prepared of articles) commitPrepared(archive, prepared);
        for (let n = start; n < start + size; n++) {
          if (n % 5 === 0) continue;
          if (n % 5 === 1) addStatement(archive, { speaker: sentence(random, 2), quote: sentence(random, 60), venue: sentence(random, 2) });
          else if (n % 5 === 2) addIncident(archive, { title: sentence(random, 6), place: sentence(random, 1), description: sentence(random, 300), killed: n % 40 });
          else addNote(archive, { title: sentence(random, 5), body: sentence(random, 320) });
        }
      })();
    }
  } finally {
    archive.close();
  }
}

function time<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: Math.round((performance.now() - started) * 10) / 10 };
}

/** Wall time and peak resident memory of one CLI command, as a user's terminal sees it. */
async function cliRun(cli: string, args: string[]): Promise<{ ms: number; peakMb: number | null }> {
  const started = performance.now();
  // The bench builds first; a rebuild here (sources changed meanwhile) would be timed as if it were the command.
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DOSSIER_NO_AUTOBUILD: '1' } });
  const memory = watchPeakMemory(child.pid!, 20);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const peakMb = memory.stop();
  if (code !== 0) throw new Error(`dossier ${args.join(' ')} exited with ${code}`);
  return { ms: Math.round(performance.now() - started), peakMb };
}

export async function openBench(workDir: string, cli: string, items: number): Promise<OpenBenchResult> {
  const path = join(workDir, `open-${items}.sqlite`);
  const built = performance.now();
  await buildArchive(path, items);
  const buildSeconds = Math.round((performance.now() - built) / 100) / 10;
  // Settle first: a migration or search-rule change that landed since the build started is not what "open" measures.
  openArchive(path).close();

  const opened = time(() => openArchive(path));
  const archive = opened.value;
  let result: Omit<OpenBenchResult, 'cliCheckMs' | 'cliCheckPeakMb' | 'cliSearchMs' | 'cliSearchPeakMb' | 'goal'>;
  try {
    const firstSearch = time(() => searchItems(archive, { query: 'convoy ambush', limit: 20 }));
    const quick = time(() => checkArchive(archive, { quick: true }));
    const full = time(() => checkArchive(archive));
    const backupPath = join(workDir, `open-${items}.backup.sqlite`);
    const started = performance.now();
    await backupArchive(archive, { outPath: backupPath, force: true });
    const backupMs = Math.round(performance.now() - started);
    rmSync(backupPath, { force: true });
    result = {
      items,
      buildSeconds,
      archiveMb: Math.round(statSync(path).size / 1024 ** 2),
      openMs: opened.ms,
      firstSearchMs: firstSearch.ms,
      openToFirstResultMs: Math.round((opened.ms + firstSearch.ms) * 10) / 10,
      quickCheckMs: quick.ms,
      checkMs: full.ms,
      checkOk: full.value.ok && quick.value.ok,
      backupMs,
    };
  } finally {
    archive.close();
  }
  const cliSearch = await cliRun(cli, ['search', 'convoy', 'ambush', '--db', path, '--json']);
  const cliCheck = await cliRun(cli, ['check', '--db', path, '--json']);
  const goal = { openToFirstResultMs: 1_000, residentMb: 300 };
  return {
    ...result,
    cliCheckMs: cliCheck.ms,
    cliCheckPeakMb: cliCheck.peakMb,
    cliSearchMs: cliSearch.ms,
    cliSearchPeakMb: cliSearch.peakMb,
    goal: {
      ...goal,
      met: result.openToFirstResultMs <= goal.openToFirstResultMs && (cliSearch.peakMb ?? 0) <= goal.residentMb && result.checkOk,
    },
  };
}

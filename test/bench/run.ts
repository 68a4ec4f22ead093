// `npm run bench`: deterministic benchmarks of the built app. JSON on stdout, a readable table on stderr.
//   npm run bench                      the default sizes
//   npm run bench -- --only import     one suite
//   npm run bench -- --only export     case files: export, verify, import of --case-items (1000) with --case-mb (200) of originals
//   npm run bench -- --only list       the virtualised list at --items (100,000) in Chromium
//   npm run bench -- --pages 10000     the import goal's size
//   npm run bench -- --only open       open, check, backup at --open-items (default 10000,100000)
//   npm run bench -- --only load       the browser door: 20 searching clients + 1 importer for --seconds (60)
//   npm run bench -- --only search --items 10000   the search suite on a smaller archive (default 100,000)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importBench } from './import-bench';
import { exportBench } from './export-bench';
import { listBench } from './list-bench';
import { runLoad } from './load';
import { openBench } from './open-bench';
import { searchBench, searchBenchTable } from './search-bench';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    pages: { type: 'string', default: '1000' },
    items: { type: 'string', default: '100000' },
    'open-items': { type: 'string', default: '10000,100000' },
    seconds: { type: 'string', default: '60' },
    'case-items': { type: 'string', default: '1000' },
    'case-mb': { type: 'string', default: '200' },
    keep: { type: 'boolean' },
  },
});
const repoRoot = join(import.meta.dirname, '..', '..');
const cli = join(repoRoot, 'electron', 'cli', 'bin.mjs');
const workDir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
const wanted = (suite: string): boolean => !values.only || values.only === suite;

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};
const results: Record<string, unknown> = { machine, date: new Date().toISOString() };

try {
  if (wanted('import')) {
    const result = await importBench(workDir, cli, Number(values.pages));
    results.import = result;
    process.stderr.write(
      `import   ${result.pages} pages of ~${result.averagePageKb} KB: ${result.pagesPerSecond} pages/s, ` +
        `peak ${result.peakMemoryMb ?? '?'} MB (goal >= 40 pages/s, < 500 MB: ${result.goal.met ? 'met' : 'NOT met'})\n`,
    );
  }
  if (wanted('search')) {
    const result = searchBench(Number(values.items), (line) => process.stderr.write(`${line}\n`));
    results.search = result;
    process.stderr.write(`${searchBenchTable(result)}\n`);
  }
  if (wanted('open')) {
    const runs = [];
    for (const items of values['open-items'].split(',').map(Number)) {
      const result = await openBench(workDir, cli, items);
      runs.push(result);
      process.stderr.write(
        `open     ${items} items (${result.archiveMb} MB): open ${result.openMs} ms + first search ${result.firstSearchMs} ms, ` +
          `quick check ${result.quickCheckMs} ms, check ${result.checkMs} ms (${result.checkOk ? 'ok' : 'FAILED'}), backup ${result.backupMs} ms; ` +
          `CLI search ${result.cliSearchMs} ms / ${result.cliSearchPeakMb ?? '?'} MB, CLI check ${result.cliCheckMs} ms / ${result.cliCheckPeakMb ?? '?'} MB ` +
          `(goal open to first result <= 1000 ms, <= 300 MB: ${result.goal.met ? 'met' : 'NOT met'})\n`,
      );
    }
    results.open = runs;
  }
  if (wanted('load')) {
    const result = await runLoad({ cli, dir: workDir, seconds: Number(values.seconds), clients: 20, seedItems: 10_000 });
    results.load = result;
    process.stderr.write(
      `load     20 clients + 1 importer for ${result.seconds} s: ${result.searches} searches (${result.searchesPerSecond}/s), ` +
        `p50 ${result.searchP50Ms} ms, p95 ${result.searchP95Ms} ms; ${result.imports} imports; ` +
        `${result.errors.length} errors, ${result.lostWrites.length} lost writes, check ${result.checkOk ? 'ok' : 'FAILED'}\n`,
    );
  }
  if (wanted('list')) {
    const result = await listBench(Number(values.items), (line) => process.stderr.write(`${line}\n`));
    results.list = result;
    process.stderr.write(
      `list     ${result.items} items in Chromium: first rows ${result.firstRowsMs} ms; a page of rows after a jump: ` +
        `p50 ${result.pageOfRowsP50Ms} ms, p95 ${result.pageOfRowsP95Ms} ms (goal < 50 ms: ${result.goal.met ? 'met' : 'NOT met'})\n`,
    );
  }
  if (wanted('export')) {
    const result = exportBench(workDir, Number(values['case-items']), Number(values['case-mb']));
    results.export = result;
    for (const name of ['export', 'verify', 'import'] as const) {
      const step = result[name];
      process.stderr.write(
        `case ${name.padEnd(7)} ${result.items} items, ${result.originalsMb} MB of originals: ${step.seconds} s (${step.cpuSeconds} s CPU), ` +
          `memory +${step.rssGrowthMb} MB\n`,
      );
    }
    process.stderr.write(`case files: goal <= ${result.goal.seconds} s and <= ${result.goal.rssGrowthMb} MB each: ${result.goal.met ? 'met' : 'NOT met'}\n`);
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  else process.stderr.write(`kept ${workDir}\n`);
}

// `npm run bench`: deterministic benchmarks of the built app. JSON on stdout, a readable table on stderr.
//   npm run bench                      the default sizes
//   npm run bench -- --only import     one suite
//   npm run bench -- --pages 10000     the import goal's size
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importBench } from './import-bench';

const { values } = parseArgs({
  options: { only: { type: 'string' }, pages: { type: 'string', default: '1000' }, keep: { type: 'boolean' } },
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
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  else process.stderr.write(`kept ${workDir}\n`);
}

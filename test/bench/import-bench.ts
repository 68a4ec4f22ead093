// Import benchmark: N generated ~100 KB news pages imported by the real CLI (worker pool, one writer),
// end to end: read, hash, parse, extract, sanitise, store, index. Reports pages/s and peak memory.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newsPage } from './corpus';
import { watchPeakMemory } from './memory';

export interface ImportBenchResult {
  pages: number;
  averagePageKb: number;
  seconds: number;
  pagesPerSecond: number;
  peakMemoryMb: number | null;
  imported: number;
  failed: number;
  goal: { pagesPerSecond: number; peakMemoryMb: number; met: boolean };
}

export async function importBench(workDir: string, cli: string, pages: number): Promise<ImportBenchResult> {
  const folder = join(workDir, 'pages');
  mkdirSync(folder, { recursive: true });
  let bytes = 0;
  for (let index = 0; index < pages; index++) {
    const page = newsPage(index);
    bytes += Buffer.byteLength(page);
    writeFileSync(join(folder, `page-${String(index).padStart(6, '0')}.html`), page);
  }
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, 'import', folder, '--db', join(workDir, 'import.sqlite'), '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DOSSIER_NO_AUTOBUILD: '1' },
  });
  const memory = watchPeakMemory(child.pid!);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  const peakMemoryMb = memory.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const report = JSON.parse(output) as { imported: unknown[]; failed: unknown[] };
  const pagesPerSecond = Math.round((pages / seconds) * 10) / 10;
  return {
    pages,
    averagePageKb: Math.round(bytes / pages / 1024),
    seconds: Math.round(seconds * 100) / 100,
    pagesPerSecond,
    peakMemoryMb,
    imported: report.imported.length,
    failed: report.failed.length,
    goal: { pagesPerSecond: 40, peakMemoryMb: 500, met: pagesPerSecond >= 40 && (peakMemoryMb ?? 0) < 500 },
  };
}

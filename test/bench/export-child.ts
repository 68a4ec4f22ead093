// One case-file operation in a process of its own, so its memory is its own: prints wall-clock and CPU seconds and
// resident memory growth (peak RSS during the operation minus RSS just before it) as JSON. Run by export-bench.ts.
import { readFileSync } from 'node:fs';
import { importCase } from '../../db/export/merge';
import { verifyCase } from '../../db/export/verify';
import { exportCase } from '../../db/export/writer';
import { openArchive } from '../../db/open';

function residentKb(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : Math.round(process.memoryUsage().rss / 1024);
}

const [operation, archivePath, zipPath, caseRef] = process.argv.slice(2) as [string, string, string, string?];
const archive = operation === 'verify' ? null : openArchive(archivePath);
// Warm the modules and the page cache of the archive's schema before the baseline.
archive?.sqlite.prepare('SELECT count(*) FROM items').get();
global.gc?.();
const before = residentKb('VmRSS');
// Sampling catches peaks the kernel's high-water mark recorded before the baseline would hide.
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, residentKb('VmRSS'))), 20);
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
let summary: unknown;
if (operation === 'export') summary = { manifestSha256: (await exportCase(archive!, { caseRef: caseRef!, outPath: zipPath })).manifestSha256 };
else if (operation === 'verify') summary = { ok: (await verifyCase({ path: zipPath })).ok };
else {
  const report = await importCase(archive!, { path: zipPath });
  summary = { added: report.added.length, conflicts: report.conflicts.length, originals: report.originals.added };
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
// CPU seconds of every thread of the process (main, zlib and fs workers): a figure a busy shared machine distorts far less.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
clearInterval(sampler);
peak = Math.max(peak, residentKb('VmRSS'));
archive?.close();
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, rssBeforeMb: before / 1024, rssGrowthMb: (peak - before) / 1024, summary })}\n`);

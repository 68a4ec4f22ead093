// The virtualised list at 100,000 items, in real Chromium through the browser door: jump the scroll position to
// random places in the list and time until that page of rows is on screen (fetch + render), as a user dragging
// the scroll bar sees it. Goal: under 50 ms per page of rows.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../../db/open';
import { addNote } from '../../db/ops/notes';
import { seededRandom, shortRecord } from './corpus';
import { launchChromium, serveArchiveFile } from '../e2e/harness';

const ARCHIVE_VERSION = 'list-v1';

/** 100k notes, built once and kept in the temp folder between runs (the build takes a minute). */
function listArchive(items: number, log: (line: string) => void): string {
  const folder = join(tmpdir(), 'dossier-bench-cache');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${ARCHIVE_VERSION}-${items}.sqlite`);
  if (existsSync(path)) return path;
  log(`building a ${items}-item archive for the list benchmark (cached in ${folder})...`);
  const building = `${path}.building`;
  const archive = openArchive(building);
  archive.sqlite.transaction(() => {
    for (let index = 0; index < items; index++) {
      const record = shortRecord(index);
      addNote(archive, { title: `${index}: ${record.title}`, body: record.body.slice(0, 400) });
    }
  })();
  archive.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  archive.close();
  renameSync(building, path);
  return path;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function listBench(items: number, log: (line: string) => void) {
  const path = listArchive(items, log);
  const served = await serveArchiveFile(path);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const opened = Date.now();
    await page.goto(served.url);
    await page.locator('[data-testid="item-row"]').first().waitFor({ timeout: 30_000 });
    const firstRowsMs = Date.now() - opened;
    const random = seededRandom(7);
    const jumps: number[] = [];
    for (let run = 0; run < 40; run++) {
      const target = Math.floor(random() * (items - 20));
      // Measured inside the page: from setting scrollTop to the target row being in the DOM with its title.
      const ms = await page.evaluate(async (index) => {
        const scroller = document.querySelector('.list-scroll') as HTMLElement;
        const rowHeight = (document.querySelector('.row-slot') as HTMLElement).offsetHeight;
        const started = performance.now();
        scroller.scrollTop = index * rowHeight;
        for (;;) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          if (document.querySelector(`[data-index="${index}"] [data-testid="row-title"]`)) return performance.now() - started;
          if (performance.now() - started > 10_000) return Number.NaN;
        }
      }, target);
      jumps.push(ms);
    }
    const sorted = jumps.filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b);
    const result = {
      items,
      firstRowsMs,
      jumps: jumps.length,
      failed: jumps.length - sorted.length,
      pageOfRowsP50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
      pageOfRowsP95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
      goal: { pageOfRowsMs: 50, met: sorted.length === jumps.length && percentile(sorted, 95) < 50 },
    };
    return result;
  } finally {
    await browser.close();
    await served.stop({ keepFile: true });
  }
}

// Import progress on stderr: a redrawn bar with counts and rate on a terminal, a plain line every few seconds
// otherwise (logs, pipes), nothing for imports that finish quickly.
import type { ImportProgress } from '../../db/import';

const PLAIN_LINE_EVERY_MS = 5_000;
const BAR_WIDTH = 30;

export function importProgressPrinter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress(progress: ImportProgress): void;
  done(): void;
} {
  const started = Date.now();
  let lastLine = started;
  let drewBar = false;
  const rate = (done: number): string => `${(done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1)} files/s`;
  return {
    onProgress({ done, total }) {
      if (stream.isTTY) {
        const filled = Math.round((done / total) * BAR_WIDTH);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}  ${rate(done)} `);
        drewBar = true;
      } else if (Date.now() - lastLine >= PLAIN_LINE_EVERY_MS) {
        stream.write(`imported ${done} of ${total} files (${rate(done)})\n`);
        lastLine = Date.now();
      }
    },
    done() {
      if (drewBar) stream.write('\n');
    },
  };
}

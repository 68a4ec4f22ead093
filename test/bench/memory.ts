// Peak resident memory of a child process, read from /proc while it runs (Linux; null elsewhere).
import { readFileSync } from 'node:fs';

export function watchPeakMemory(pid: number, everyMs = 50): { stop(): number | null } {
  let peakKb: number | null = null;
  const read = (): void => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peakKb = Math.max(peakKb ?? 0, Number(hwm[1]));
    } catch {
      // The process has ended, or this is not Linux.
    }
  };
  const timer = setInterval(read, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peakKb === null ? null : Math.round(peakKb / 1024);
    },
  };
}

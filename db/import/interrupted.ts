// Import runs whose process died (a crash, a kill, a laptop losing power) stay 'running' in the archive. Each run
// records its owner as "host:pid"; the next import marks the runs of this host whose process is gone as
// 'interrupted'. A run of another host, or of a process still alive, is left alone: it may still be going.
import { hostname } from 'node:os';
import { nowIso } from '../ids';
import type { Archive } from '../open';

export function currentOwner(): string {
  return `${hostname()}:${process.pid}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function markInterruptedRuns(archive: Archive): number {
  const host = `${hostname()}:`;
  const runs = archive.sqlite.prepare("SELECT id, owner FROM import_runs WHERE status = 'running' AND owner LIKE ? || '%'").all(host) as {
    id: string;
    owner: string;
  }[];
  const dead = runs.filter((run) => {
    const pid = Number(run.owner.slice(host.length));
    return Number.isInteger(pid) && pid !== process.pid && !processAlive(pid);
  });
  const mark = archive.sqlite.prepare("UPDATE import_runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'");
  for (const run of dead) mark.run(nowIso(), run.id);
  return dead.length;
}

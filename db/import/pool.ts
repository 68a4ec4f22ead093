// A pool of parse workers sized to the machine, used by bulk imports when running from the built app (the
// worker is a bundle entry). Results come back in any order; callers commit them on the one writer connection.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../paths';
import type { ImportJob, Prepared } from './prepare';
import type { WorkerRequest, WorkerSetup } from './parse-worker';

interface Pending {
  job: ImportJob;
  resolve(prepared: Prepared): void;
}

interface PoolWorker {
  worker: Worker;
  busyWith: number | null;
}

export function workerScriptPath(): string | null {
  // Only the bundle has a runnable worker; tests running the TypeScript sources parse in-process.
  if (!import.meta.url.includes('/out/main/')) return null;
  const path = join(packageRoot(), 'out', 'main', 'import-worker.js');
  return existsSync(path) ? path : null;
}

export class ParsePool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: { requestId: number; pending: Pending }[] = [];
  private readonly inFlight = new Map<number, Pending>();
  private nextRequestId = 0;
  private closing = false;

  private constructor(
    private readonly script: string,
    private readonly setup: WorkerSetup,
    size: number,
  ) {
    for (let index = 0; index < size; index++) this.workers.push(this.spawn());
  }

  /** A pool, or null where workers cannot run (then the caller parses in-process). */
  static create(setup: WorkerSetup, size = Math.max(1, availableParallelism())): ParsePool | null {
    const script = workerScriptPath();
    return script ? new ParsePool(script, setup, size) : null;
  }

  get size(): number {
    return this.workers.length;
  }

  prepare(job: ImportJob): Promise<Prepared> {
    return new Promise((resolve) => {
      this.queue.push({ requestId: this.nextRequestId++, pending: { job, resolve } });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
    this.workers.length = 0;
  }

  private spawn(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(this.script, { workerData: this.setup }), busyWith: null };
    entry.worker.on('message', (message: { requestId: number; prepared: Prepared }) => {
      this.inFlight.get(message.requestId)?.resolve(message.prepared);
      this.inFlight.delete(message.requestId);
      entry.busyWith = null;
      this.dispatch();
    });
    entry.worker.on('error', (error) => this.replace(entry, `IMPORT_FAILED: the parser stopped: ${error.message}`));
    entry.worker.on('exit', (code) => {
      if (code !== 0) this.replace(entry, `IMPORT_FAILED: the parser stopped (exit ${code}).`);
    });
    return entry;
  }

  /** A worker died (out of memory on a hostile file, say): fail its file, start a fresh one, carry on. */
  private replace(entry: PoolWorker, error: string): void {
    const index = this.workers.indexOf(entry);
    if (index < 0 || this.closing) return;
    if (entry.busyWith !== null) {
      this.inFlight.get(entry.busyWith)?.resolve({ status: 'failed', error });
      this.inFlight.delete(entry.busyWith);
    }
    this.workers[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    for (const entry of this.workers) {
      if (entry.busyWith !== null) continue;
      const next = this.queue.shift();
      if (!next) return;
      entry.busyWith = next.requestId;
      this.inFlight.set(next.requestId, next.pending);
      const request: WorkerRequest = { requestId: next.requestId, job: next.pending.job };
      entry.worker.postMessage(request);
    }
  }
}

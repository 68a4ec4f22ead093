// A bulk-import worker thread: reads, hashes and parses files (the slow part) while the main thread writes.
// It checks for identical originals on its own read-only connection; it never writes to the archive.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareImport, type ImportJob } from './prepare';
import { findOriginal } from './store';

export interface WorkerSetup {
  archivePath: string;
  nativeBinding?: string;
}
export interface WorkerRequest {
  requestId: number;
  job: ImportJob;
}

const setup = workerData as WorkerSetup;
const reader = new Database(setup.archivePath, { readonly: true, fileMustExist: true, nativeBinding: setup.nativeBinding });
reader.pragma('busy_timeout = 5000');

parentPort!.on('message', (request: WorkerRequest) => {
  void prepareImport(request.job, (sha256) => findOriginal(reader, sha256)).then((prepared) =>
    parentPort!.postMessage({ requestId: request.requestId, prepared }),
  );
});

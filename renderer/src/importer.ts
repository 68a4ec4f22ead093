// Importing files picked or dropped in the app: sent in small batches so that the window can show progress and
// a cancel button; a cancelled import keeps every file already imported (each is whole) and reports the rest
// as not sent. The reports of the batches are merged into one.
import type { ImportReport, Result } from '../../electron/contract';
import { api } from './api';
import { readFileAsBase64 } from './format';

const BATCH_FILES = 4;
const BATCH_BYTES = 24 * 1024 * 1024;

export interface ImportProgress {
  done: number;
  total: number;
}

function batches(files: File[]): File[][] {
  const out: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= BATCH_FILES || bytes + file.size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export async function importInBatches(
  files: File[],
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
): Promise<Result<ImportReport>> {
  const merged: ImportReport = { runId: '', imported: [], duplicates: [], failed: [], cancelled: false, watchHits: [] };
  let done = 0;
  onProgress({ done, total: files.length });
  for (const batch of batches(files)) {
    if (signal.aborted) {
      merged.cancelled = true;
      break;
    }
    const payload = await Promise.all(batch.map(async (file) => ({ name: file.name, dataBase64: await readFileAsBase64(file) })));
    const result = await api.importFiles({ files: payload });
    if (!result.ok) return result;
    merged.runId ||= result.value.runId;
    merged.imported.push(...result.value.imported);
    merged.duplicates.push(...result.value.duplicates);
    merged.failed.push(...result.value.failed);
    merged.watchHits.push(...(result.value.watchHits ?? []));
    done += batch.length;
    onProgress({ done, total: files.length });
  }
  return { ok: true, value: merged };
}

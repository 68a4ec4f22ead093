// The part of importing a file that needs no write access: read, check, hash, look for an identical original,
// parse. It runs in a worker thread in bulk imports and in-process otherwise; its result is plain data.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { DossierError } from '../errors';
import { parserFor } from './formats';
import type { ParseContext, ParsedArticle } from './parsed';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const MAX_BESIDE_FILE_BYTES = 25 * 1024 * 1024;

/** A file to import: on disk (read here, with access to its `_files` folder) or bytes sent by the app. */
export interface ImportJob {
  path: string;
  bytes?: Uint8Array;
}

export type Prepared =
  | { status: 'duplicate'; id: string }
  | { status: 'failed'; error: string }
  | { status: 'parsed'; name: string; sha256: string; bytes: Uint8Array; parsed: ParsedArticle };

/** Looks up a live or trashed item whose original has these bytes. */
export type OriginalLookup = (sha256: string) => string | null;

export function describeFailure(error: unknown): string {
  if (error instanceof DossierError) return `${error.code}: ${error.message}`;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'IMPORT_FAILED: the page is nested too deeply to read.';
  }
  return `IMPORT_FAILED: ${(error as Error).message}`;
}

/** Files saved beside a page on disk, never outside the page's own folder (a hostile page may point at ../../). */
export function besideFileReader(pagePath: string): ParseContext {
  const folder = dirname(realpathSync(pagePath));
  return {
    readBesideFile(relativePath) {
      const target = resolve(folder, relativePath);
      if (!target.startsWith(folder + sep)) return null;
      try {
        const real = realpathSync(target);
        if (!real.startsWith(folder + sep)) return null;
        const stats = statSync(real);
        return stats.isFile() && stats.size <= MAX_BESIDE_FILE_BYTES ? readFileSync(real) : null;
      } catch {
        return null;
      }
    },
  };
}

function tooLarge(name: string): DossierError {
  return new DossierError('IMPORT_FAILED', `"${name}" is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
}

function readJobBytes(job: ImportJob): { bytes: Uint8Array; context: ParseContext } {
  if (job.bytes) return { bytes: job.bytes, context: {} };
  let size: number;
  try {
    size = statSync(job.path).size;
  } catch (error) {
    throw new DossierError('IMPORT_FAILED', `cannot read "${job.path}": ${(error as Error).message}`);
  }
  if (size > MAX_IMPORT_BYTES) throw tooLarge(basename(job.path));
  return { bytes: readFileSync(job.path), context: besideFileReader(job.path) };
}

export async function prepareImport(job: ImportJob, findOriginal: OriginalLookup): Promise<Prepared> {
  try {
    const name = basename(job.path);
    const parse = await parserFor(name);
    const { bytes, context } = readJobBytes(job);
    if (bytes.byteLength === 0) throw new DossierError('IMPORT_FAILED', `"${name}" is empty (0 bytes).`);
    if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge(name);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const duplicateOf = findOriginal(sha256);
    if (duplicateOf) return { status: 'duplicate', id: duplicateOf };
    const parsed = await parse(bytes, name, context);
    if (parsed.bodyText.trim() === '') throw new DossierError('IMPORT_FAILED', `"${name}" holds no readable text.`);
    return { status: 'parsed', name, sha256, bytes, parsed };
  } catch (error) {
    return { status: 'failed', error: describeFailure(error) };
  }
}

// Verifying a case file: recompute the SHA-256 of every file and compare with the manifest and SHA256SUMS.
// Each file comes out ok, altered, missing or unexpected; the file is sound only when every one is ok.
import { createHash } from 'node:crypto';
import type { CaseFileCheck, CaseFileStatus, CaseVerification } from '../../electron/contract';
import { DossierError } from '../errors';
import {
  CASE_FILE_FORMAT,
  CASE_FILE_FORMAT_VERSION,
  MANIFEST_PATH,
  SUMS_PATH,
  classifyPath,
  manifestHeaderSchema,
  manifestSchema,
  type Manifest,
  type ReaderLimits,
} from './format';
import { CaseZip, EntryBytes } from './reader';

export type FileStatus = CaseFileStatus;
export type FileCheck = CaseFileCheck;
export type VerificationReport = CaseVerification;

const notACaseFile = (file: string, why: string): DossierError =>
  new DossierError('UNSUPPORTED_FORMAT', `"${file}" is not a Dossier case file that this version can read: ${why}.`);

/** Reads and checks manifest.json: the format name and version first, then its shape. */
export async function readManifest(zip: CaseZip): Promise<{ manifest: Manifest; sha256: string }> {
  if (!zip.has(MANIFEST_PATH)) throw notACaseFile(zip.file, 'it has no manifest.json');
  const bytes = await zip.read(MANIFEST_PATH, 64 * 1024 * 1024);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw notACaseFile(zip.file, 'its manifest.json is not valid JSON (damaged?)');
  }
  const header = manifestHeaderSchema.safeParse(raw);
  if (!header.success || header.data.format !== CASE_FILE_FORMAT) throw notACaseFile(zip.file, 'its manifest.json does not name the format "dossier-case"');
  if (header.data.formatVersion > CASE_FILE_FORMAT_VERSION) {
    throw new DossierError(
      'UNSUPPORTED_FORMAT',
      `"${zip.file}" was written by a newer Dossier (case-file format version ${header.data.formatVersion}; this version reads ` +
        `version ${CASE_FILE_FORMAT_VERSION}). Update Dossier to import it; its files can still be read in a browser from index.html.`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw notACaseFile(zip.file, `its manifest.json does not follow format version ${CASE_FILE_FORMAT_VERSION} (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  }
  return { manifest: parsed.data, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function parseSums(text: string): Map<string, string> | null {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match || sums.has(match[2]!)) return null;
    sums.set(match[2]!, match[1]!);
  }
  return sums;
}

export interface OpenVerification {
  report: VerificationReport;
  manifest: Manifest;
}

export interface CaptureOptions {
  /** Which files' bytes to hand over, read once: the importer takes JSON documents and originals it lacks. */
  capture(path: string): boolean;
  /** Called with the bytes of a captured file whose SHA-256 and size matched the manifest. */
  matched(path: string, bytes: Buffer): void;
}

/** Verifies an already opened zip; the caller keeps it open to import from it. */
export async function verifyZip(zip: CaseZip, capture?: CaptureOptions): Promise<OpenVerification> {
  const { manifest, sha256: manifestSha256 } = await readManifest(zip);
  const problems: string[] = [];
  const files: FileCheck[] = [];
  const listed = new Set<string>();

  for (const file of manifest.files) {
    if (listed.has(file.path)) {
      problems.push(`manifest.json lists "${file.path}" twice`);
      continue;
    }
    listed.add(file.path);
    if (file.path === MANIFEST_PATH || file.path === SUMS_PATH || classifyPath(file.path) === null) {
      problems.push(`manifest.json lists "${file.path}", which is not a file a case file has`);
    }
    const check: FileCheck = { path: file.path, status: 'ok', expectedSha256: file.sha256, actualSha256: null, expectedSize: file.size, actualSize: null };
    files.push(check);
    const size = zip.sizeOf(file.path);
    if (size === null) {
      check.status = 'missing';
      continue;
    }
    check.actualSize = size;
    // A size that differs already proves the file altered, and spares reading what could be a bomb's payload.
    if (size !== file.size) {
      check.status = 'altered';
      continue;
    }
    let actual: { sha256: string; size: number };
    const kept = capture?.capture(file.path) ? new EntryBytes(file.size) : null;
    try {
      actual = await zip.hash(file.path, kept ? (chunk) => kept.add(chunk) : undefined);
    } catch (error) {
      // Damaged compressed data (one flipped bit in a deflated file) cannot even be unpacked: that file is altered.
      if (!(error instanceof DossierError) || (error.code !== 'UNSUPPORTED_FORMAT' && error.code !== 'UNSAFE_CASE_FILE')) throw error;
      check.status = 'altered';
      problems.push(`"${file.path}" cannot be unpacked: its compressed bytes are damaged`);
      continue;
    }
    check.actualSha256 = actual.sha256;
    check.actualSize = actual.size;
    if (actual.sha256 !== file.sha256 || actual.size !== file.size) check.status = 'altered';
    const kind = classifyPath(file.path);
    if (check.status === 'ok' && kind?.kind === 'blob' && kind.sha256 !== actual.sha256) {
      check.status = 'altered';
      problems.push(`"${file.path}" is not named by its own SHA-256`);
    }
    if (check.status === 'ok' && kept) capture!.matched(file.path, kept.bytes());
  }

  for (const entry of zip.entries()) {
    if (entry.isDirectory || entry.path === MANIFEST_PATH || entry.path === SUMS_PATH || listed.has(entry.path)) continue;
    files.push({ path: entry.path, status: 'unexpected', expectedSha256: null, actualSha256: null, expectedSize: null, actualSize: entry.size });
  }

  // SHA256SUMS must say exactly what the manifest says, and name the manifest's own hash.
  const sumsCheck: FileCheck = { path: SUMS_PATH, status: 'ok', expectedSha256: null, actualSha256: null, expectedSize: null, actualSize: zip.sizeOf(SUMS_PATH) };
  if (!zip.has(SUMS_PATH)) {
    sumsCheck.status = 'missing';
  } else {
    const sums = parseSums((await zip.read(SUMS_PATH)).toString('utf8'));
    const expected = new Map(manifest.files.map((file) => [file.path, file.sha256]));
    expected.set(MANIFEST_PATH, manifestSha256);
    const agrees = sums !== null && sums.size === expected.size && [...expected].every(([path, sha]) => sums.get(path) === sha);
    if (!agrees) {
      sumsCheck.status = 'altered';
      problems.push('SHA256SUMS does not agree with manifest.json');
    }
  }
  files.push(sumsCheck);

  const itemFiles = manifest.files.filter((file) => classifyPath(file.path)?.kind === 'item-json').length;
  if (itemFiles !== manifest.itemCount) problems.push(`manifest.json counts ${manifest.itemCount} items but lists ${itemFiles} item files`);

  const counts: Record<FileStatus, number> = { ok: 0, altered: 0, missing: 0, unexpected: 0 };
  for (const file of files) counts[file.status]++;
  const report: VerificationReport = {
    path: zip.file,
    ok: counts.altered === 0 && counts.missing === 0 && counts.unexpected === 0 && problems.length === 0,
    formatVersion: manifest.formatVersion,
    appVersion: manifest.appVersion,
    createdAt: manifest.createdAt,
    caseId: manifest.case.id,
    caseName: manifest.case.name,
    itemCount: manifest.itemCount,
    manifestSha256,
    counts,
    files,
    problems,
  };
  return { report, manifest };
}

export async function verifyCase(input: { path: string }, limits?: ReaderLimits): Promise<VerificationReport> {
  const zip = await CaseZip.open(input.path, limits);
  try {
    return (await verifyZip(zip)).report;
  } finally {
    zip.close();
  }
}

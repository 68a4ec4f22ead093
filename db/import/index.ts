// The import pipeline: pick a format module by file type, parse outside the transaction, then write the original
// bytes (content-addressed), its images and the item's rows in one transaction per file. Every file ends up in
// exactly one list of the report: imported (perhaps a possible duplicate), duplicate of an item, or failed with a
// reason; the report is also kept in the archive as an import run.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { ImportReport } from '../../electron/contract';
import { DossierError } from '../errors';
import { newId, nowIso } from '../ids';
import type { Archive } from '../open';
import { articles, attachments } from '../schema';
import { appendAudit } from '../ops/audit';
import { insertItem } from '../ops/items';
import { insertLink } from '../ops/links';
import { reindexItem } from '../search/index-item';
import { findNearDuplicate, minhashSignature, storeFingerprint } from './fingerprint';
import type { ParseContext, ParsedArticle } from './parsed';
import { parseTextFile } from './text';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const MAX_BESIDE_FILE_BYTES = 25 * 1024 * 1024;

type FormatParser = (bytes: Uint8Array, fileName: string, context: ParseContext) => ParsedArticle | Promise<ParsedArticle>;

// The HTML stack (linkedom, Readability) takes a fifth of a second to load: only commands that import pay it.
const htmlParser = async (): Promise<FormatParser> => (await import('./html')).parseHtmlFile;
const plainText = async (): Promise<FormatParser> => (bytes, name) => parseTextFile(bytes, name, false);
const markdown = async (): Promise<FormatParser> => (bytes, name) => parseTextFile(bytes, name, true);

const FORMATS: Record<string, () => Promise<FormatParser>> = {
  '.txt': plainText,
  '.text': plainText,
  '.md': markdown,
  '.markdown': markdown,
  '.html': htmlParser,
  '.htm': htmlParser,
  '.xhtml': htmlParser,
};

const KNOWN_OTHER_FORMATS: Record<string, string> = {
  '.docx': 'a Word file',
  '.doc': 'a Word file',
  '.odt': 'an OpenDocument text',
  '.xlsx': 'a spreadsheet',
  '.jpg': 'an image',
  '.jpeg': 'an image',
  '.png': 'an image',
  '.zip': 'a zip archive (case files use `dossier import-case`)',
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

function unsupported(name: string): DossierError {
  const extension = extname(name).toLowerCase();
  const what = KNOWN_OTHER_FORMATS[extension] ?? (extension ? `a "${extension}" file` : 'a file without an extension');
  return new DossierError(
    'UNSUPPORTED_FORMAT',
    `"${basename(name)}" is ${what}; Dossier imports ${SUPPORTED_EXTENSIONS.join(' ')} files.`,
  );
}

export interface ImportSource {
  /** Shown in the report: the path given on the command line, or the file name picked in the app. */
  path: string;
  bytes: Uint8Array;
  context?: ParseContext;
}

export type ImportOutcome =
  | { status: 'imported'; id: string; type: 'article'; title: string; possibleDuplicateOf?: { id: string; similarity: number } }
  | { status: 'duplicate'; id: string }
  | { status: 'failed'; error: string };

function existingItemWithOriginal(archive: Archive, sha256: string): string | null {
  const row = archive.sqlite
    .prepare(
      `SELECT a.item_id AS id FROM attachments a JOIN items i ON i.id = a.item_id
        WHERE a.sha256 = ? AND a.role = 'original' ORDER BY i.deleted_at IS NOT NULL, i.created_at LIMIT 1`,
    )
    .get(sha256) as { id: string } | undefined;
  return row?.id ?? null;
}

function insertBlob(archive: Archive, sha256: string, bytes: Uint8Array, mediaType: string, at: string): void {
  archive.sqlite
    .prepare('INSERT OR IGNORE INTO blobs (sha256, size, media_type, data, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(sha256, bytes.byteLength, mediaType, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), at);
}

function storeArticle(archive: Archive, name: string, sha256: string, bytes: Uint8Array, parsed: ParsedArticle): ImportOutcome {
  const signature = minhashSignature(parsed.bodyText);
  const nearDuplicate = signature ? findNearDuplicate(archive, signature) : null;
  const now = nowIso();
  insertBlob(archive, sha256, bytes, parsed.mediaType, now);
  const itemId = insertItem(archive, 'article', parsed.title, parsed.language);
  archive.orm
    .insert(articles)
    .values({
      itemId,
      url: parsed.url,
      outlet: parsed.outlet,
      byline: parsed.byline,
      publishedAt: parsed.publishedAt,
      capturedAt: parsed.capturedAt,
      language: parsed.language,
      bodyText: parsed.bodyText,
      readableHtml: parsed.readableHtml ?? null,
    })
    .run();
  archive.orm.insert(attachments).values({ itemId, sha256, role: 'original', name, createdAt: now }).run();
  for (const image of parsed.images ?? []) {
    insertBlob(archive, image.sha256, image.bytes, image.mediaType, now);
    archive.orm
      .insert(attachments)
      .values({ itemId, sha256: image.sha256, role: 'image', name: image.name, createdAt: now })
      .onConflictDoNothing()
      .run();
  }
  if (signature) storeFingerprint(archive, itemId, signature);
  reindexItem(archive, itemId);
  appendAudit(archive, { action: 'import', itemId, detail: { file: name, sha256, size: bytes.byteLength } });
  if (nearDuplicate) {
    const similarity = Math.round(nearDuplicate.similarity * 100) / 100;
    insertLink(archive, { from: itemId, to: nearDuplicate.id, rel: 'possible-duplicate', note: `text similarity ${similarity}` });
    return { status: 'imported', id: itemId, type: 'article', title: parsed.title, possibleDuplicateOf: { id: nearDuplicate.id, similarity } };
  }
  return { status: 'imported', id: itemId, type: 'article', title: parsed.title };
}

function describeFailure(error: unknown): string {
  if (error instanceof DossierError) return `${error.code}: ${error.message}`;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'IMPORT_FAILED: the page is nested too deeply to read.';
  }
  return `IMPORT_FAILED: ${(error as Error).message}`;
}

export async function importOne(archive: Archive, source: ImportSource): Promise<ImportOutcome> {
  try {
    const name = basename(source.path);
    const loadParser = FORMATS[extname(name).toLowerCase()];
    if (!loadParser) throw unsupported(name);
    if (source.bytes.byteLength === 0) throw new DossierError('IMPORT_FAILED', `"${name}" is empty (0 bytes).`);
    if (source.bytes.byteLength > MAX_IMPORT_BYTES) {
      throw new DossierError('IMPORT_FAILED', `"${name}" is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    }
    const sha256 = createHash('sha256').update(source.bytes).digest('hex');
    const duplicateOf = existingItemWithOriginal(archive, sha256);
    if (duplicateOf) return { status: 'duplicate', id: duplicateOf };

    const parsed = await (await loadParser())(source.bytes, name, source.context ?? {});
    if (parsed.bodyText.trim() === '') throw new DossierError('IMPORT_FAILED', `"${name}" holds no readable text.`);
    return archive.sqlite.transaction(() => storeArticle(archive, name, sha256, source.bytes, parsed))();
  } catch (error) {
    return { status: 'failed', error: describeFailure(error) };
  }
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

/**
 * Files in the order given; folders recursively in name order. Hidden files are skipped, and so is the
 * `NAME_files` folder that browsers save beside `NAME.html` (its images belong to the page).
 */
export function expandPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const visit = (path: string, explicit: boolean): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      missing.push(path);
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry.startsWith('.')) continue;
        const pageFolder = /^(.*)_files$/.exec(entry);
        if (pageFolder && ['.html', '.htm'].some((ext) => existsSync(join(path, pageFolder[1]! + ext)))) continue;
        visit(join(path, entry), false);
      }
    } else if (stats.isFile() || explicit) {
      files.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return { files, missing };
}

export interface ImportProgress {
  done: number;
  total: number;
  path: string;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/** Records a run's outcomes in the archive as they happen, and builds the report returned to the caller. */
class ImportRun {
  readonly report: ImportReport;
  private seq = 0;

  constructor(
    private readonly archive: Archive,
    fileCount: number,
  ) {
    this.report = { runId: newId(), imported: [], duplicates: [], failed: [], cancelled: false };
    archive.sqlite
      .prepare("INSERT INTO import_runs (id, started_at, status, file_count) VALUES (?, ?, 'running', ?)")
      .run(this.report.runId, nowIso(), fileCount);
  }

  record(path: string, outcome: ImportOutcome): void {
    const { report } = this;
    if (outcome.status === 'imported') {
      const { status: _status, ...entry } = outcome;
      report.imported.push({ path, ...entry });
    } else if (outcome.status === 'duplicate') report.duplicates.push({ path, id: outcome.id });
    else report.failed.push({ path, error: outcome.error });
    this.archive.sqlite
      .prepare(
        `INSERT INTO import_results (run_id, seq, path, status, item_id, possible_duplicate_of, similarity, error, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        report.runId,
        this.seq++,
        path,
        outcome.status,
        outcome.status === 'failed' ? null : outcome.id,
        outcome.status === 'imported' ? (outcome.possibleDuplicateOf?.id ?? null) : null,
        outcome.status === 'imported' ? (outcome.possibleDuplicateOf?.similarity ?? null) : null,
        outcome.status === 'failed' ? outcome.error : null,
        nowIso(),
      );
  }

  finish(cancelled: boolean): ImportReport {
    this.report.cancelled = cancelled;
    this.archive.sqlite
      .prepare('UPDATE import_runs SET finished_at = ?, status = ? WHERE id = ?')
      .run(nowIso(), cancelled ? 'cancelled' : 'finished', this.report.runId);
    return this.report;
  }
}

/** Lets other requests (searches from the browser door) run between files of a long import. */
const yieldToEventLoop = (): Promise<void> => new Promise((done) => setImmediate(done));

async function runImport(
  archive: Archive,
  sources: { path: string; load(): ImportSource | ImportOutcome }[],
  unreachable: { path: string; error: string }[],
  options: ImportOptions,
): Promise<ImportReport> {
  const run = new ImportRun(archive, sources.length + unreachable.length);
  for (const entry of unreachable) run.record(entry.path, { status: 'failed', error: entry.error });
  let done = 0;
  for (const source of sources) {
    if (options.signal?.aborted) return run.finish(true);
    const loaded = source.load();
    run.record(source.path, 'status' in loaded ? loaded : await importOne(archive, loaded));
    options.onProgress?.({ done: ++done, total: sources.length, path: source.path });
    await yieldToEventLoop();
  }
  return run.finish(false);
}

export async function importPaths(archive: Archive, input: { paths: string[] }, options: ImportOptions = {}): Promise<ImportReport> {
  const { files, missing } = expandPaths(input.paths.map((path) => resolve(path)));
  const sources = files.map((path) => ({
    path,
    load(): ImportSource | ImportOutcome {
      try {
        const size = statSync(path).size;
        if (size > MAX_IMPORT_BYTES) {
          return { status: 'failed', error: `IMPORT_FAILED: "${basename(path)}" is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` };
        }
        return { path, bytes: readFileSync(path), context: besideFileReader(path) };
      } catch (error) {
        return { status: 'failed', error: `IMPORT_FAILED: cannot read "${path}": ${(error as Error).message}` };
      }
    },
  }));
  const unreachable = missing.map((path) => ({ path, error: `NOT_FOUND: "${path}" does not exist.` }));
  return runImport(archive, sources, unreachable, options);
}

export async function importFiles(archive: Archive, input: { files: { name: string; dataBase64: string }[] }, options: ImportOptions = {}): Promise<ImportReport> {
  const sources = input.files.map((file) => {
    const name = basename(file.name.replace(/\\/g, '/'));
    return { path: name, load: (): ImportSource => ({ path: name, bytes: Buffer.from(file.dataBase64, 'base64') }) };
  });
  return runImport(archive, sources, [], options);
}

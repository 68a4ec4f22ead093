// The import pipeline: pick a format module by file type, parse outside the transaction, then write the original
// bytes (content-addressed) and the item's rows in one transaction per file. Every file ends up in exactly one
// list of the report: imported, duplicate of an existing item, or failed with a reason.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { ImportReport } from '../../electron/contract';
import { DossierError } from '../errors';
import { nowIso } from '../ids';
import type { Archive } from '../open';
import { articles, attachments } from '../schema';
import { appendAudit } from '../ops/audit';
import { insertItem } from '../ops/items';
import { reindexItem } from '../search/index-item';
import type { ParsedArticle } from './parsed';
import { parseTextFile } from './text';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

type FormatParser = (bytes: Uint8Array, fileName: string) => ParsedArticle;

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
}

export type ImportOutcome =
  | { status: 'imported'; id: string; type: 'article'; title: string }
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

export async function importOne(archive: Archive, source: ImportSource): Promise<ImportOutcome> {
  try {
    const name = basename(source.path);
    const loadParser = FORMATS[extname(name).toLowerCase()];
    if (!loadParser) throw unsupported(name);
    if (source.bytes.byteLength > MAX_IMPORT_BYTES) {
      throw new DossierError('IMPORT_FAILED', `"${name}" is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    }
    const sha256 = createHash('sha256').update(source.bytes).digest('hex');
    const duplicateOf = existingItemWithOriginal(archive, sha256);
    if (duplicateOf) return { status: 'duplicate', id: duplicateOf };

    const parsed = (await loadParser())(source.bytes, name);
    if (parsed.bodyText.trim() === '') throw new DossierError('IMPORT_FAILED', `"${name}" holds no readable text.`);

    const id = archive.sqlite.transaction(() => {
      const now = nowIso();
      archive.sqlite
        .prepare('INSERT OR IGNORE INTO blobs (sha256, size, media_type, data, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(sha256, source.bytes.byteLength, parsed.mediaType, Buffer.from(source.bytes), now);
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
        })
        .run();
      archive.orm.insert(attachments).values({ itemId, sha256, role: 'original', name, createdAt: now }).run();
      reindexItem(archive, itemId);
      appendAudit(archive, { action: 'import', itemId, detail: { file: name, sha256, size: source.bytes.byteLength } });
      return itemId;
    })();
    return { status: 'imported', id, type: 'article', title: parsed.title };
  } catch (error) {
    const message = error instanceof DossierError ? `${error.code}: ${error.message}` : `IMPORT_FAILED: ${(error as Error).message}`;
    return { status: 'failed', error: message };
  }
}

function emptyReport(): ImportReport {
  return { imported: [], duplicates: [], failed: [] };
}

function record(report: ImportReport, path: string, outcome: ImportOutcome): void {
  if (outcome.status === 'imported') report.imported.push({ path, id: outcome.id, type: outcome.type, title: outcome.title });
  else if (outcome.status === 'duplicate') report.duplicates.push({ path, id: outcome.id });
  else report.failed.push({ path, error: outcome.error });
}

/** Lets other requests (searches from the browser door) run between files of a long import. */
const yieldToEventLoop = (): Promise<void> => new Promise((done) => setImmediate(done));

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
        const child = join(path, entry);
        const pageFolder = /^(.*)_files$/.exec(entry);
        if (pageFolder && ['.html', '.htm'].some((ext) => existsSync(join(path, pageFolder[1]! + ext)))) continue;
        visit(child, false);
      }
    } else if (stats.isFile() || explicit) {
      files.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return { files, missing };
}

export async function importPaths(archive: Archive, input: { paths: string[] }): Promise<ImportReport> {
  const report = emptyReport();
  const { files, missing } = expandPaths(input.paths.map((path) => resolve(path)));
  for (const path of missing) report.failed.push({ path, error: `NOT_FOUND: "${path}" does not exist.` });
  for (const path of files) {
    let bytes: Uint8Array;
    try {
      if (statSync(path).size > MAX_IMPORT_BYTES) {
        record(report, path, { status: 'failed', error: `IMPORT_FAILED: "${basename(path)}" is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` });
        continue;
      }
      bytes = readFileSync(path);
    } catch (error) {
      record(report, path, { status: 'failed', error: `IMPORT_FAILED: cannot read "${path}": ${(error as Error).message}` });
      continue;
    }
    record(report, path, await importOne(archive, { path, bytes }));
    await yieldToEventLoop();
  }
  return report;
}

export async function importFiles(archive: Archive, input: { files: { name: string; dataBase64: string }[] }): Promise<ImportReport> {
  const report = emptyReport();
  for (const file of input.files) {
    const name = basename(file.name.replace(/\\/g, '/'));
    record(report, name, await importOne(archive, { path: name, bytes: Buffer.from(file.dataBase64, 'base64') }));
    await yieldToEventLoop();
  }
  return report;
}

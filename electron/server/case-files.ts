// Case files through the browser door: a download of a case's zip (the browser's own save dialog chooses where),
// and an upload of a zip to verify or import. Zips pass through a private temporary folder and are removed after.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Archive } from '../../db/open';
import type { CaseExportResult } from '../contract';
import { callOperation } from '../contract/operations';
import { PROTECTIVE_HEADERS, sendError, sendJson } from './respond';

/** Case files can be large (their originals); the reader refuses zip bombs on its own. */
export const MAX_CASE_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

function privateFolder(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'dossier-case-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A file name a browser will accept for any case name (Arabic and Cyrillic kept, separators dropped). */
export function zipFileName(caseName: string): string {
  const cleaned = caseName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  return `${cleaned || 'case'}.zip`;
}

export async function serveCaseExport(archive: Archive, request: IncomingMessage, response: ServerResponse, caseRef: string): Promise<void> {
  if (request.method !== 'GET') return sendError(response, 405, 'METHOD_NOT_ALLOWED', 'Use GET.');
  const folder = privateFolder();
  try {
    const outPath = join(folder.path, 'case.zip');
    const result = await callOperation(archive, 'exportCase', { caseRef, outPath });
    if (!result.ok) return sendError(response, result.error.code === 'NOT_FOUND' ? 404 : 400, result.error.code, result.error.message);
    const name = zipFileName((result.value as CaseExportResult).caseName);
    response.writeHead(200, {
      ...PROTECTIVE_HEADERS,
      'Content-Type': 'application/zip',
      'Content-Length': String(statSync(outPath).size),
      'Content-Disposition': `attachment; filename="case.zip"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
    });
    await pipeline(createReadStream(outPath), response);
  } finally {
    folder.remove();
  }
}

export async function serveCaseImport(
  archive: Archive,
  request: IncomingMessage,
  response: ServerResponse,
  options: { verifyOnly: boolean; force: boolean },
): Promise<void> {
  if (request.method !== 'POST') return sendError(response, 405, 'METHOD_NOT_ALLOWED', 'Use POST with the zip as the body.');
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_CASE_UPLOAD_BYTES) return sendError(response, 413, 'INVALID_INPUT', 'This case file is larger than 4 GB.');
  const folder = privateFolder();
  try {
    const path = join(folder.path, 'upload.zip');
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_CASE_UPLOAD_BYTES) request.destroy(new Error('too large'));
    });
    await pipeline(request, createWriteStream(path));
    const result = options.verifyOnly
      ? await callOperation(archive, 'verifyCase', { path })
      : await callOperation(archive, 'importCase', { path, force: options.force });
    sendJson(response, 200, result);
  } catch (error) {
    if (!response.headersSent) sendError(response, 400, 'INVALID_INPUT', `The case file did not arrive whole: ${(error as Error).message}`);
  } finally {
    folder.remove();
  }
}

// The bytes of a stored file (an original or an image), for download from the app.
import { DossierError } from '../errors';
import type { Archive } from '../open';

export const MAX_ATTACHMENT_DOWNLOAD_BYTES = 100 * 1024 * 1024;

export function getAttachment(archive: Archive, input: { sha256: string }): { sha256: string; mediaType: string; size: number; name: string; dataBase64: string } {
  const row = archive.sqlite
    .prepare(
      `SELECT b.sha256, b.media_type AS mediaType, b.size, b.data, a.name
         FROM blobs b JOIN attachments a ON a.sha256 = b.sha256 WHERE b.sha256 = ? LIMIT 1`,
    )
    .get(input.sha256.toLowerCase()) as { sha256: string; mediaType: string; size: number; data: Buffer; name: string } | undefined;
  if (!row) throw new DossierError('NOT_FOUND', `No stored file with SHA-256 ${input.sha256}.`);
  if (row.size > MAX_ATTACHMENT_DOWNLOAD_BYTES) {
    throw new DossierError('INVALID_INPUT', `This file is ${Math.round(row.size / 1024 / 1024)} MB; export the case to get it.`);
  }
  return { sha256: row.sha256, mediaType: row.mediaType, size: row.size, name: row.name, dataBase64: row.data.toString('base64') };
}

// Originals of several megabytes take other paths through the case zip reader than the small files of the other
// tests: a deflated entry above the size inflated in one call streams, and a stored one is read a megabyte at a
// time. Their bytes must arrive whole all the same, a refused import must leave none of them behind, and the
// connection must get its usual settings back either way. Originals above the size the writer reads in one go
// travel in slices, and a damaged one stops the export.
import { createHash, createCipheriv } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCase } from '../../db/export/merge';
import { CaseZip } from '../../db/export/reader';
import { WHOLE_BLOB_LIMIT } from '../../db/export/snapshot';
import { verifyCase } from '../../db/export/verify';
import type { Archive } from '../../db/open';
import { tempArchive, tempDir, type TestArchive } from '../helpers';
import { archiveFingerprint, rewriteZip } from './case-fixtures';

const work = tempDir('dossier-large-');
let source: TestArchive;
let target: TestArchive;
const zipPath = join(work.path, 'large.zip');
const CASE_ID = '01900000-0000-7000-8000-00000000ca5e';
const PAGE_ID = '01900000-0000-7000-8000-0000000000a1';
const SCAN_ID = '01900000-0000-7000-8000-0000000000a2';

/** Bytes no compressor can shrink: AES-CTR over zeros. */
function noise(size: number, seed: string): Buffer {
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

/** A saved page of ~10 MB that deflates well (more than the reader inflates in one call). */
const page = Buffer.from(
  Array.from({ length: 150_000 }, (_, index) => `<p id="p${index}">Convoy ambushed near Al-Suknah, paragraph ${index}.</p>\n`).join(''),
);
/** A 3.5 MB scan, stored as it is: read in several chunks. */
const scan = noise(3.5 * 1024 * 1024, 'scan');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function addArticleWithOriginal(archive: Archive, id: string, bytes: Buffer, mediaType: string, name: string): void {
  const now = '2024-05-01T00:00:00.000Z';
  const db = archive.sqlite;
  db.prepare("INSERT INTO items (id, type, title, language, created_at, updated_at) VALUES (?, 'article', ?, 'en', ?, ?)").run(id, name, now, now);
  db.prepare("INSERT INTO articles (item_id, url, outlet, language, body_text) VALUES (?, ?, 'Desert Monitor', 'en', 'Convoy ambushed near Al-Suknah.')").run(
    id,
    `https://example-news.invalid/${id}`,
  );
  db.prepare('INSERT INTO blobs (sha256, size, media_type, data, created_at) VALUES (?, ?, ?, ?, ?)').run(sha256(bytes), bytes.length, mediaType, bytes, now);
  db.prepare("INSERT INTO attachments (item_id, sha256, role, name, created_at) VALUES (?, ?, 'original', ?, ?)").run(id, sha256(bytes), name, now);
  db.prepare('INSERT INTO case_items (case_id, item_id, added_at) VALUES (?, ?, ?)').run(CASE_ID, id, now);
}

/** The settings importCase changes while originals stream in. */
const connectionSettings = (archive: Archive): unknown[] => ['cache_size', 'wal_autocheckpoint'].map((name) => archive.sqlite.pragma(name, { simple: true }));

beforeAll(async () => {
  source = tempArchive();
  target = tempArchive();
  source.archive.sqlite.prepare("INSERT INTO cases (id, name, created_at) VALUES (?, 'Large originals', '2024-05-01T00:00:00.000Z')").run(CASE_ID);
  addArticleWithOriginal(source.archive, PAGE_ID, page, 'text/html', 'report.html');
  addArticleWithOriginal(source.archive, SCAN_ID, scan, 'application/pdf', 'scan.pdf');
  await source.call('exportCase', { caseRef: CASE_ID, outPath: zipPath });
});
afterAll(() => {
  source.dispose();
  target.dispose();
  work.remove();
});

describe('large entries in the case zip reader', () => {
  it('reads deflated and stored entries of any size whole, and their hashes match', async () => {
    const path = join(work.path, 'entries.zip');
    const zipFile = new yazl.ZipFile();
    const entries: Record<string, { bytes: Buffer; compress: boolean }> = {
      'big-deflated.html': { bytes: page, compress: true },
      'small-deflated.txt': { bytes: Buffer.from('a short note\n'.repeat(50)), compress: true },
      'big-stored.bin': { bytes: scan, compress: false },
      'empty-deflated.txt': { bytes: Buffer.alloc(0), compress: true },
      'empty-stored.txt': { bytes: Buffer.alloc(0), compress: false },
    };
    for (const [name, { bytes, compress }] of Object.entries(entries)) zipFile.addBuffer(bytes, name, { compress });
    zipFile.end();
    await pipeline(zipFile.outputStream, createWriteStream(path));

    const zip = await CaseZip.open(path);
    try {
      for (const [name, { bytes }] of Object.entries(entries)) {
        expect(Buffer.compare(await zip.read(name, Number.MAX_SAFE_INTEGER), bytes), name).toBe(0);
        expect(await zip.hash(name), name).toEqual({ sha256: sha256(bytes), size: bytes.length });
      }
    } finally {
      zip.close();
    }
  });
});

describe('importing large originals', () => {
  it('refuses an altered file and leaves none of its originals behind, with the usual settings back', async () => {
    const altered = join(work.path, 'altered.zip');
    await rewriteZip(zipPath, altered, (path, bytes) => (path === `items/${SCAN_ID}.json` ? Buffer.from(bytes.toString('utf8').replace('scan.pdf', 'other.pdf')) : bytes));
    const before = archiveFingerprint(target.archive);
    const settings = connectionSettings(target.archive);
    await expect(importCase(target.archive, { path: altered })).rejects.toThrow(/does not match its manifest/);
    expect(archiveFingerprint(target.archive)).toBe(before);
    expect(connectionSettings(target.archive)).toEqual(settings);
  });

  it('verifies and imports them byte for byte', async () => {
    expect((await verifyCase({ path: zipPath })).ok).toBe(true);
    const settings = connectionSettings(target.archive);
    const report = await importCase(target.archive, { path: zipPath });
    expect(report.added.map((item) => item.id).sort()).toEqual([PAGE_ID, SCAN_ID]);
    expect(report.originals).toEqual({ added: 2, alreadyPresent: 0 });
    for (const bytes of [page, scan]) {
      const stored = target.archive.sqlite.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(sha256(bytes)) as Buffer;
      expect(Buffer.compare(stored, bytes)).toBe(0);
    }
    expect(connectionSettings(target.archive)).toEqual(settings);
  });
});

describe('exporting originals bigger than the writer reads in one go', () => {
  const bigPage = Buffer.concat([page, page]).subarray(0, WHOLE_BLOB_LIMIT + 1_000_000);
  const bigScan = noise(WHOLE_BLOB_LIMIT + 3 * 1024 * 1024 + 17, 'big scan');
  const BIG_PAGE_ID = '01900000-0000-7000-8000-0000000000b1';
  const BIG_SCAN_ID = '01900000-0000-7000-8000-0000000000b2';
  let from: TestArchive;
  let to: TestArchive;

  beforeAll(() => {
    from = tempArchive();
    to = tempArchive();
    from.archive.sqlite.prepare("INSERT INTO cases (id, name, created_at) VALUES (?, 'Larger originals', '2024-05-01T00:00:00.000Z')").run(CASE_ID);
    addArticleWithOriginal(from.archive, BIG_PAGE_ID, bigPage, 'text/html', 'big-report.html');
    addArticleWithOriginal(from.archive, BIG_SCAN_ID, bigScan, 'application/pdf', 'big-scan.pdf');
  });
  afterAll(() => {
    from.dispose();
    to.dispose();
  });

  it('writes them in slices, deflating only the text, and they verify and import byte for byte', async () => {
    const path = join(work.path, 'larger.zip');
    await from.call('exportCase', { caseRef: CASE_ID, outPath: path });
    expect((await verifyCase({ path })).ok).toBe(true);
    const zip = await CaseZip.open(path);
    try {
      const sizes = new Map(zip.entries().map((entry) => [entry.path, entry]));
      expect(sizes.get(`originals/${sha256(bigPage)}`)!.compressedSize).toBeLessThan(bigPage.length / 4);
      expect(sizes.get(`originals/${sha256(bigScan)}`)!.compressedSize).toBe(bigScan.length);
    } finally {
      zip.close();
    }
    const report = await importCase(to.archive, { path });
    expect(report.originals).toEqual({ added: 2, alreadyPresent: 0 });
    for (const bytes of [bigPage, bigScan]) {
      const stored = to.archive.sqlite.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(sha256(bytes)) as Buffer;
      expect(Buffer.compare(stored, bytes)).toBe(0);
    }
  });

  it('stops at an original whose bytes no longer match their hash, read whole or in slices, leaving no file behind', async () => {
    addArticleWithOriginal(from.archive, SCAN_ID, scan, 'application/pdf', 'scan.pdf');
    const db = from.archive.sqlite;
    db.exec('DROP TRIGGER blobs_no_update');
    const path = join(work.path, 'damaged.zip');
    for (const bytes of [scan, bigScan]) {
      const damaged = Buffer.from(bytes);
      const middle = damaged.length >> 1;
      damaged.writeUInt8(damaged[middle]! ^ 0xff, middle);
      db.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(damaged, sha256(bytes));
      await expect(from.call('exportCase', { caseRef: CASE_ID, outPath: path })).rejects.toThrow(new RegExp(`original ${sha256(bytes)} is damaged`));
      expect(existsSync(path)).toBe(false);
      expect(readdirSync(work.path).filter((name) => name.includes('.partial-'))).toEqual([]);
      db.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(bytes, sha256(bytes));
    }
  });
});

// The zip writer of case files, read back by yauzl (as our reader does) and by the system's unzip when there is
// one: stored and deflated entries, small ones deflated on the spot and big ones on the thread pool, entries
// streamed in pieces, empty ones, and the ZIP64 records both forced and needed for more than 65,535 entries.
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ZipWriter, type ZipLevel } from '../../db/export/zip-writer';
import { tempDir } from '../helpers';

const work = tempDir('dossier-zip-');
const hasUnzip = existsSync('/usr/bin/unzip');
const mtime = new Date('2024-05-01T12:34:56.000Z');

afterAll(() => work.remove());

function noise(size: number, seed: string): Buffer {
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

const text = (size: number): Buffer => Buffer.from('Convoy ambushed near Al-Suknah; twenty killed. '.repeat(Math.ceil(size / 47))).subarray(0, size);

function* piecesOf(bytes: Buffer, size: number): Generator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

interface Sample {
  path: string;
  bytes: Buffer;
  level: ZipLevel;
  /** Added in pieces of this size rather than whole. */
  pieces?: number;
}

const samples: Sample[] = [
  { path: 'items/small.json', bytes: Buffer.from('{\n  "title": "Ambush"\n}\n'), level: 6 },
  { path: 'items/empty.json', bytes: Buffer.alloc(0), level: 6 },
  { path: 'originals/empty', bytes: Buffer.alloc(0), level: 0 },
  { path: 'originals/page', bytes: text(300_000), level: 1 },
  { path: 'originals/scan', bytes: noise(300_000, 'scan'), level: 0 },
  { path: 'originals/big-page', bytes: text(3_000_000), level: 1, pieces: 1_000_000 },
  { path: 'originals/big-scan', bytes: noise(2_500_000, 'big'), level: 0, pieces: 1_000_000 },
  { path: 'originals/empty-in-pieces', bytes: Buffer.alloc(0), level: 1, pieces: 1000 },
  { path: 'Заметки/ملاحظة.txt', bytes: Buffer.from('Уничтожены три базы боевиков.\n'), level: 6 },
  { path: 'index.html', bytes: text(200_000), level: 6, pieces: 70_000 },
];

async function writeZip(path: string, entries: Sample[], forceZip64 = false): Promise<void> {
  const zip = await ZipWriter.create(path, { mtime, forceZip64 });
  for (const entry of entries) {
    if (entry.pieces) await zip.addChunks(entry.path, piecesOf(entry.bytes, entry.pieces), entry.level);
    else await zip.addBuffer(entry.path, entry.bytes, entry.level);
  }
  await zip.finish();
}

interface ReadEntry {
  path: string;
  bytes: Buffer;
  method: number;
  mtime: Date;
}

/** Every entry, in order, through yauzl with its size and CRC checks on. */
function readZip(path: string): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, strictFileNames: true }, (error, zip) => {
      if (error) return reject(error);
      const entries: ReadEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ path: entry.fileName, bytes: Buffer.concat(chunks), method: entry.compressionMethod, mtime: entry.getLastModDate() });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('the case zip writer', () => {
  for (const forceZip64 of [false, true]) {
    it(`writes entries that yauzl and unzip read back byte for byte${forceZip64 ? ', with ZIP64 records throughout' : ''}`, async () => {
      const path = join(work.path, forceZip64 ? 'zip64.zip' : 'plain.zip');
      await writeZip(path, samples, forceZip64);
      const entries = await readZip(path);
      expect(entries.map((entry) => entry.path)).toEqual(samples.map((sample) => sample.path));
      for (const [index, sample] of samples.entries()) {
        const entry = entries[index]!;
        expect(Buffer.compare(entry.bytes, sample.bytes), sample.path).toBe(0);
        expect(entry.method, sample.path).toBe(sample.level === 0 ? 0 : 8);
        expect(entry.mtime.getTime()).toBe(mtime.getTime());
      }
      if (hasUnzip) {
        expect(execFileSync('unzip', ['-tq', path], { encoding: 'utf8' })).toMatch(/No errors detected/);
        for (const sample of samples.filter((s) => s.path.startsWith('originals/'))) {
          expect(Buffer.compare(execFileSync('unzip', ['-p', path, sample.path], { maxBuffer: 16 * 1024 * 1024 }), sample.bytes), sample.path).toBe(0);
        }
      }
    });
  }

  it('writes more than 65,535 entries with a ZIP64 end of central directory', async () => {
    const path = join(work.path, 'many.zip');
    const count = 70_000;
    const zip = await ZipWriter.create(path, { mtime });
    for (let index = 0; index < count; index++) await zip.addBuffer(`items/${index}.json`, Buffer.from(`${index}\n`), index % 2 === 0 ? 6 : 0);
    await zip.finish();
    const entryCount = await new Promise<number>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true }, (error, file) => (error ? reject(error) : (resolve(file.entryCount), file.close()))),
    );
    expect(entryCount).toBe(count);
    if (hasUnzip) expect(execFileSync('unzip', ['-tq', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).toMatch(/No errors detected/);
  });

  it('refuses to replace a file, and stops at the first failure of a piece', async () => {
    const path = join(work.path, 'plain.zip');
    await expect(ZipWriter.create(path, { mtime })).rejects.toThrow(/EEXIST/);

    const failing = join(work.path, 'failing.zip');
    const zip = await ZipWriter.create(failing, { mtime });
    await zip.addBuffer('items/first.json', Buffer.from('{}\n'), 6);
    function* brokenPieces(): Generator<Buffer> {
      yield Buffer.from('a first piece');
      throw new Error('the archive could not be read');
    }
    await expect(zip.addChunks('originals/broken', brokenPieces(), 1)).rejects.toThrow(/could not be read/);
    await zip.abort();
  });
});

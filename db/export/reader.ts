// Reading a case zip without trusting it. Every entry of the central directory is checked before a byte of data
// is read: names that could escape a folder (zip slip), symlinks, encryption, duplicates, overlapping entries and
// sizes or compression ratios of a zip bomb are refused. Nothing is ever extracted to disk; data is streamed.
import { createHash } from 'node:crypto';
import { close, fstatSync, openSync, read } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { DossierError } from '../errors';
import { DEFAULT_LIMITS, type ReaderLimits } from './format';

export interface ZipEntryInfo {
  path: string;
  size: number;
  compressedSize: number;
  isDirectory: boolean;
}

const unsafe = (file: string, reason: string): DossierError =>
  new DossierError('UNSAFE_CASE_FILE', `"${file}" was refused: ${reason}. Nothing was imported.`);

/** yauzl's own refusals, in words an investigator can act on. */
function describeYauzlError(file: string, error: Error): DossierError {
  const message = error.message;
  if (/invalid relative path|absolute path|invalid characters in fileName/.test(message)) {
    return unsafe(file, `it holds an entry whose name points outside its folder (${message})`);
  }
  if (/encrypt/i.test(message)) return unsafe(file, 'it holds encrypted entries');
  if (/size mismatch|too many bytes|too few bytes|expected/.test(message)) return unsafe(file, `an entry's sizes do not add up (${message})`);
  return new DossierError(
    'UNSUPPORTED_FORMAT',
    `"${file}" is not a readable zip file: it may be truncated or damaged, or not a zip at all (${message}).`,
  );
}

/**
 * yauzl's own file reader pulls 16 KB per read; originals are read here a megabyte at a time, which matters for a
 * 200 MB case file on a busy machine.
 */
const READ_CHUNK = 1024 * 1024;

class FileReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let position = start;
    // Not fs.createReadStream: destroying one of those closes the shared descriptor, whatever autoClose says.
    return new Readable({
      highWaterMark: READ_CHUNK,
      read() {
        const length = Math.min(READ_CHUNK, end - position);
        if (length <= 0) {
          this.push(null);
          return;
        }
        const buffer = Buffer.allocUnsafe(length);
        read(fd, buffer, 0, length, position, (error, bytesRead) => {
          if (error) return this.destroy(error);
          if (bytesRead === 0) return this.destroy(new Error('unexpected end of file'));
          position += bytesRead;
          this.push(bytesRead < length ? buffer.subarray(0, bytesRead) : buffer);
        });
      },
    });
  }

  override close(callback: (error: Error | null) => void): void {
    close(this.fd, callback);
  }
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Our own name rules on top of yauzl's: only plain relative paths of printable characters. */
function nameProblem(name: string): string | null {
  if (name.length === 0) return 'an entry has an empty name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `an entry's name holds control characters (${JSON.stringify(name)})`;
  if (name.includes('\\')) return `an entry's name holds a backslash (${name})`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `an entry has an absolute path (${name})`;
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((segment) => segment === '..')) return `an entry's name climbs out of the folder (${name})`;
  if (segments.some((segment) => segment === '' || segment === '.')) return `an entry's name is not a plain path (${name})`;
  return null;
}

export class CaseZip {
  private constructor(
    readonly file: string,
    private readonly zip: yauzl.ZipFile,
    private readonly byPath: Map<string, yauzl.Entry>,
    readonly limits: ReaderLimits,
  ) {}

  static async open(file: string, limits: ReaderLimits = DEFAULT_LIMITS): Promise<CaseZip> {
    let zip: yauzl.ZipFile;
    let fd: number | null = null;
    try {
      fd = openSync(file, 'r');
      const size = fstatSync(fd).size;
      zip = await yauzl.fromRandomAccessReaderPromise(new FileReader(fd), size, {
        autoClose: false,
        decodeStrings: true,
        strictFileNames: true,
        validateEntrySizes: true,
      });
    } catch (error) {
      if (fd !== null) close(fd, () => undefined);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DossierError('NOT_FOUND', `No file at "${file}".`);
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new DossierError('INVALID_INPUT', `"${file}" is a folder, not a case file.`);
      throw describeYauzlError(file, error as Error);
    }
    try {
      if (zip.entryCount > limits.maxEntries) throw unsafe(file, `it declares ${zip.entryCount} entries (the limit is ${limits.maxEntries})`);
      const byPath = new Map<string, yauzl.Entry>();
      const folded = new Set<string>();
      let total = 0;
      try {
        for await (const entry of zip.eachEntry()) {
          const name = entry.fileName;
          const problem = nameProblem(name);
          if (problem) throw unsafe(file, problem);
          const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
          if (mode === S_IFLNK) throw unsafe(file, `the entry "${name}" is a symbolic link`);
          if (entry.isEncrypted()) throw unsafe(file, `the entry "${name}" is encrypted`);
          if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
            throw unsafe(file, `the entry "${name}" uses compression method ${entry.compressionMethod}, which case files never use`);
          }
          // Two names a case-insensitive or Unicode-normalising file system would merge are duplicates too.
          const key = name.normalize('NFC').toLowerCase();
          if (byPath.has(name) || folded.has(key)) throw unsafe(file, `the name "${name}" appears more than once`);
          folded.add(key);
          if (entry.uncompressedSize > limits.maxEntryBytes) throw unsafe(file, `the entry "${name}" would unpack to ${entry.uncompressedSize} bytes`);
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) throw unsafe(file, `it would unpack to more than ${limits.maxTotalBytes} bytes`);
          if (
            entry.uncompressedSize >= limits.ratioCheckFromBytes &&
            entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio
          ) {
            throw unsafe(
              file,
              `the entry "${name}" is compressed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} to 1 (a zip bomb; the limit is ${limits.maxCompressionRatio} to 1)`,
            );
          }
          byPath.set(name, entry);
        }
      } catch (error) {
        if (error instanceof DossierError) throw error;
        throw describeYauzlError(file, error as Error);
      }
      CaseZip.refuseOverlaps(file, [...byPath.values()], zip.fileSize);
      return new CaseZip(file, zip, byPath, limits);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** Entries sharing bytes are how the smallest zip bombs multiply one compressed block; real zips never do it. */
  private static refuseOverlaps(file: string, entries: yauzl.Entry[], fileSize: number): void {
    const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    for (let index = 0; index < sorted.length; index++) {
      const entry = sorted[index]!;
      // A local header is 30 bytes plus the name; the data follows it.
      const end = entry.relativeOffsetOfLocalHeader + 30 + entry.fileNameRaw.length + entry.compressedSize;
      if (end > fileSize) throw unsafe(file, `the entry "${entry.fileName}" runs past the end of the file (truncated?)`);
      const next = sorted[index + 1];
      if (next && end > next.relativeOffsetOfLocalHeader) {
        throw unsafe(file, `the entries "${entry.fileName}" and "${next.fileName}" overlap`);
      }
    }
  }

  entries(): ZipEntryInfo[] {
    return [...this.byPath.values()].map((entry) => ({
      path: entry.fileName,
      size: entry.uncompressedSize,
      compressedSize: entry.compressedSize,
      isDirectory: entry.fileName.endsWith('/'),
    }));
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  sizeOf(path: string): number | null {
    return this.byPath.get(path)?.uncompressedSize ?? null;
  }

  private async open(path: string): Promise<Readable> {
    const entry = this.byPath.get(path);
    if (!entry) throw new DossierError('NOT_FOUND', `"${path}" is not in the case file.`);
    try {
      return await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw describeYauzlError(this.file, error as Error);
    }
  }

  /** The entry's bytes, chunk by chunk; a short, long or undecodable entry ends in an error. */
  async *chunks(path: string): AsyncGenerator<Buffer> {
    const stream = await this.open(path);
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      if (error instanceof DossierError) throw error;
      throw describeYauzlError(this.file, error as Error);
    } finally {
      stream.destroy();
    }
  }

  /** SHA-256 and size of an entry, streamed; `each` sees every chunk on the way (to keep the bytes of one file). */
  async hash(path: string, each?: (chunk: Buffer) => void): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of this.chunks(path)) {
      hash.update(chunk);
      size += chunk.length;
      each?.(chunk);
    }
    return { sha256: hash.digest('hex'), size };
  }

  /** A whole (small) entry in memory: JSON documents, never originals. */
  async read(path: string, maxBytes = this.limits.maxJsonBytes): Promise<Buffer> {
    const size = this.sizeOf(path);
    if (size !== null && size > maxBytes) throw unsafe(this.file, `"${path}" is ${size} bytes, more than such a file may be (${maxBytes})`);
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks(path)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  close(): void {
    this.zip.close();
  }
}

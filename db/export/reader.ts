// Reading a case zip without trusting it. Every entry of the central directory is checked before a byte of data
// is read: names that could escape a folder (zip slip), symlinks, encryption, duplicates, overlapping entries and
// sizes or compression ratios of a zip bomb are refused. Nothing is ever extracted to disk; data is streamed.
import { createHash } from 'node:crypto';
import { close, fstatSync, openSync, read } from 'node:fs';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
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

/**
 * Deflated entries up to this size are read and inflated in one call each: a case file holds thousands of small
 * entries, and a chain of streams per entry cost several times the inflating itself. Larger entries stream, so
 * memory stays bounded whatever the size of an original.
 */
const INFLATE_AT_ONCE_BYTES = 8 * 1024 * 1024;

const STORED = 0;

/**
 * Reads smaller than this are served from a block of this size read ahead. yauzl reads the central directory in
 * two pieces of a few dozen bytes per entry, then each entry's local header, and most entries of a case file (item
 * documents and pages) are a few kilobytes lying side by side: a case of a thousand items took some 14,000 reads,
 * each a round trip through the thread pool, where one block now serves many.
 */
const READ_AHEAD_BYTES = 16 * 1024;

class FileReader extends yauzl.RandomAccessReader {
  /** The block read ahead: one buffer, reused (bytes are always copied out of it), holding `blockLength` bytes. */
  private readonly block = Buffer.allocUnsafe(READ_AHEAD_BYTES);
  private blockPosition = 0;
  private blockLength = 0;
  /** Reads from the block take turns, so a refill never overwrites bytes another read is about to copy. */
  private blockTurns: Promise<void> = Promise.resolve();

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {
    super();
  }

  /** yauzl's reads (its default opens a stream for each, even for a 30-byte header). */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null, bytesRead?: number) => void): void {
    this.readInto(buffer, offset, length, position).then(
      () => callback(null, length),
      (error: Error) => callback(error),
    );
  }

  /** Exactly `length` bytes from `position`; a file that ends sooner is an error. */
  async readExactly(length: number, position: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    await this.readInto(buffer, 0, length, position);
    return buffer;
  }

  private readInto(target: Buffer, offset: number, length: number, position: number): Promise<void> {
    if (length >= READ_AHEAD_BYTES) return this.readFromFile(target, offset, length, position);
    const turn = this.blockTurns.then(() => this.copyFromBlock(target, offset, length, position));
    this.blockTurns = turn.catch(() => undefined);
    return turn;
  }

  private async copyFromBlock(target: Buffer, offset: number, length: number, position: number): Promise<void> {
    if (!this.blockHolds(position, length)) await this.readAhead(position);
    if (!this.blockHolds(position, length)) throw new Error('unexpected end of file');
    const start = position - this.blockPosition;
    this.block.copy(target, offset, start, start + length);
  }

  private blockHolds(position: number, length: number): boolean {
    return position >= this.blockPosition && position + length <= this.blockPosition + this.blockLength;
  }

  private async readAhead(position: number): Promise<void> {
    const length = Math.max(0, Math.min(READ_AHEAD_BYTES, this.size - position));
    this.blockLength = 0;
    await this.readFromFile(this.block, 0, length, position);
    this.blockPosition = position;
    this.blockLength = length;
  }

  private readFromFile(target: Buffer, offset: number, length: number, position: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const readFrom = (done: number): void => {
        if (done === length) return resolve();
        read(this.fd, target, offset + done, length - done, position + done, (error, bytesRead) => {
          if (error) return reject(error);
          if (bytesRead === 0) return reject(new Error('unexpected end of file'));
          readFrom(done + bytesRead);
        });
      };
      readFrom(0);
    });
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

/**
 * An entry's bytes gathered as they stream by, held once: a chunk holding the whole entry is kept as it is, smaller
 * chunks are copied into one buffer of the entry's size (the reader never lets an entry grow past its size).
 */
export class EntryBytes {
  private whole: Buffer | null = null;
  private length = 0;

  constructor(private readonly size: number) {}

  add(chunk: Buffer): void {
    if (this.length === 0 && chunk.length === this.size) {
      this.whole = chunk;
      this.length = chunk.length;
      return;
    }
    if (this.length + chunk.length > this.size) throw new Error(`an entry of ${this.size} bytes gave more`);
    this.whole ??= Buffer.allocUnsafe(this.size);
    chunk.copy(this.whole, this.length);
    this.length += chunk.length;
  }

  bytes(): Buffer {
    return this.whole ? this.whole.subarray(0, this.length) : Buffer.alloc(0);
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
    private readonly reader: FileReader,
    private readonly byPath: Map<string, yauzl.Entry>,
    readonly limits: ReaderLimits,
  ) {}

  static async open(file: string, limits: ReaderLimits = DEFAULT_LIMITS): Promise<CaseZip> {
    let zip: yauzl.ZipFile;
    let reader: FileReader;
    let fd: number | null = null;
    try {
      fd = openSync(file, 'r');
      const size = fstatSync(fd).size;
      reader = new FileReader(fd, size);
      zip = await yauzl.fromRandomAccessReaderPromise(reader, size, {
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
      return new CaseZip(file, zip, reader, byPath, limits);
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

  private entry(path: string): yauzl.Entry {
    const entry = this.byPath.get(path);
    if (!entry) throw new DossierError('NOT_FOUND', `"${path}" is not in the case file.`);
    return entry;
  }

  /** The entry's bytes, chunk by chunk; a short, long or undecodable entry ends in an error. */
  async *chunks(path: string): AsyncGenerator<Buffer> {
    const entry = this.entry(path);
    try {
      if (entry.compressionMethod === STORED) yield* this.storedChunks(entry);
      else if (entry.uncompressedSize <= INFLATE_AT_ONCE_BYTES && entry.compressedSize <= INFLATE_AT_ONCE_BYTES) yield await this.inflateAtOnce(entry);
      else yield* this.inflatedChunks(entry);
    } catch (error) {
      if (error instanceof DossierError) throw error;
      throw describeYauzlError(this.file, error as Error);
    }
  }

  /** Where the entry's data starts, from its local header (checked by yauzl against the file's bounds). */
  private async dataStart(entry: yauzl.Entry): Promise<number> {
    return (await this.zip.readLocalFileHeaderPromise(entry, { minimal: true })).fileDataStart;
  }

  private async *storedChunks(entry: yauzl.Entry): AsyncGenerator<Buffer> {
    const start = await this.dataStart(entry);
    for (let offset = 0; offset < entry.compressedSize; offset += READ_CHUNK) {
      yield await this.reader.readExactly(Math.min(READ_CHUNK, entry.compressedSize - offset), start + offset);
    }
  }

  private async inflateAtOnce(entry: yauzl.Entry): Promise<Buffer> {
    const compressed = await this.reader.readExactly(entry.compressedSize, await this.dataStart(entry));
    let bytes: Buffer;
    try {
      // The output buffer has a byte to spare, so zlib meets the end of the data without allocating a second one.
      // The limit is one byte at least: zlib refuses 0, and an empty entry must still not unpack to more.
      bytes = inflateRawSync(compressed, { chunkSize: Math.max(64, entry.uncompressedSize + 1), maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
      throw new Error(`too many bytes in the stream. expected ${entry.uncompressedSize}`);
    }
    if (bytes.length !== entry.uncompressedSize) {
      throw new Error(`${bytes.length < entry.uncompressedSize ? 'not enough' : 'too many'} bytes in the stream. expected ${entry.uncompressedSize}, got ${bytes.length}`);
    }
    return bytes;
  }

  /** Large deflated entries go through yauzl's inflating stream, which also checks their size. */
  private async *inflatedChunks(entry: yauzl.Entry): AsyncGenerator<Buffer> {
    const stream = await this.zip.openReadStreamPromise(entry);
    try {
      for await (const chunk of stream) yield chunk as Buffer;
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
    const bytes = new EntryBytes(size ?? 0);
    for await (const chunk of this.chunks(path)) bytes.add(chunk);
    return bytes.bytes();
  }

  close(): void {
    this.zip.close();
  }
}

// A zip file written front to back, for case files. Entries go out in the order they are added, each with its
// CRC-32 from zlib's native code. Small files are deflated on the spot; big ones on the thread pool, in one call,
// while the caller makes the next files; output is gathered into large writes. (yazl, used before, ran every byte
// through a CRC-32 in JavaScript and a chain of five streams per entry: half of a case file's export time.)
// Layout as yazl wrote it: UTF-8 names, Unix permissions, the time as DOS fields and as an Info-ZIP extended
// timestamp, ZIP64 records only where a size, an offset or the number of entries needs them.
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

const deflate = promisify(deflateRaw);

/** Compression level of an entry: 0 stores it as it is, 1 to 9 deflate it. */
export type ZipLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface ZipWriterOptions {
  /** The time every entry carries. */
  mtime: Date;
  /** ZIP64 records for every entry and the end of the file, whatever the sizes (to test readers with them). */
  forceZip64?: boolean;
}

/**
 * Entries made but not yet written may hold this many bytes; adding more waits for some to be written. A few
 * originals ahead keep the thread pool busy; more would only keep more buffers alive.
 */
const MAX_QUEUED_BYTES = 1024 * 1024;
/** Entries from this size are deflated on the thread pool, while the next ones are made. */
const DEFLATE_IN_POOL_FROM = 64 * 1024;
/** Output of a deflate on the thread pool comes back in pieces of this size: one round trip for a 200 KB page. */
const DEFLATE_CHUNK = 64 * 1024;
/** Output is handed to the file in writes of at least this much (each write is a round trip to the thread pool). */
const WRITE_BYTES = 256 * 1024;
/**
 * Adding entries that are deflated on the spot never waits for anything; this often the event loop gets a turn
 * anyway, so that the app stays responsive and V8's garbage collection tasks run.
 */
const TURN_EVERY_MS = 5;

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION_NEEDED = 20;
const VERSION_NEEDED_ZIP64 = 45;
/** Made on Unix (3), by version 6.3 of the specification. */
const VERSION_MADE_BY = (3 << 8) | 63;
const NAME_IS_UTF8 = 1 << 11;
const SIZES_IN_DATA_DESCRIPTOR = 1 << 3;
const STORED = 0;
const DEFLATED = 8;
/** A regular file, rw-rw-r--. */
const FILE_ATTRIBUTES = (0o100664 << 16) >>> 0;
/** Sizes and offsets above this are written as 0xffffffff with the real value in a ZIP64 field. */
const MAX_32 = 0xfffffffe;

interface WrittenEntry {
  name: Buffer;
  method: typeof STORED | typeof DEFLATED;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
  /** Streamed entries: CRC-32 and sizes follow the data instead of sitting in the local header. */
  sizesAfterData: boolean;
}

/** Hands bytes to the file in large writes, keeping references rather than copies until then. */
class OutputFile {
  /** Bytes handed to this file so far, whether written yet or still pending. */
  position = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(readonly handle: FileHandle) {}

  async write(bytes: Buffer): Promise<void> {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.position += bytes.length;
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    const buffers = this.pending;
    const length = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    if (length === 0) return;
    const { bytesWritten } = await this.handle.writev(buffers);
    if (bytesWritten !== length) throw new Error(`wrote ${bytesWritten} of ${length} bytes`);
  }
}

export class ZipWriter {
  private readonly entries: WrittenEntry[] = [];
  /** Entries made and waiting for their turn to be written, one after the other. */
  private queue: Promise<void> = Promise.resolve();
  private queuedBytes = 0;
  private wakeWhenRoom: (() => void) | null = null;
  private failure: { error: unknown } | null = null;
  private lastTurn = performance.now();
  private readonly dosTime: { date: number; time: number };

  private constructor(
    private readonly output: OutputFile,
    private readonly options: ZipWriterOptions,
  ) {
    this.dosTime = dosDateTime(options.mtime);
  }

  /** Creates the file; refuses one that exists. */
  static async create(path: string, options: ZipWriterOptions): Promise<ZipWriter> {
    return new ZipWriter(new OutputFile(await open(path, 'wx')), options);
  }

  /**
   * Adds a file whose bytes are all at hand. Returns once there is room for more: the entry itself is deflated
   * and written in the background, in turn. One caller at a time. (Its sizes go into the local header, which has
   * 32 bits for them: anything of 4 GB goes through addChunks.)
   */
  async addBuffer(path: string, bytes: Buffer, level: ZipLevel): Promise<void> {
    this.throwIfFailed();
    if (bytes.length > MAX_32) throw new RangeError(`${path}: ${bytes.length} bytes are too many to add at once`);
    const entry = newEntry(path, level, false);
    entry.crc = crc32(bytes);
    entry.size = bytes.length;
    const data = compressed(bytes, level);
    // Its failure is taken up when the entry's turn comes; until then it must not count as unhandled.
    data.catch(() => undefined);
    this.enqueue(bytes.length, async () => {
      const payload = await data;
      entry.compressedSize = payload.length;
      entry.offset = this.output.position;
      this.entries.push(entry);
      await this.output.write(this.localHeader(entry));
      await this.output.write(payload);
    });
    await this.roomForMore();
  }

  /**
   * Adds a file too big to hold in memory, from its pieces: each is deflated on its own, ending on a byte boundary
   * without closing the stream (a full flush), so the pieces join into one deflate stream.
   */
  async addChunks(path: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>, level: ZipLevel): Promise<void> {
    await this.drain();
    const entry = newEntry(path, level, true);
    entry.offset = this.output.position;
    this.entries.push(entry);
    await this.output.write(this.localHeader(entry));
    for await (const chunk of chunks) {
      entry.crc = crc32(chunk, entry.crc);
      entry.size += chunk.length;
      const payload = level === 0 ? chunk : await deflate(chunk, { level, finishFlush: constants.Z_FULL_FLUSH });
      entry.compressedSize += payload.length;
      await this.output.write(payload);
    }
    if (level !== 0) {
      const end = await deflate(Buffer.alloc(0), { level });
      entry.compressedSize += end.length;
      await this.output.write(end);
    }
    await this.output.write(this.dataDescriptor(entry));
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    await this.drain();
    const start = this.output.position;
    for (const entry of this.entries) await this.output.write(this.centralHeader(entry));
    await this.output.write(this.endOfCentralDirectory(start, this.output.position - start));
    await this.output.flush();
    await this.output.handle.close();
  }

  /** Closes the file after a failure; the caller removes it. */
  async abort(): Promise<void> {
    this.failure ??= { error: new Error('the zip was abandoned') };
    await this.queue;
    await this.output.handle.close().catch(() => undefined);
  }

  private enqueue(bytes: number, write: () => Promise<void>): void {
    this.queuedBytes += bytes;
    this.queue = this.queue
      .then(() => (this.failure ? undefined : write()))
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.queuedBytes -= bytes;
        if (this.queuedBytes <= MAX_QUEUED_BYTES && this.wakeWhenRoom) {
          this.wakeWhenRoom();
          this.wakeWhenRoom = null;
        }
      });
  }

  private async roomForMore(): Promise<void> {
    while (this.queuedBytes > MAX_QUEUED_BYTES) await new Promise<void>((resolve) => (this.wakeWhenRoom = resolve));
    if (performance.now() - this.lastTurn > TURN_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastTurn = performance.now();
    }
    this.throwIfFailed();
  }

  private async drain(): Promise<void> {
    await this.queue;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private needsZip64(entry: WrittenEntry): boolean {
    return this.options.forceZip64 === true || entry.size > MAX_32 || entry.compressedSize > MAX_32 || entry.offset > MAX_32;
  }

  private localHeader(entry: WrittenEntry): Buffer {
    const header = Buffer.alloc(30 + entry.name.length);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION_NEEDED, 4);
    header.writeUInt16LE(NAME_IS_UTF8 | (entry.sizesAfterData ? SIZES_IN_DATA_DESCRIPTOR : 0), 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(this.dosTime.time, 10);
    header.writeUInt16LE(this.dosTime.date, 12);
    if (!entry.sizesAfterData) {
      header.writeUInt32LE(entry.crc, 14);
      header.writeUInt32LE(entry.compressedSize, 18);
      header.writeUInt32LE(entry.size, 22);
    }
    header.writeUInt16LE(entry.name.length, 26);
    entry.name.copy(header, 30);
    return header;
  }

  private dataDescriptor(entry: WrittenEntry): Buffer {
    const zip64 = this.needsZip64(entry);
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    } else {
      descriptor.writeUInt32LE(entry.compressedSize, 8);
      descriptor.writeUInt32LE(entry.size, 12);
    }
    return descriptor;
  }

  private centralHeader(entry: WrittenEntry): Buffer {
    const zip64 = this.needsZip64(entry);
    const timestamp = extendedTimestamp(this.options.mtime);
    const zip64Field = zip64 ? zip64ExtraField(entry) : Buffer.alloc(0);
    const header = Buffer.alloc(46 + entry.name.length + timestamp.length + zip64Field.length);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    header.writeUInt16LE(zip64 ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED, 6);
    header.writeUInt16LE(NAME_IS_UTF8 | (entry.sizesAfterData ? SIZES_IN_DATA_DESCRIPTOR : 0), 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt16LE(this.dosTime.time, 12);
    header.writeUInt16LE(this.dosTime.date, 14);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(zip64 ? 0xffffffff : entry.compressedSize, 20);
    header.writeUInt32LE(zip64 ? 0xffffffff : entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt16LE(timestamp.length + zip64Field.length, 30);
    // File comment length, disk number and internal attributes stay 0.
    header.writeUInt32LE(FILE_ATTRIBUTES, 38);
    header.writeUInt32LE(zip64 ? 0xffffffff : entry.offset, 42);
    entry.name.copy(header, 46);
    timestamp.copy(header, 46 + entry.name.length);
    zip64Field.copy(header, 46 + entry.name.length + timestamp.length);
    return header;
  }

  private endOfCentralDirectory(start: number, size: number): Buffer {
    const count = this.entries.length;
    const zip64 = this.options.forceZip64 === true || count >= 0xffff || start > MAX_32 || size > MAX_32;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    // Disk numbers (bytes 4-7) stay 0.
    end.writeUInt16LE(zip64 ? 0xffff : count, 8);
    end.writeUInt16LE(zip64 ? 0xffff : count, 10);
    end.writeUInt32LE(zip64 ? 0xffffffff : size, 12);
    end.writeUInt32LE(zip64 ? 0xffffffff : start, 16);
    if (!zip64) return end;

    const record = Buffer.alloc(56);
    record.writeUInt32LE(ZIP64_END, 0);
    record.writeBigUInt64LE(BigInt(56 - 12), 4);
    record.writeUInt16LE(VERSION_MADE_BY, 12);
    record.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(size), 40);
    record.writeBigUInt64LE(BigInt(start), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(ZIP64_LOCATOR, 0);
    locator.writeBigUInt64LE(BigInt(start + size), 8);
    locator.writeUInt32LE(1, 16);
    return Buffer.concat([record, locator, end]);
  }
}

function newEntry(path: string, level: ZipLevel, sizesAfterData: boolean): WrittenEntry {
  return { name: Buffer.from(path), method: level === 0 ? STORED : DEFLATED, crc: 0, size: 0, compressedSize: 0, offset: 0, sizesAfterData };
}

/**
 * Deflated on the spot when small: the thread pool's round trip and a stream per call cost more than deflating a
 * few kilobytes, and every deflate in flight holds some 300 KB of zlib state (700 item pages at once took 200 MB).
 */
function compressed(bytes: Buffer, level: ZipLevel): Promise<Buffer> {
  if (level === 0) return Promise.resolve(bytes);
  if (bytes.length < DEFLATE_IN_POOL_FROM) return Promise.resolve(deflateRawSync(bytes, { level }));
  return deflate(bytes, { level, chunkSize: DEFLATE_CHUNK });
}

/** ZIP64 extended information: both sizes and the local header's offset. */
function zip64ExtraField(entry: WrittenEntry): Buffer {
  const field = Buffer.alloc(28);
  field.writeUInt16LE(0x0001, 0);
  field.writeUInt16LE(24, 2);
  field.writeBigUInt64LE(BigInt(entry.size), 4);
  field.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
  field.writeBigUInt64LE(BigInt(entry.offset), 20);
  return field;
}

/** Info-ZIP's extended timestamp ("UT"): the modification time in UTC seconds, as the central directory holds it. */
function extendedTimestamp(mtime: Date): Buffer {
  const field = Buffer.alloc(9);
  field.writeUInt16LE(0x5455, 0);
  field.writeUInt16LE(5, 2);
  // Flags: modification time present; the access-time flag set as Info-ZIP sets it (the central copy never has one).
  field.writeUInt8(0b11, 4);
  field.writeInt32LE(Math.max(-0x80000000, Math.min(0x7fffffff, Math.floor(mtime.getTime() / 1000))), 5);
  return field;
}

/** The DOS date and time fields, in local time as zip tools read them, within the years DOS can hold. */
function dosDateTime(mtime: Date): { date: number; time: number } {
  const earliest = new Date(1980, 0, 1);
  const latest = new Date(2107, 11, 31, 23, 59, 58);
  const when = mtime < earliest ? earliest : mtime > latest ? latest : mtime;
  return {
    date: when.getDate() | ((when.getMonth() + 1) << 5) | ((when.getFullYear() - 1980) << 9),
    time: Math.floor(when.getSeconds() / 2) | (when.getMinutes() << 5) | (when.getHours() << 11),
  };
}

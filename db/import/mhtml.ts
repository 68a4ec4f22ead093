// Web pages saved as one MHTML file (Chrome's "Webpage, Single File"): the page's HTML, its address, capture time
// and title, and the images and stylesheets saved with it.
import { DossierError } from '../errors';
import { detectCharset } from './charset';
import { declaredHtmlCharset } from './decode';
import { isoDateOrNull } from './parsed';

export interface MhtmlResource {
  location: string | null;
  /** Without the angle brackets, as `cid:` links in the page refer to it. */
  contentId: string | null;
  mediaType: string;
  bytes: Uint8Array;
}

export interface MhtmlPackage {
  html: string;
  url: string | null;
  capturedAt: string | null;
  title: string | null;
  resources: MhtmlResource[];
}

// A header block longer than this is not a real one: it stops a junk file from being read line by line to its end.
const MAX_HEADER_BLOCK = 64 * 1024;

type Headers = Map<string, string>;

interface Part {
  headers: Headers;
  bytes: Uint8Array;
}

function importFailed(sentence: string): DossierError {
  return new DossierError('IMPORT_FAILED', sentence);
}

/** The file's bytes as a string of the same length, one character per byte, so string offsets are byte offsets. */
function byteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Header lines up to the first empty line; folded lines (starting with a space or tab) continue the previous one. */
function readHeaderBlock(text: string, start: number, end: number): { headers: Headers; bodyStart: number } | null {
  const limit = Math.min(end, start + MAX_HEADER_BLOCK);
  const lines: string[] = [];
  let position = start;
  while (position < limit) {
    const lineEnd = text.indexOf('\n', position);
    if (lineEnd === -1 || lineEnd >= limit) return null;
    const line = text.slice(position, lineEnd).replace(/\r$/, '');
    position = lineEnd + 1;
    if (line === '') return { headers: headerMap(lines), bodyStart: position };
    const last = lines.length - 1;
    if (/^[ \t]/.test(line) && last >= 0) lines[last] += line;
    else lines.push(line);
  }
  return null;
}

function headerMap(lines: string[]): Headers {
  const headers: Headers = new Map();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function textDecoderOrNull(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim());
  } catch {
    return null;
  }
}

/** Raw 8-bit header text is UTF-8 when it is valid UTF-8, else left as read. */
function headerText(value: string): string {
  if (!/[\x80-\xff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

/** RFC 2047 encoded-words (`=?utf-8?Q?...?=`, `=?windows-1251?B?...?=`); the space between two of them is folding. */
function decodeEncodedWords(value: string): string {
  const encodedWord = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;
  return headerText(value)
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(encodedWord, (word, charset: string, encoding: string, payload: string) => {
      const decoder = textDecoderOrNull(charset.replace(/\*.*$/, '')); // drop an RFC 2231 language suffix
      if (!decoder) return word;
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(payload, 'base64')
          : decodeQuotedPrintable(Buffer.from(payload.replace(/_/g, ' '), 'latin1'));
      return decoder.decode(bytes);
    });
}

function contentType(value: string | undefined): { mediaType: string; parameters: Map<string, string> } {
  const [type = '', ...rest] = (value ?? '').split(';');
  const parameters = new Map<string, string>();
  for (const match of rest.join(';').matchAll(/([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    parameters.set(match[1]!.toLowerCase(), (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  return { mediaType: type.trim().toLowerCase() || 'application/octet-stream', parameters };
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const letter = byte | 0x20;
  return letter >= 0x61 && letter <= 0x66 ? letter - 0x61 + 10 : -1;
}

function decodeQuotedPrintable(input: Uint8Array): Uint8Array {
  const output = new Uint8Array(input.length);
  let length = 0;
  for (let index = 0; index < input.length; index++) {
    const byte = input[index]!;
    if (byte !== 0x3d) {
      output[length++] = byte;
      continue;
    }
    let after = index + 1;
    while (input[after] === 0x20 || input[after] === 0x09) after++; // padding some writers leave before a soft break
    if (input[after] === 0x0d && input[after + 1] === 0x0a) {
      index = after + 1;
      continue;
    }
    if (input[after] === 0x0a) {
      index = after;
      continue;
    }
    const high = hexValue(input[index + 1]);
    const low = hexValue(input[index + 2]);
    if (high >= 0 && low >= 0) {
      output[length++] = high * 16 + low;
      index += 2;
    } else {
      output[length++] = byte; // a stray "=" stays as it is
    }
  }
  return output.subarray(0, length);
}

function decodeTransferEncoding(headers: Headers, raw: Uint8Array, text: string): Uint8Array {
  switch ((headers.get('content-transfer-encoding') ?? '').toLowerCase()) {
    case 'base64': {
      const decoded = Buffer.from(text, 'base64'); // Node skips the line breaks
      return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
    }
    case 'quoted-printable':
      return decodeQuotedPrintable(raw);
    default:
      return raw; // 7bit, 8bit and binary are the bytes themselves
  }
}

/** Where the next `--boundary` line starts, at or after `from`, or -1. */
function findDelimiter(text: string, delimiter: string, from: number): number {
  for (let at = text.indexOf(delimiter, from); at !== -1; at = text.indexOf(delimiter, at + 1)) {
    const atLineStart = at === 0 || text[at - 1] === '\n';
    const following = text[at + delimiter.length];
    if (atLineStart && (following === undefined || /[-\r\n \t]/.test(following))) return at;
  }
  return -1;
}

/** The complete parts, and whether the closing `--boundary--` was reached. A part cut off by truncation is dropped. */
function readParts(bytes: Uint8Array, text: string, boundary: string, from: number): { parts: Part[]; complete: boolean } {
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  let delimiterAt = findDelimiter(text, delimiter, from);
  while (delimiterAt !== -1) {
    const afterDelimiter = delimiterAt + delimiter.length;
    if (text.startsWith('--', afterDelimiter)) return { parts, complete: true };
    const lineEnd = text.indexOf('\n', afterDelimiter);
    if (lineEnd === -1) break;
    const next = findDelimiter(text, delimiter, lineEnd + 1);
    if (next === -1) break;
    // The line break before a delimiter belongs to the delimiter, not to the part.
    const contentEnd = Math.max(lineEnd + 1, next - (text[next - 2] === '\r' ? 2 : 1));
    // A part with an empty body shares its blank line with the delimiter's line break, hence the two extra bytes.
    const block = readHeaderBlock(text, lineEnd + 1, contentEnd + 2);
    if (block) {
      const bodyStart = Math.min(block.bodyStart, contentEnd);
      parts.push({
        headers: block.headers,
        bytes: decodeTransferEncoding(block.headers, bytes.subarray(bodyStart, contentEnd), text.slice(bodyStart, contentEnd)),
      });
    }
    delimiterAt = next;
  }
  return { parts, complete: false };
}

function withoutWhitespace(value: string | undefined): string | null {
  return value?.replace(/\s+/g, '') || null;
}

function decodeHtml(part: Part): string {
  const declared = contentType(part.headers.get('content-type')).parameters.get('charset');
  const decoder =
    textDecoderOrNull(declared) ??
    textDecoderOrNull(declaredHtmlCharset(part.bytes)) ??
    new TextDecoder(detectCharset(part.bytes).encoding); // UTF-8 whenever the bytes are valid UTF-8
  return decoder.decode(part.bytes);
}

export function parseMhtml(bytes: Uint8Array): MhtmlPackage {
  const text = byteString(bytes);
  const top = readHeaderBlock(text, 0, text.length);
  const { mediaType, parameters } = contentType(top?.headers.get('content-type'));
  const boundary = parameters.get('boundary');
  if (!top || !mediaType.startsWith('multipart/') || !boundary) {
    throw importFailed('This file is not an MHTML web archive: it does not start with the headers of a saved web page.');
  }

  const { parts, complete } = readParts(bytes, text, boundary, top.bodyStart);
  const snapshotLocation = withoutWhitespace(top.headers.get('snapshot-content-location'));
  const htmlParts = parts.filter((part) => contentType(part.headers.get('content-type')).mediaType === 'text/html');
  const page =
    htmlParts.find((part) => snapshotLocation && withoutWhitespace(part.headers.get('content-location')) === snapshotLocation) ??
    htmlParts[0];
  if (!page) {
    throw importFailed(
      complete
        ? 'This MHTML file holds no web page, only other saved resources.'
        : 'This file is not a complete MHTML file: it was cut off before the web page in it was fully saved.',
    );
  }

  const title = decodeEncodedWords(top.headers.get('subject') ?? '').trim();
  return {
    html: decodeHtml(page),
    url: snapshotLocation ?? withoutWhitespace(page.headers.get('content-location')),
    capturedAt: isoDateOrNull(top.headers.get('date')),
    title: title || null,
    resources: parts
      .filter((part) => part !== page)
      .map((part) => ({
        location: withoutWhitespace(part.headers.get('content-location')),
        contentId: part.headers.get('content-id')?.replace(/^<|>$/g, '').trim() || null,
        mediaType: contentType(part.headers.get('content-type')).mediaType,
        bytes: part.bytes,
      })),
  };
}

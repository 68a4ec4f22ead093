// Bytes to text: a byte-order mark wins, then a charset the document declares, then a guess from the bytes
// themselves (charset.ts). Every decoder used maps every byte, so nothing is lost as an error.
import { DossierError } from '../errors';
import { detectCharset } from './charset';
const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function bomEncoding(bytes: Uint8Array): string | null {
  for (const [mark, encoding] of BOMS) {
    if (mark.every((byte, index) => bytes[index] === byte)) return encoding;
  }
  return null;
}

function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** The charset named by `<meta charset>` or `<meta http-equiv content="...; charset=...">` in the first 4 KB. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const label = match?.[1]?.toLowerCase();
  return label && isKnownEncoding(label) ? label : null;
}

export function decodeText(bytes: Uint8Array, declared: string | null = null): { text: string; encoding: string } {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom };
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    return { text: new TextDecoder(declared).decode(bytes), encoding: declared };
  }
  const { encoding } = detectCharset(bytes);
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

// Control characters other than tab, newline and carriage return, and the replacement character.
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/g;

/** Refuses bytes that decode to mostly control characters: a binary file with a text file's name. */
export function requireText(text: string, fileName: string): string {
  const sample = text.slice(0, 64 * 1024);
  const junk = sample.match(NOT_TEXT)?.length ?? 0;
  if (sample.length > 0 && junk / sample.length > 0.02) {
    throw new DossierError('IMPORT_FAILED', `"${fileName}" does not hold text (it looks like binary data under a text file's name).`);
  }
  return text;
}

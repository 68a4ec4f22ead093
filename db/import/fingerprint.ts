// Near-duplicate detection: the same article saved twice (another day, another browser, a print view) has
// different bytes but nearly the same words. A MinHash signature over 5-word shingles estimates how much two
// texts share; locality-sensitive hashing (16 bands of 4 values) finds candidates without comparing every pair.
import type { Archive } from '../open';
import { prepared } from '../statements';
import { normaliseForSearch } from '../search/normalise';

const SIGNATURE_SIZE = 64;
const BANDS = 16;
const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
const SHINGLE_WORDS = 5;
/** Texts shorter than this many words say too little to call two of them the same article. */
const MIN_WORDS = 30;
export const POSSIBLE_DUPLICATE_THRESHOLD = 0.8;

function fnv1a(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function minhashSignature(text: string): Uint32Array | null {
  const words = normaliseForSearch(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  const seen = new Set<string>();
  for (let start = 0; start + SHINGLE_WORDS <= words.length; start++) {
    const shingle = words.slice(start, start + SHINGLE_WORDS).join(' ');
    if (seen.has(shingle)) continue;
    seen.add(shingle);
    // Double hashing gives SIGNATURE_SIZE independent-enough hash functions from two.
    const first = fnv1a(shingle, 0);
    const second = fnv1a(shingle, 0x9e3779b9) | 1;
    for (let index = 0; index < SIGNATURE_SIZE; index++) {
      const value = (first + Math.imul(index, second)) >>> 0;
      if (value < signature[index]!) signature[index] = value;
    }
  }
  return signature;
}

export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let index = 0; index < SIGNATURE_SIZE; index++) if (a[index] === b[index]) equal++;
  return equal / SIGNATURE_SIZE;
}

function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    const rows = Array.from(signature.subarray(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND));
    keys.push(fnv1a(rows.join(','), band) | 0);
  }
  return keys;
}

function toBuffer(signature: Uint32Array): Buffer {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
}

function fromBuffer(buffer: Buffer): Uint32Array {
  return new Uint32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}

/** The most similar live item above the threshold, if any. */
export function findNearDuplicate(archive: Archive, signature: Uint32Array): { id: string; similarity: number } | null {
  const keys = bandKeys(signature);
  // CROSS JOIN fixes the order: from the 16 band keys through their index to the few candidates. Left to itself
  // the planner walks every live item, which made each import slower the larger the archive.
  const candidates = prepared(
    archive.sqlite,
    `SELECT DISTINCT f.item_id AS id, f.minhash AS minhash
       FROM json_each(?) k
       CROSS JOIN fingerprint_bands b ON b.band = k.key AND b.key = k.value
       CROSS JOIN text_fingerprints f ON f.item_id = b.item_id
       CROSS JOIN items i ON i.id = b.item_id
      WHERE i.deleted_at IS NULL`,
  ).all(JSON.stringify(keys)) as { id: string; minhash: Buffer }[];
  let best: { id: string; similarity: number } | null = null;
  for (const candidate of candidates) {
    const similarity = estimatedSimilarity(signature, fromBuffer(candidate.minhash));
    if (similarity >= POSSIBLE_DUPLICATE_THRESHOLD && (!best || similarity > best.similarity)) best = { id: candidate.id, similarity };
  }
  return best;
}

/** Inside the item's transaction. */
export function storeFingerprint(archive: Archive, itemId: string, signature: Uint32Array): void {
  prepared(archive.sqlite, 'INSERT INTO text_fingerprints (item_id, minhash) VALUES (?, ?)').run(itemId, toBuffer(signature));
  const insertBand = prepared(archive.sqlite, 'INSERT INTO fingerprint_bands (band, key, item_id) VALUES (?, ?, ?)');
  bandKeys(signature).forEach((key, band) => insertBand.run(band, key, itemId));
}

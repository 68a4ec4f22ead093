// The case-file format, version 1: file layout, the manifest's shape, and the limits a reader holds a zip to.
// Documented for people in format.md; keep the two in step.
import { z } from 'zod';
import type { CaseAttachmentEntry, CaseItemDocument, CaseRow } from '../../electron/contract';

export const CASE_FILE_FORMAT = 'dossier-case';
export const CASE_FILE_FORMAT_VERSION = 1;

export const MANIFEST_PATH = 'manifest.json';
export const SUMS_PATH = 'SHA256SUMS';
export const INDEX_PATH = 'index.html';
export const CASE_PATH = 'case.json';
export const LINKS_PATH = 'links.json';
export const ENTITIES_PATH = 'entities.json';
export const AUDIT_PATH = 'audit.json';

const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SHA = '[0-9a-f]{64}';
export const SHA256_PATTERN = new RegExp(`^${SHA}$`);
const ITEM_FILE = new RegExp(`^items/(${ID})\\.(json|html)$`);
const BLOB_FILE = new RegExp(`^(originals|attachments)/(${SHA})$`);
const TOP_LEVEL_FILES = new Set([MANIFEST_PATH, SUMS_PATH, INDEX_PATH, CASE_PATH, LINKS_PATH, ENTITIES_PATH, AUDIT_PATH]);

export const itemJsonPath = (id: string): string => `items/${id}.json`;
export const itemPagePath = (id: string): string => `items/${id}.html`;
export const blobPath = (sha256: string, isOriginal: boolean): string => `${isOriginal ? 'originals' : 'attachments'}/${sha256}`;

/** What a path inside a version-1 case file is, or null for a name the format does not have. */
export type CaseFilePath =
  | { kind: 'top'; path: string }
  | { kind: 'item-json' | 'item-page'; itemId: string }
  | { kind: 'blob'; sha256: string };

export function classifyPath(path: string): CaseFilePath | null {
  if (TOP_LEVEL_FILES.has(path)) return { kind: 'top', path };
  const item = ITEM_FILE.exec(path);
  if (item) return { kind: item[2] === 'json' ? 'item-json' : 'item-page', itemId: item[1]! };
  const blob = BLOB_FILE.exec(path);
  if (blob) return { kind: 'blob', sha256: blob[2]! };
  return null;
}

export const manifestFileSchema = z.strictObject({
  path: z.string().min(1).max(300),
  sha256: z.string().regex(SHA256_PATTERN),
  size: z.number().int().min(0),
});

/** Checked loosely on the version fields first, so a newer file gets "update Dossier" rather than a schema error. */
export const manifestHeaderSchema = z.object({ format: z.string(), formatVersion: z.number().int() });

export const manifestSchema = z.object({
  format: z.literal(CASE_FILE_FORMAT),
  formatVersion: z.literal(CASE_FILE_FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.string(),
  case: z.object({ id: z.string().regex(new RegExp(`^${ID}$`)), name: z.string().min(1) }),
  itemCount: z.number().int().min(0),
  files: z.array(manifestFileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export type Row = CaseRow;
export type ItemDocument = CaseItemDocument;
export type AttachmentEntry = CaseAttachmentEntry;

export interface CaseDocument {
  case: Row;
  items: { item_id: string; added_at: string }[];
  /** The case's items in the sender's trash, with the version last exchanged (null: never exchanged). */
  deleted: { item_id: string; deleted_at: string; base: string | null }[];
}

export interface AuditDocumentEntry {
  /** "local": written by the archive that made this file; "imported": history it received with earlier case files. */
  origin: 'local' | 'imported';
  seq: number;
  at: string;
  action: string;
  item_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Limits a case file must stay within before a byte of it is trusted; the reader refuses anything beyond. */
export interface ReaderLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Largest uncompressed/compressed ratio allowed for entries above ratioCheckFromBytes. */
  maxCompressionRatio: number;
  ratioCheckFromBytes: number;
  /** JSON documents are read into memory; bigger ones are refused. */
  maxJsonBytes: number;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxEntries: 500_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxEntryBytes: 8 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 1024 * 1024,
  maxJsonBytes: 256 * 1024 * 1024,
};

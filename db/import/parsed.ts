// What every format module hands to the import pipeline.
import type { StoredImage } from './readable';

export interface ParsedArticle {
  title: string;
  bodyText: string;
  url: string | null;
  outlet: string | null;
  byline: string | null;
  publishedAt: string | null;
  capturedAt: string | null;
  language: string | null;
  mediaType: string;
  /** Sanitised readable HTML (see readable.ts); absent for formats that have only text. */
  readableHtml?: string | null;
  /** Images the readable HTML refers to by SHA-256, to be stored as attachments. */
  images?: StoredImage[];
}

/** What a format module may ask of the place the file came from. */
export interface ParseContext {
  /** Bytes of a file saved beside the page (its `_files` folder), or null when absent or outside the page's folder. */
  readBesideFile?(relativePath: string): Uint8Array | null;
}

/** An ISO date (YYYY-MM-DD or full timestamp) from a date-like string, or null when it is not one. */
export function isoDateOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const millis = Date.parse(trimmed);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

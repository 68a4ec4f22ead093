// What every format module hands to the import pipeline.
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
}

/** An ISO date (YYYY-MM-DD or full timestamp) from a date-like string, or null when it is not one. */
export function isoDateOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const millis = Date.parse(trimmed);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

// Saved web pages: metadata from the page's own declarations, the main text by Readability on linkedom.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText, declaredHtmlCharset } from './decode';
import { isoDateOrNull, type ParsedArticle } from './parsed';

/** Browsers write `<!-- saved from url=(0042)https://... -->` at the top of pages saved to disk. */
function savedFromUrl(html: string): string | null {
  const match = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 2048));
  return match?.[1] ?? null;
}

function webUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  url?: string;
  author?: { name?: string } | { name?: string }[] | string;
  publisher?: { name?: string };
}

function jsonLdArticle(document: Document): JsonLdArticle | null {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const data = JSON.parse(script.textContent ?? '') as unknown;
      const candidates = (Array.isArray(data) ? data : [data]).flatMap((entry) =>
        entry && typeof entry === 'object' && '@graph' in entry ? (entry as { '@graph': unknown[] })['@graph'] : [entry],
      );
      const article = candidates.find(
        (entry): entry is JsonLdArticle & { '@type': string } =>
          !!entry && typeof entry === 'object' && /Article|Report|Posting/.test(String((entry as { '@type'?: unknown })['@type'])),
      );
      if (article) return article;
    } catch {
      // A broken JSON-LD block is common and harmless: the other sources of metadata remain.
    }
  }
  return null;
}

function authorName(author: JsonLdArticle['author']): string | null {
  if (!author) return null;
  if (typeof author === 'string') return author;
  const first = Array.isArray(author) ? author[0] : author;
  return first?.name ?? null;
}

export function parseHtmlFile(bytes: Uint8Array, fileName: string): ParsedArticle {
  const { text: html } = decodeText(bytes, declaredHtmlCharset(bytes));
  const { document } = parseHTML(html);
  const meta = (selector: string): string | null => document.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const jsonLd = jsonLdArticle(document as unknown as Document);

  const url =
    webUrlOrNull(savedFromUrl(html)) ??
    webUrlOrNull(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    webUrlOrNull(meta('meta[property="og:url"]')) ??
    webUrlOrNull(jsonLd?.url);

  const readable = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  const bodyText = (readable?.textContent ?? document.body?.textContent ?? '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n')
    .trim();

  const title =
    jsonLd?.headline ||
    meta('meta[property="og:title"]') ||
    readable?.title ||
    document.querySelector('title')?.textContent?.trim() ||
    fileName;

  return {
    title: title.replace(/\s+/g, ' ').trim().slice(0, 500),
    bodyText,
    url,
    outlet: meta('meta[property="og:site_name"]') || jsonLd?.publisher?.name || readable?.siteName || null,
    byline: authorName(jsonLd?.author) || meta('meta[name="author"]') || readable?.byline || null,
    publishedAt: isoDateOrNull(
      jsonLd?.datePublished || meta('meta[property="article:published_time"]') || readable?.publishedTime,
    ),
    capturedAt: null,
    language: document.documentElement?.getAttribute('lang') || readable?.lang || null,
    mediaType: 'text/html',
  };
}

// Saved web pages ("Web page, complete", SingleFile, plain saves, the HTML inside MHTML): metadata from the
// page's own declarations, the main text and a safe readable copy by Readability on linkedom.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText, declaredHtmlCharset, requireText } from './decode';
import { parseMhtml, type MhtmlResource } from './mhtml';
import { isoDateOrNull, type ParseContext, type ParsedArticle } from './parsed';
import { blockText, decodeDataUri, renderReadableHtml, sniffImageType, type ImageResolver } from './readable';

/** Browsers write `<!-- saved from url=(0042)https://... -->` at the top of pages saved to disk. */
function savedFromUrl(html: string): string | null {
  const match = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096));
  return match?.[1] ?? null;
}

/** SingleFile writes a comment with `url:` and `saved date:` lines. */
function singleFileProvenance(html: string): { url: string | null; savedAt: string | null } {
  const comment = /<!--\s*Page saved with SingleFile([\s\S]*?)-->/i.exec(html.slice(0, 8192))?.[1] ?? '';
  return {
    url: /^\s*url:\s*(\S+)/im.exec(comment)?.[1] ?? null,
    savedAt: isoDateOrNull(/^\s*saved date:\s*(.+)$/im.exec(comment)?.[1]?.replace(/\s*\(.*\)\s*$/, '')),
  };
}

export function webUrlOrNull(value: string | null | undefined): string | null {
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
  inLanguage?: string;
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

export interface HtmlDocumentOptions {
  /** Where the page came from when the container knows better than the page (MHTML's snapshot location). */
  url?: string | null;
  capturedAt?: string | null;
  resolveImage?: ImageResolver;
}

function dataUriOrElse(resolve: ImageResolver | undefined): ImageResolver {
  return (src) => {
    if (/^data:/i.test(src.trim())) {
      const image = decodeDataUri(src);
      return image ? { ...image, name: 'inline-image' } : null;
    }
    return resolve?.(src) ?? null;
  };
}

/**
 * linkedom makes the first element it meets the document element (or none, for bare text), where a browser would
 * wrap a page without <html> in one; do what the browser does so that every later step sees html, head and body.
 */
function parsePage(html: string): ReturnType<typeof parseHTML> {
  const page = parseHTML(html);
  return page.document.documentElement?.tagName === 'HTML' ? page : parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
}

/** Readability walks up to <body> and throws on trees where it never gets there; the page's own text is kept then. */
function readableArticle(document: Document): ReturnType<Readability['parse']> {
  try {
    return new Readability(document, { charThreshold: 100 }).parse();
  } catch {
    return null;
  }
}

export function parseHtmlDocument(html: string, fileName: string, options: HtmlDocumentOptions = {}): ParsedArticle {
  const { document } = parsePage(html);
  const meta = (selector: string): string | null => document.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const jsonLd = jsonLdArticle(document as unknown as Document);
  const singleFile = singleFileProvenance(html);

  const url =
    webUrlOrNull(options.url) ??
    webUrlOrNull(savedFromUrl(html)) ??
    webUrlOrNull(singleFile.url) ??
    webUrlOrNull(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    webUrlOrNull(meta('meta[property="og:url"]')) ??
    webUrlOrNull(jsonLd?.url);
  const language = document.documentElement?.getAttribute('lang') || jsonLd?.inLanguage || null;
  const pageTitle = document.querySelector('title')?.textContent?.trim() || null;

  const readable = readableArticle(document as unknown as Document);
  const content = readable?.content ? parseHTML(`<!DOCTYPE html><html><body>${readable.content}</body></html>`).document.body : null;
  const bodyText = blockText((content ?? document.body ?? document) as never);
  const rendered = content ? renderReadableHtml(content as never, dataUriOrElse(options.resolveImage)) : { html: null, images: [] };

  const title = jsonLd?.headline || meta('meta[property="og:title"]') || readable?.title || pageTitle || fileName;
  return {
    title: title.replace(/\s+/g, ' ').trim().slice(0, 500),
    bodyText,
    url,
    outlet: meta('meta[property="og:site_name"]') || jsonLd?.publisher?.name || readable?.siteName || null,
    byline: authorName(jsonLd?.author) || meta('meta[name="author"]') || readable?.byline || null,
    publishedAt: isoDateOrNull(jsonLd?.datePublished || meta('meta[property="article:published_time"]') || readable?.publishedTime),
    capturedAt: options.capturedAt ?? singleFile.savedAt,
    language: language || readable?.lang || null,
    mediaType: 'text/html',
    readableHtml: rendered.html,
    images: rendered.images,
  };
}

/** Images saved beside the page ("Web page, complete" writes them to NAME_files/), never remote ones. */
function besideFileResolver(context: ParseContext): ImageResolver | undefined {
  const read = context.readBesideFile;
  if (!read) return undefined;
  return (src) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return null;
    let relative: string;
    try {
      relative = decodeURIComponent(src.split(/[?#]/)[0]!);
    } catch {
      return null;
    }
    const bytes = read(relative);
    const mediaType = bytes ? sniffImageType(bytes) : null;
    return bytes && mediaType ? { bytes, mediaType, name: relative.split('/').pop() || relative } : null;
  };
}

export function parseHtmlFile(bytes: Uint8Array, fileName: string, context: ParseContext = {}): ParsedArticle {
  const html = requireText(decodeText(bytes, declaredHtmlCharset(bytes)).text, fileName);
  return parseHtmlDocument(html, fileName, { resolveImage: besideFileResolver(context) });
}

/** The image parts of an MHTML file, found by the URL or `cid:` the page refers to them with. */
function mhtmlResolver(resources: MhtmlResource[], pageUrl: string | null): ImageResolver {
  const byKey = new Map<string, MhtmlResource>();
  for (const resource of resources) {
    if (resource.location) byKey.set(resource.location, resource);
    if (resource.contentId) byKey.set(`cid:${resource.contentId.replace(/^<|>$/g, '')}`, resource);
  }
  return (src) => {
    let key = src.trim();
    if (pageUrl && !/^(cid|data):/i.test(key)) {
      try {
        key = new URL(key, pageUrl).href;
      } catch {
        return null;
      }
    }
    const resource = byKey.get(key) ?? byKey.get(src.trim());
    const mediaType = resource ? sniffImageType(resource.bytes) : null;
    return resource && mediaType ? { bytes: resource.bytes, mediaType, name: key.split(/[/?#]/).filter(Boolean).pop() ?? 'image' } : null;
  };
}

export function parseMhtmlFile(bytes: Uint8Array, fileName: string): ParsedArticle {
  const saved = parseMhtml(bytes);
  const parsed = parseHtmlDocument(saved.html, fileName, {
    url: saved.url,
    capturedAt: saved.capturedAt,
    resolveImage: mhtmlResolver(saved.resources, saved.url),
  });
  const untitled = parsed.title === fileName && saved.title;
  return { ...parsed, title: untitled ? saved.title! : parsed.title, mediaType: 'multipart/related' };
}

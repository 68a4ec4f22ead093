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

/** Past this size a page is not built as a DOM (which would take gigabytes): see parseLargeHtml. */
export const LARGE_HTML_CHARS = 24 * 1024 * 1024;
/** How much of a very large page's text is indexed for search; the original is always kept whole. */
export const LARGE_HTML_TEXT_CHARS = 16 * 1024 * 1024;

/**
 * A page of tens of megabytes (a whole forum thread, a log saved as HTML): metadata from its head, the text by a
 * linear pass that drops scripts, styles and tags, no readable copy. Memory stays a small multiple of the file.
 */
const SKIPPED_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);
const BREAKING_TAGS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'br', 'blockquote', 'section', 'article', 'pre']);
const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text between tags, skipping scripts and styles, in one pass; stops once `limit` characters are collected. */
function textOfLargeHtml(html: string, limit: number): { text: string; complete: boolean } {
  const parts: string[] = [];
  let collected = 0;
  let at = 0;
  while (at < html.length && collected < limit) {
    const open = html.indexOf('<', at);
    const textEnd = open < 0 ? html.length : open;
    if (textEnd > at) {
      const piece = html.slice(at, textEnd).replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
      parts.push(piece);
      collected += piece.length;
    }
    if (open < 0) break;
    const close = html.indexOf('>', open);
    if (close < 0) break;
    const name = /^\/?([a-zA-Z0-9]+)/.exec(html.slice(open + 1, open + 16))?.[1]?.toLowerCase() ?? '';
    at = close + 1;
    if (html[open + 1] !== '/' && SKIPPED_CONTENT.has(name)) {
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = at;
      const found = end.exec(html);
      at = found ? found.index + found[0].length : html.length;
    } else if (BREAKING_TAGS.has(name)) {
      parts.push('\n');
    }
  }
  const text = parts
    .join('')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n\n')
    .trim();
  return { text: text.slice(0, limit), complete: at >= html.length && text.length <= limit };
}

/**
 * A page of tens of megabytes (a whole forum thread, a log saved as HTML): metadata from its head, the text by a
 * linear pass that skips scripts, styles and tags, no readable copy. Work and memory stay a small multiple of
 * the file, and the text indexed for search is bounded.
 */
export function parseLargeHtml(html: string, fileName: string): ParsedArticle {
  const bodyStart = html.search(/<body[\s>]/i);
  const head = html.slice(0, bodyStart > 0 ? Math.min(bodyStart, 2 * 1024 * 1024) : 256 * 1024);
  const metadata = parseHtmlDocument(`${head}</head><body></body></html>`, fileName);
  const { text, complete } = textOfLargeHtml(html, LARGE_HTML_TEXT_CHARS);
  const note = `\n\n[Dossier indexed the first ${LARGE_HTML_TEXT_CHARS / 1024 / 1024} MB of this page's text; the original is kept whole.]`;
  return { ...metadata, bodyText: complete ? text : `${text}${note}`, readableHtml: null, images: [] };
}

export function parseHtmlFile(bytes: Uint8Array, fileName: string, context: ParseContext = {}): ParsedArticle {
  const html = requireText(decodeText(bytes, declaredHtmlCharset(bytes)).text, fileName);
  if (html.length > LARGE_HTML_CHARS) return parseLargeHtml(html, fileName);
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

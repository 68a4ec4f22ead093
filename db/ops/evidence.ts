// Evidence as it is shown: an imported page's readable copy or its faithful original, each as a complete,
// defused HTML document with its stored images inlined as data: URIs. Doors serve these documents only into a
// sandboxed frame under EVIDENCE_CONTENT_SECURITY_POLICY, so even a page we failed to defuse can neither run
// script nor reach the network.
import { parseHTML } from 'linkedom';
import { DossierError } from '../errors';
import type { Archive } from '../open';
import { decodeText, declaredHtmlCharset } from '../import/decode';
import { parseMhtml } from '../import/mhtml';
import { escapeText } from '../import/readable';
import { EVIDENCE_META_POLICY } from '../../electron/contract/security';
import { resolveItemId } from './items';
import { renderPdfPages, type RenderedPdf } from './pdf-pages';
import { markPassages, type MarkedPassage } from './evidence-marks';
import { getPassages } from './passages';


export type EvidenceView = 'readable' | 'original';

interface StoredFile {
  sha256: string;
  name: string;
  role: string;
  mediaType: string;
  data: Buffer;
}

function filesOf(archive: Archive, itemId: string): StoredFile[] {
  return archive.sqlite
    .prepare(
      `SELECT a.sha256, a.name, a.role, b.media_type AS mediaType, b.data
         FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.item_id = ?`,
    )
    .all(itemId) as StoredFile[];
}

const dataUri = (file: { mediaType: string; data: Buffer | Uint8Array }): string =>
  `data:${file.mediaType};base64,${Buffer.from(file.data).toString('base64')}`;

const READING_STYLE = `
  body { font: 17px/1.6 Georgia, 'Noto Serif', 'Noto Naskh Arabic', serif; max-width: 42em; margin: 2em auto; padding: 0 1.5em; color: #1d2125; background: #fff; }
  img { max-width: 100%; height: auto; } figure { margin: 1.5em 0; } figcaption { color: #5b636b; font-size: 0.9em; }
  .missing-image { color: #8a6d00; font-style: italic; } .link { color: #0b57a4; text-decoration: underline dotted; }
  blockquote { border-inline-start: 3px solid #ccc; margin-inline: 0; padding-inline-start: 1em; color: #444; }
  table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 0.3em 0.5em; }
  mark.passage { background: #fde68a; color: inherit; border-radius: 2px; }
  @media (prefers-color-scheme: dark) { body { background: #15181b; color: #e3e6e8; } .link { color: #7db4ff; } mark.passage { background: #6b5400; } }`;

function shell(title: string, language: string | null, head: string, body: string): string {
  const lang = language ? ` lang="${escapeText(language).replace(/"/g, '&quot;')}"` : '';
  return `<!DOCTYPE html><html${lang} dir="auto"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${EVIDENCE_META_POLICY}">` +
    `<title>${escapeText(title)}</title>${head}</head><body>${body}</body></html>`;
}

function readableDocument(archive: Archive, itemId: string, title: string, language: string | null, html: string, passages: MarkedPassage[]): string {
  const images = new Map(filesOf(archive, itemId).filter((file) => file.role === 'image').map((file) => [file.sha256, file]));
  const withImages = html.replace(/<img data-attachment="([0-9a-f]{64})"/g, (whole, sha256: string) => {
    const image = images.get(sha256);
    return image ? `<img src="${dataUri(image)}"` : whole;
  });
  return shell(title, language, `<style>${READING_STYLE}</style>`, `<h1>${escapeText(title)}</h1>${markPassages(withImages, passages)}`);
}

function plainTextDocument(title: string, language: string | null, text: string, passages: MarkedPassage[] = []): string {
  const paragraphs = text.split(/\n\s*\n/).map((paragraph) => `<p>${escapeText(paragraph.trim()).replace(/\n/g, '<br>')}</p>`);
  return shell(title, language, `<style>${READING_STYLE}</style>`, `<h1>${escapeText(title)}</h1>${markPassages(paragraphs.join(''), passages)}`);
}

/** The passages statements quote from the article, for marking in its readable page. */
function quotedPassages(archive: Archive, id: string): MarkedPassage[] {
  return getPassages(archive, { id }).passages.flatMap((passage) =>
    passage.start === null ? [] : [{ text: passage.text, before: passage.before, label: `Quoted by ${passage.speaker}` }],
  );
}

const REMOVED_ELEMENTS = 'script, iframe, frame, frameset, object, embed, applet, portal, base, link, meta, noscript, template';
const CSS_URL = /url\(\s*(['"]?)(?!data:)[^)]*?\1\s*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;

/** The page as saved, with everything that could run, load, submit or navigate taken out. */
function defuseOriginal(html: string, findImage: (src: string) => string | null): string {
  const { document } = parseHTML(html);
  for (const element of Array.from(document.querySelectorAll(REMOVED_ELEMENTS))) element.remove();
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || ['srcset', 'formaction', 'action', 'ping', 'background', 'poster', 'data-src', 'xlink:href'].includes(name)) {
        element.removeAttribute(attribute.name);
      } else if (name === 'style') {
        element.setAttribute('style', attribute.value.replace(CSS_URL, 'none').replace(CSS_IMPORT, ''));
      } else if (name === 'href') {
        element.setAttribute('data-href', attribute.value);
        element.removeAttribute('href');
      }
    }
    const tag = element.tagName.toLowerCase();
    if (tag === 'style') element.textContent = (element.textContent ?? '').replace(CSS_IMPORT, '').replace(CSS_URL, 'none');
    if (tag === 'img' || tag === 'source' || tag === 'video' || tag === 'audio' || tag === 'input' || tag === 'track') {
      const src = element.getAttribute('src');
      const inlined = src ? findImage(src) : null;
      if (inlined && tag === 'img') element.setAttribute('src', inlined);
      else element.removeAttribute('src');
    }
    if (['input', 'button', 'select', 'textarea'].includes(tag)) element.setAttribute('disabled', '');
  }
  const head = document.querySelector('head');
  head?.insertAdjacentHTML('afterbegin', `<meta http-equiv="Content-Security-Policy" content="${EVIDENCE_META_POLICY}">`);
  return `<!DOCTYPE html>${document.documentElement?.outerHTML ?? ''}`;
}

function basenameOf(src: string): string {
  try {
    return decodeURIComponent(src.split(/[?#]/)[0]!.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

async function pdfDocument(title: string, language: string | null, bytes: Uint8Array, bodyText: string): Promise<string> {
  let rendered: RenderedPdf;
  try {
    rendered = await renderPdfPages(bytes);
  } catch {
    // A PDF pdf.js can read the text of but not draw: its text is still the faithful content.
    return plainTextDocument(title, language, bodyText);
  }
  const pages = rendered.pages
    .map((png, index) => `<figure class="pdf-page"><img src="data:image/png;base64,${png.toString('base64')}" alt="Page ${index + 1}"><figcaption>Page ${index + 1} of ${rendered.pageCount}</figcaption></figure>`)
    .join('');
  const rest =
    rendered.pageCount > rendered.pages.length
      ? `<p class="missing-image">The first ${rendered.pages.length} of ${rendered.pageCount} pages are shown; save a copy of the original to read the rest.</p>`
      : '';
  const style = `<style>${READING_STYLE} body { max-width: 60em; background: #e8eaed; } .pdf-page { background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); margin: 1em auto; } .pdf-page img { display: block; width: 100%; } .pdf-page figcaption { text-align: center; padding: .3em; }</style>`;
  return shell(title, language, style, pages + rest);
}

async function originalDocument(archive: Archive, itemId: string, title: string, language: string | null, bodyText: string): Promise<string> {
  const files = filesOf(archive, itemId);
  const original = files.find((file) => file.role === 'original');
  if (!original) return plainTextDocument(title, language, bodyText);
  if (original.mediaType === 'text/html' || original.mediaType === 'multipart/related') {
    const imagesByName = new Map(files.filter((file) => file.role === 'image').map((file) => [file.name, file]));
    let html: string;
    let findImage = (src: string): string | null => {
      if (/^data:image\//i.test(src)) return src;
      const image = imagesByName.get(basenameOf(src));
      return image ? dataUri(image) : null;
    };
    if (original.mediaType === 'multipart/related') {
      const saved = parseMhtml(original.data);
      html = saved.html;
      const parts = new Map(saved.resources.filter((part) => part.location).map((part) => [part.location!, part]));
      const byName = findImage;
      findImage = (src) => {
        let absolute = src;
        try {
          absolute = saved.url ? new URL(src, saved.url).href : src;
        } catch {
          // A malformed reference: fall back to matching by name.
        }
        const part = parts.get(absolute) ?? parts.get(src);
        return part && /^image\//.test(part.mediaType) ? dataUri({ mediaType: part.mediaType, data: part.bytes }) : byName(src);
      };
    } else {
      html = decodeText(original.data, declaredHtmlCharset(original.data)).text;
    }
    return defuseOriginal(html, findImage);
  }
  if (original.mediaType === 'application/pdf') return pdfDocument(title, language, original.data, bodyText);
  // Text and Markdown originals: their text is the original.
  return plainTextDocument(title, language, bodyText);
}

export async function evidenceDocument(archive: Archive, input: { id: string; view: EvidenceView }): Promise<{ html: string }> {
  const id = resolveItemId(archive, input.id);
  const row = archive.sqlite
    .prepare(
      `SELECT i.title, i.language, a.body_text AS bodyText, a.readable_html AS readableHtml
         FROM items i JOIN articles a ON a.item_id = i.id WHERE i.id = ?`,
    )
    .get(id) as { title: string; language: string | null; bodyText: string; readableHtml: string | null } | undefined;
  if (!row) throw new DossierError('INVALID_INPUT', `Item ${id} is not an imported article; only articles have evidence to view.`);
  if (input.view === 'original') return { html: await originalDocument(archive, id, row.title, row.language, row.bodyText) };
  const passages = quotedPassages(archive, id);
  return {
    html: row.readableHtml
      ? readableDocument(archive, id, row.title, row.language, row.readableHtml, passages)
      : plainTextDocument(row.title, row.language, row.bodyText, passages),
  };
}

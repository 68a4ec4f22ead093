// Readable HTML that is safe by construction: we walk the parsed DOM and write out only allow-listed elements
// and attributes ourselves, escaping every text and attribute value. Nothing the page carried can run, load,
// submit or navigate: scripts, styles, frames, forms and event handlers are dropped, links become inert, and
// images become references to attachments stored in the archive (or a text placeholder when not stored).
import { createHash } from 'node:crypto';

export interface StoredImage {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
  name: string;
}

/** Finds the bytes of an image the page refers to: a data: URI, a file saved beside the page, an MHTML part. */
export type ImageResolver = (src: string) => { bytes: Uint8Array; mediaType: string; name: string } | null;

/** Minimal DOM shape shared by linkedom's nodes (kept structural so any DOM implementation fits). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const KEPT_ELEMENTS = new Set([
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'q', 'cite', 'em', 'strong',
  'b', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark', 'code', 'pre', 'kbd', 'abbr', 'time', 'figure', 'figcaption',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'dl', 'dt', 'dd', 'div', 'span', 'section',
  'article', 'header', 'footer', 'aside', 'main', 'address', 'del', 'ins',
]);
/** Dropped with everything inside them. */
const DROPPED_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
  'button', 'select', 'textarea', 'option', 'svg', 'math', 'template', 'canvas', 'video', 'audio', 'track', 'link',
  'meta', 'head', 'title', 'base', 'dialog', 'portal', 'slot',
]);
const VOID_ELEMENTS = new Set(['br', 'hr', 'img']);
const KEPT_ATTRIBUTES: Record<string, string[]> = {
  '*': ['dir', 'lang'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'reversed'],
  time: ['datetime'],
  abbr: ['title'],
};
/** Past this depth a subtree is written as plain text: hostile pages nest thousands of levels. */
const MAX_DEPTH = 120;
const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

const IMAGE_SIGNATURES: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
  ['image/bmp', [0x42, 0x4d]],
];

/** The image type the bytes themselves show (never trust a name or a declared type), or null. */
export function sniffImageType(bytes: Uint8Array): string | null {
  for (const [type, signature] of IMAGE_SIGNATURES) {
    if (signature.every((byte, index) => bytes[index] === byte)) return type;
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** Decodes a data: URI image; null for anything that is not a well-formed image. */
export function decodeDataUri(uri: string): { bytes: Uint8Array; mediaType: string } | null {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is.exec(uri.trim());
  if (!match) return null;
  const payload = match[4] ?? '';
  const bytes = match[3] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  const sniffed = sniffImageType(bytes);
  return sniffed ? { bytes, mediaType: sniffed } : null;
}

function imageSource(node: DomNode): string | null {
  const candidates = [node.getAttribute?.('src'), node.getAttribute?.('data-src'), node.getAttribute?.('srcset')?.split(',')[0]?.trim().split(/\s+/)[0]];
  return candidates.find((value): value is string => !!value && value.trim() !== '') ?? null;
}

export function renderReadableHtml(root: DomNode, resolveImage: ImageResolver): { html: string; images: StoredImage[] } {
  const images = new Map<string, StoredImage>();
  const out: string[] = [];

  const storeImage = (node: DomNode): string => {
    const src = imageSource(node);
    const alt = node.getAttribute?.('alt')?.trim() ?? '';
    const found = src ? resolveImage(src) : null;
    if (!found || found.bytes.byteLength > MAX_IMAGE_BYTES) {
      return alt ? `<span class="missing-image">[image: ${escapeText(alt)}]</span>` : '';
    }
    const sha256 = createHash('sha256').update(found.bytes).digest('hex');
    if (!images.has(sha256)) images.set(sha256, { sha256, ...found });
    return `<img data-attachment="${sha256}" alt="${escapeAttribute(alt)}">`;
  };

  const attributesOf = (node: DomNode, tag: string): string => {
    let text = '';
    for (const name of [...KEPT_ATTRIBUTES['*']!, ...(KEPT_ATTRIBUTES[tag] ?? [])]) {
      const value = node.getAttribute?.(name);
      if (value !== null && value !== undefined) text += ` ${name}="${escapeAttribute(value)}"`;
    }
    if (tag === 'a') {
      const href = node.getAttribute?.('href');
      if (href && /^https?:/i.test(href.trim())) text += ` data-href="${escapeAttribute(href.trim())}"`;
    }
    return text;
  };

  const visit = (node: DomNode, depth: number): void => {
    if (node.nodeType === 3) {
      out.push(escapeText(node.textContent ?? ''));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toLowerCase();
    if (DROPPED_ELEMENTS.has(tag)) return;
    if (depth > MAX_DEPTH) {
      out.push(escapeText(node.textContent ?? ''));
      return;
    }
    if (tag === 'img') {
      out.push(storeImage(node));
      return;
    }
    // Links keep their text and remember the target inertly; unknown elements are unwrapped.
    const written = tag === 'a' ? 'span' : KEPT_ELEMENTS.has(tag) ? tag : null;
    if (written) out.push(`<${written}${attributesOf(node, tag)}${tag === 'a' ? ' class="link"' : ''}>`);
    if (!VOID_ELEMENTS.has(tag)) {
      const children = node.childNodes;
      for (let index = 0; index < children.length; index++) visit(children[index]!, depth + 1);
      if (written) out.push(`</${written}>`);
    }
  };

  visit(root, 0);
  return { html: out.join('').trim(), images: [...images.values()] };
}

const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li',
  'blockquote', 'pre', 'figure', 'figcaption', 'table', 'tr', 'dt', 'dd', 'address', 'hr', 'ul', 'ol', 'dl',
]);

/**
 * The plain text of a page's main content with its paragraphs kept apart (textContent runs a heading into the
 * paragraph after it). Iterative, so deeply nested markup cannot exhaust the stack.
 */
export function blockText(root: DomNode): string {
  const parts: string[] = [];
  const stack: (DomNode | 'break')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'break') {
      parts.push('\n\n');
      continue;
    }
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeName.toLowerCase();
    if (DROPPED_ELEMENTS.has(tag)) continue;
    if (tag === 'br') {
      parts.push('\n');
      continue;
    }
    const block = BLOCK_ELEMENTS.has(tag);
    if (block) stack.push('break');
    for (let index = node.childNodes.length - 1; index >= 0; index--) stack.push(node.childNodes[index]!);
    if (block) stack.push('break');
  }
  return parts
    .join('')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

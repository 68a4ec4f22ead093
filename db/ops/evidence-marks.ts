// Passages quoted by statements, marked inside an article's readable page as they are in its text view. The
// page is served into a frame that runs no script, so the marks are put into the HTML here: each passage is found
// in the page's text (whitespace aside, across elements), and the text it covers is wrapped in <mark> elements.
import { parseHTML } from 'linkedom';

export interface MarkedPassage {
  /** The passage as it stands in the article's text. */
  text: string;
  /** Some of the text just before it, to tell apart a passage that occurs more than once. */
  before: string;
  /** Shown on hover: who said it. */
  label: string;
}

interface TextNode {
  data: string;
  parentNode: { insertBefore(node: unknown, before: unknown): void; removeChild(node: unknown): void } | null;
}

/** Every text node under `root`, in document order. */
function textNodes(root: { childNodes: ArrayLike<unknown> }): TextNode[] {
  const nodes: TextNode[] = [];
  const walk = (node: { nodeType: number; childNodes: ArrayLike<unknown> }): void => {
    if (node.nodeType === 3) nodes.push(node as unknown as TextNode);
    else Array.from(node.childNodes).forEach((child) => walk(child as { nodeType: number; childNodes: ArrayLike<unknown> }));
  };
  Array.from(root.childNodes).forEach((child) => walk(child as { nodeType: number; childNodes: ArrayLike<unknown> }));
  return nodes;
}

/** The page's text with every run of whitespace as one space, and where each of its characters comes from. */
function squeezedText(nodes: TextNode[]): { text: string; origin: { node: number; offset: number }[] } {
  let text = '';
  const origin: { node: number; offset: number }[] = [];
  nodes.forEach((node, index) => {
    for (let offset = 0; offset < node.data.length; offset++) {
      const char = node.data[offset]!;
      if (/\s/.test(char)) {
        if (text.endsWith(' ') || text === '') continue;
        text += ' ';
      } else {
        text += char;
      }
      origin.push({ node: index, offset });
    }
  });
  return { text, origin };
}

const squeeze = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Where the passage stands in the squeezed text: the occurrence that follows its `before` text, else the first. */
function locate(text: string, passage: MarkedPassage): [number, number] | null {
  const wanted = squeeze(passage.text);
  if (wanted.length === 0) return null;
  const lead = squeeze(passage.before).slice(-40);
  let first = -1;
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
    if (first < 0) first = at;
    if (lead && text.slice(0, at).trimEnd().endsWith(lead)) return [at, at + wanted.length];
  }
  return first < 0 ? null : [first, first + wanted.length];
}

/** The readable page's HTML with each passage wrapped in <mark class="passage">; passages not found are left out. */
export function markPassages(html: string, passages: MarkedPassage[]): string {
  if (passages.length === 0) return html;
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  const nodes = textNodes(document.body);
  const { text, origin } = squeezedText(nodes);
  // Per text node, the stretches to mark, as [from, to) offsets into it.
  const stretches = new Map<number, { from: number; to: number; label: string }[]>();
  for (const passage of passages) {
    const range = locate(text, passage);
    if (!range) continue;
    const [start, end] = range;
    for (let index = start; index < end; index++) {
      const { node, offset } = origin[index]!;
      const list = stretches.get(node) ?? [];
      const last = list[list.length - 1];
      // Whitespace the squeezed text skipped joins the stretch rather than splitting it.
      const joins = last && last.label === passage.label && (last.to >= offset || nodes[node]!.data.slice(last.to, offset).trim() === '');
      if (last && joins) last.to = offset + 1;
      else list.push({ from: offset, to: offset + 1, label: passage.label });
      stretches.set(node, list);
    }
  }
  for (const [index, list] of stretches) {
    const node = nodes[index]!;
    const parent = node.parentNode;
    if (!parent) continue;
    let cursor = 0;
    for (const { from, to, label } of list.sort((a, b) => a.from - b.from)) {
      if (from < cursor) continue;
      if (from > cursor) parent.insertBefore(document.createTextNode(node.data.slice(cursor, from)), node);
      const mark = document.createElement('mark');
      mark.setAttribute('class', 'passage');
      mark.setAttribute('title', label);
      mark.textContent = node.data.slice(from, to);
      parent.insertBefore(mark, node);
      cursor = to;
    }
    if (cursor < node.data.length) parent.insertBefore(document.createTextNode(node.data.slice(cursor)), node);
    parent.removeChild(node);
  }
  return document.body.innerHTML;
}

// Plain text and Markdown: the title is the front matter's `title`, else the first non-empty line.
import { decodeText, requireText } from './decode';
import { isoDateOrNull, type ParsedArticle } from './parsed';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function frontMatter(text: string): { fields: Record<string, string>; rest: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { fields: {}, rest: text };
  const fields: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const field = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (field) fields[field[1]!.toLowerCase()] = field[2]!.replace(/^["']|["']$/g, '').trim();
  }
  return { fields, rest: text.slice(match[0].length) };
}

export function parseTextFile(bytes: Uint8Array, fileName: string, markdown: boolean): ParsedArticle {
  const text = requireText(decodeText(bytes).text, fileName);
  const { fields, rest } = markdown ? frontMatter(text) : { fields: {}, rest: text };
  const body = rest.replace(/\r\n?/g, '\n').trim();
  const firstLine = body.split('\n').find((line) => line.trim() !== '') ?? '';
  const headingless = markdown ? firstLine.replace(/^#+\s*/, '') : firstLine;
  const title = (fields.title || headingless.trim() || fileName).slice(0, 500);
  return {
    title,
    bodyText: body,
    url: fields.url || fields.source || null,
    outlet: fields.outlet || fields.site || null,
    byline: fields.author || fields.byline || null,
    publishedAt: isoDateOrNull(fields.date || fields.published),
    capturedAt: null,
    language: fields.lang || fields.language || null,
    mediaType: markdown ? 'text/markdown' : 'text/plain',
  };
}

// Which module reads which file type. Parsers load lazily: the HTML stack (linkedom, Readability) and pdf.js
// take a while to load, and only imports of those formats should pay for them.
import { basename, extname } from 'node:path';
import { DossierError } from '../errors';
import type { ParseContext, ParsedArticle } from './parsed';
import { parseTextFile } from './text';

export type FormatParser = (bytes: Uint8Array, fileName: string, context: ParseContext) => ParsedArticle | Promise<ParsedArticle>;

const htmlParser = async (): Promise<FormatParser> => (await import('./html')).parseHtmlFile;
const mhtmlParser = async (): Promise<FormatParser> => (await import('./html')).parseMhtmlFile;
const pdfParser = async (): Promise<FormatParser> => {
  const { parsePdf } = await import('./pdf');
  return (bytes, name) => parsePdf(bytes, name);
};
const plainText = async (): Promise<FormatParser> => (bytes, name) => parseTextFile(bytes, name, false);
const markdown = async (): Promise<FormatParser> => (bytes, name) => parseTextFile(bytes, name, true);

const FORMATS: Record<string, () => Promise<FormatParser>> = {
  '.txt': plainText,
  '.text': plainText,
  '.md': markdown,
  '.markdown': markdown,
  '.html': htmlParser,
  '.htm': htmlParser,
  '.xhtml': htmlParser,
  '.mhtml': mhtmlParser,
  '.mht': mhtmlParser,
  '.pdf': pdfParser,
};

const KNOWN_OTHER_FORMATS: Record<string, string> = {
  '.docx': 'a Word file',
  '.doc': 'a Word file',
  '.odt': 'an OpenDocument text',
  '.xlsx': 'a spreadsheet',
  '.jpg': 'an image',
  '.jpeg': 'an image',
  '.png': 'an image',
  '.zip': 'a zip archive (case files use `dossier import-case`)',
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

/** The parser for a file name, or an UNSUPPORTED_FORMAT error saying what the file is and what we take. */
export async function parserFor(name: string): Promise<FormatParser> {
  const extension = extname(name).toLowerCase();
  const load = FORMATS[extension];
  if (load) return load();
  const what = KNOWN_OTHER_FORMATS[extension] ?? (extension ? `a "${extension}" file` : 'a file without an extension');
  throw new DossierError(
    'UNSUPPORTED_FORMAT',
    `"${basename(name)}" is ${what}; Dossier imports ${SUPPORTED_EXTENSIONS.join(' ')} files.`,
  );
}

// PDF files: the text layer of every page as plain text, with the title, author, date and language the document
// declares about itself. pdf.js does the reading, fully offline: no fonts, character maps or anything else fetched.
import { DossierError } from '../errors';
import type { ParsedArticle } from './parsed';

/** Bounds on the work one file can cause; a longer document is imported up to them. */
export interface PdfLimits {
  maxPages: number;
  maxTextChars: number;
}

const DEFAULT_LIMITS: PdfLimits = { maxPages: 2_000, maxTextChars: 20 * 1024 * 1024 };

/** The parts of a pdf.js text item used here (marked-content markers have no `str`). */
interface TextPiece {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

const isTextPiece = (item: object): item is TextPiece => 'str' in item;

/** Items in content-stream order, joined into lines: a new line where pdf.js marks one or the baseline moves. */
function pageText(items: object[]): string {
  let text = '';
  let lastBaseline: number | null = null;
  const newLine = (): void => {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };
  for (const item of items) {
    if (!isTextPiece(item)) continue;
    const baseline = item.transform[5] ?? 0;
    if (lastBaseline !== null && Math.abs(baseline - lastBaseline) > Math.max(item.height, 1) / 2) newLine();
    text += item.str;
    if (item.hasEOL) newLine();
    lastBaseline = baseline;
  }
  return text
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/** `D:YYYYMMDDHHmmSS+HH'mm'` (every part after the year optional) as an ISO timestamp. */
export function pdfDateToIso(value: string | null): string | null {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', , sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(local - offset * 60_000);
  // Date.UTC rolls 2024-13-45 over into a real date: refuse what does not round-trip.
  const valid = new Date(local).getUTCMonth() === Number(month) - 1 && new Date(local).getUTCDate() === Number(day);
  return valid && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null;
}

/** Word and PDF printers often leave "Untitled" or the source file's name as the title. */
function meaningfulTitle(value: unknown): string | null {
  const title = textOrNull(value);
  if (!title || /^untitled$/i.test(title) || /^microsoft \w+ - /i.test(title) || /\.(docx?|odt|rtf|pdf|indd)$/i.test(title)) {
    return null;
  }
  return title;
}

function importFailed(sentence: string): DossierError {
  return new DossierError('IMPORT_FAILED', sentence);
}

function openingError(error: unknown, fileName: string): DossierError {
  if (error instanceof Error && error.name === 'PasswordException') {
    return importFailed(`"${fileName}" is protected by a password, so Dossier cannot read it. Save a copy without the password and import that.`);
  }
  return importFailed(`"${fileName}" cannot be read as a PDF: it is damaged, incomplete, or not a PDF at all.`);
}

export async function parsePdf(bytes: Uint8Array, fileName: string, limits: PdfLimits = DEFAULT_LIMITS): Promise<ParsedArticle> {
  // pdf.js is a large module: only imports of PDFs load it.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loadingTask = getDocument({
    data: new Uint8Array(bytes), // a copy: pdf.js may take over (detach) the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: 0,
  });
  try {
    const document = await loadingTask.promise.catch((error: unknown) => {
      throw openingError(error, fileName);
    });
    const { info, metadata } = await document.getMetadata().catch(() => ({ info: {}, metadata: null }));
    const fields = (info ?? {}) as Record<string, unknown>;

    const pages: string[] = [];
    let totalChars = 0;
    let unreadablePages = 0;
    for (let number = 1; number <= Math.min(document.numPages, limits.maxPages) && totalChars < limits.maxTextChars; number++) {
      try {
        const page = await document.getPage(number);
        const content = await page.getTextContent().finally(() => page.cleanup());
        const text = pageText(content.items).slice(0, limits.maxTextChars - totalChars);
        if (text !== '') pages.push(text);
        totalChars += text.length;
      } catch {
        unreadablePages++; // one broken page should not cost the others
      }
    }

    const bodyText = pages.join('\n\n');
    if (bodyText === '') {
      throw unreadablePages > 0
        ? openingError(null, fileName)
        : importFailed(`"${fileName}" has no text layer (a scan?), so there is no text to import. Run it through OCR first.`);
    }
    const firstLine = bodyText.split('\n', 1)[0]!.trim();
    return {
      title: (meaningfulTitle(fields.Title) ?? meaningfulTitle(metadata?.get('dc:title')) ?? (firstLine || fileName)).slice(0, 500),
      bodyText,
      url: null,
      outlet: null,
      byline: textOrNull(fields.Author),
      publishedAt: pdfDateToIso(textOrNull(fields.CreationDate)),
      capturedAt: null,
      language: textOrNull(fields.Language),
      mediaType: 'application/pdf',
    };
  } finally {
    await loadingTask.destroy();
  }
}

// A PDF original shown as it looks: its pages drawn to images here (pdf.js with its bundled canvas), so the
// evidence frame needs no PDF plugin, no script and no network. Bounded: the first pages only, at a fixed scale.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const MAX_RENDERED_PAGES = 30;
const SCALE = 1.5;

export interface RenderedPdf {
  pages: Buffer[];
  pageCount: number;
}

interface NodeCanvas {
  toBuffer(type: 'image/png'): Buffer;
}

export async function renderPdfPages(bytes: Uint8Array, maxPages = MAX_RENDERED_PAGES): Promise<RenderedPdf> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    const pages: Buffer[] = [];
    for (let number = 1; number <= Math.min(document.numPages, maxPages); number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: SCALE });
      const factory = document.canvasFactory as { create(width: number, height: number): { canvas: NodeCanvas & HTMLCanvasElement; context: CanvasRenderingContext2D } };
      const { canvas, context } = factory.create(viewport.width, viewport.height);
      await page.render({ canvasContext: context, viewport, canvas }).promise;
      pages.push(canvas.toBuffer('image/png'));
      page.cleanup();
    }
    return { pages, pageCount: document.numPages };
  } finally {
    await task.destroy();
  }
}

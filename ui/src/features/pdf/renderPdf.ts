/**
 * PDF rendering with pdf.js into canvases: WebKitGTK, the window's engine
 * on Linux, has no built-in PDF viewer. pdf.js is loaded on first use (it
 * is large), and its worker is a file of the bundle (no network, CSP
 * `worker-src 'self'` through default-src).
 */
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { BUNDLED_DATA_OPTIONS } from "./bundledData";

export interface RenderedPdf {
  pages: number;
  /** Draws page `n` (1-based) into the canvas at `scale` CSS px per PDF point. */
  draw: (n: number, canvas: HTMLCanvasElement, scale: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function openPdf(bytes: Uint8Array): Promise<RenderedPdf> {
  const pdfjs = await import("pdfjs-dist");
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  // pdf.js takes the buffer over to its worker: hand it a copy, the caller's bytes stay usable.
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: true, enableXfa: false, ...BUNDLED_DATA_OPTIONS });
  const doc = await task.promise;
  return {
    pages: doc.numPages,
    draw: async (n, canvas, scale) => {
      const page = await doc.getPage(n);
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      await page.render({ canvas, viewport }).promise;
    },
    close: () => task.destroy(),
  };
}

import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/i18nContext";
import { openPdf, type RenderedPdf } from "./renderPdf";

const SCALE = 1.1;

/**
 * A PDF's pages drawn into canvases, one under the other. The canvases are
 * images to assistive technology; the dialog around names the document.
 */
export function PdfViewer({ bytes, title }: { bytes: Uint8Array; title: string }) {
  const { t } = useI18n();
  const [pdf, setPdf] = useState<RenderedPdf | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    let opened: RenderedPdf | null = null;
    openPdf(bytes)
      .then((doc) => {
        opened = doc;
        if (live) setPdf(doc);
        else void doc.close();
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
      void opened?.close();
    };
  }, [bytes]);

  if (failed) return <p className="alert alert-error" role="alert">{t("pdf.failed")}</p>;
  if (!pdf) return <p className="pdf-loading" role="status">{t("pdf.loading")}</p>;
  return (
    <div className="pdf-viewer" role="document" aria-label={title} data-pages={pdf.pages} tabIndex={0}>
      {Array.from({ length: pdf.pages }, (_, i) => (
        <PdfPage key={i} pdf={pdf} n={i + 1} label={t("pdf.page", { n: i + 1, pages: pdf.pages })} />
      ))}
    </div>
  );
}

function PdfPage({ pdf, n, label }: { pdf: RenderedPdf; n: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (canvas.current) void pdf.draw(n, canvas.current, SCALE).then(() => setDrawn(true), () => undefined);
  }, [pdf, n]);
  return <canvas ref={canvas} className="pdf-page" role="img" aria-label={label} data-drawn={drawn} />;
}

import { useState } from "react";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import { caseMaterial } from "../../ipc/commands";
import type { CaseView, MaterialView } from "../../ipc/types";
import { PdfDialog } from "./PdfDialog";
import { sealTone, sealWordKey } from "./sealSummary";

/** The submitted materials, each with its e-seal standing; a PDF opens in the viewer. */
export function MaterialsSection({ view }: { view: CaseView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<MaterialView | null>(null);
  return (
    <section className="panel case-section" aria-labelledby="materials-heading">
      <h3 id="materials-heading">{t("case.materials")}</h3>
      {view.materials.length === 0 ? (
        <p className="muted">{t("case.noMaterials")}</p>
      ) : (
        <table className="data-table materials-table" aria-labelledby="materials-heading">
          <thead>
            <tr>
              <th scope="col">{t("case.material.name")}</th>
              <th scope="col">{t("case.material.seal")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("case.material.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.materials.map((m) => (
              <tr key={m.index} data-index={m.index}>
                <td>
                  {m.name}
                  {m.fileName !== null && <div className="muted small">{m.fileName}</div>}
                </td>
                <td>
                  {m.seal !== null ? (
                    <span className={`seal-tag tone-${sealTone(m.seal.verdict)}`} data-verdict={m.seal.verdict}>
                      {t(sealWordKey(m.seal.verdict))}
                    </span>
                  ) : m.sealError !== null ? (
                    <span className="seal-tag tone-invalid" data-code={m.sealError.code}>
                      {errorMessage(m.sealError, t)}
                    </span>
                  ) : (
                    <span className="seal-tag tone-neutral">{m.hasFile ? t("case.seal.none") : t("case.material.paper")}</span>
                  )}
                </td>
                <td>
                  {m.hasFile && (
                    <button type="button" className="btn btn-small" onClick={() => setOpen(m)} aria-label={t("case.material.openLabel", { name: m.name })}>
                      {t("case.material.open")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <PdfDialog title={open.name} queryKey={["material", view.number, open.index]} load={() => caseMaterial(view.number, open.index)} onClose={() => setOpen(null)} />}
    </section>
  );
}

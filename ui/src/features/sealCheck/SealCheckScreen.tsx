import "./sealCheck.css";
import { useDocumentTitle } from "../../app/useDocumentTitle";
import { FilePickerButton } from "../../components/FilePickerButton";
import { useI18n } from "../../i18n/i18nContext";
import { SealCheckCancelled, SealCheckFailed, SealFileRefused } from "./SealCheckError";
import { sealRows } from "./sealReport";
import { SealTable } from "./SealTable";
import { SealVerdict } from "./SealVerdict";
import { useSealCheck, wasCancelled } from "./useSealCheck";

/**
 * 电子材料验章 (Art 8): choose a PDF, see the verdict in its colour and a
 * table of the seals with each problem explained. A check that takes long
 * can be cancelled; the backend gives up by itself after its time limit.
 * Each outcome is keyed by its run, so a second file always shows (and
 * focuses) a new answer.
 */
export function SealCheckScreen() {
  const { t } = useI18n();
  useDocumentTitle(t("nav.sealCheck"));
  const checking = useSealCheck();
  const run = checking.submittedAt;
  return (
    <div className="screen seal-check-screen">
      <section className="panel seal-check" aria-labelledby="seal-check-heading">
        <div className="panel-head">
          <h2 id="seal-check-heading">{t("sealCheck.heading")}</h2>
          <FilePickerButton
            accept=".pdf,application/pdf"
            testId="seal-check-input"
            className="btn btn-primary seal-check-button"
            label={t("sealCheck.button")}
            title={t("sealCheck.hint")}
            describedBy="seal-check-intro seal-check-hint"
            disabled={checking.isPending}
            onPick={(file) => checking.mutate(file)}
          />
        </div>
        <p id="seal-check-intro" className="muted seal-check-intro">
          {t("sealCheck.intro")}
        </p>
        <p id="seal-check-hint" className="muted hint seal-check-hint">
          {t("sealCheck.hint")}
        </p>
        <div className="seal-check-status">
          {checking.isPending && (
            <div className="seal-check-busy-row">
              <p className="muted seal-check-busy" role="status">
                {t("sealCheck.busy", { name: checking.variables.name })}
              </p>
              <button type="button" className="btn seal-check-cancel" onClick={checking.cancel}>
                {t("sealCheck.cancel")}
              </button>
            </div>
          )}
          {checking.isSuccess && checking.data.kind === "refused" && <SealFileRefused key={run} problem={checking.data.problem} />}
          {checking.isSuccess && checking.data.kind === "checked" && (
            <div key={run} className="seal-check-result" data-verdict={checking.data.check.verdict}>
              <SealVerdict check={checking.data.check} />
              {checking.data.check.signatures.length > 0 && <SealTable rows={sealRows(checking.data.check, t)} />}
            </div>
          )}
          {checking.isError && wasCancelled(checking.error) && <SealCheckCancelled key={run} fileName={checking.variables.name} />}
          {checking.isError && !wasCancelled(checking.error) && <SealCheckFailed key={run} fileName={checking.variables.name} error={checking.error} />}
        </div>
      </section>
    </div>
  );
}

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { DialogStatus } from "../../../components/DialogStatus";
import { errorMessage } from "../../../i18n/errorMessage";
import { useI18n } from "../../../i18n/i18nContext";
import { resultPreview } from "../../../ipc/commands";
import type { CaseView, ResultParticulars } from "../../../ipc/types";
import { PdfViewer } from "../../pdf/PdfViewer";
import { useSealResult } from "../caseQueries";
import { ActionError } from "./ActionError";
import { useSession } from "../../sync/syncQueries";
import { SealKeyFields } from "./SealKeyFields";
import { sealKeyOf, storedSealSettings, storeSealSettings, withDemoSeal, type SealSettings } from "./sealSettings";

type Field = Exclude<keyof SealSettings, "source">;

/**
 * 结果签章: the letter's particulars (文号, the review body and court it
 * names), previewed as the PDF, then sealed with the department's PKCS#12
 * seal (its password in the OS keyring) or a USB key (PKCS#11) whose PIN
 * is asked for here, sent with this one call and cleared when it ends.
 */
export function SealDialog({ view, onClose }: { view: CaseView; onClose: () => void }) {
  const { t } = useI18n();
  const seal = useSealResult(view);
  const demoSeal = useSession().data?.demoSeal;
  const [settings, setSettings] = useState<SealSettings>(() => withDemoSeal(storedSealSettings(), demoSeal));
  const [documentNumber, setDocumentNumber] = useState("");
  const [pin, setPin] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const particulars = (): ResultParticulars => ({ documentNumber: documentNumber.trim(), reviewBody: settings.reviewBody.trim(), court: settings.court.trim(), verificationUrl: null });
  const preview = useMutation({ mutationFn: () => resultPreview(view.number, particulars()) });
  const set = (field: Field, value: string) => setSettings((s) => ({ ...s, [field]: value }));
  const input = (field: Field, label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input name={field} value={settings[field]} onChange={(e) => set(field, e.currentTarget.value)} />
      {hint !== undefined && <span className="hint muted">{hint}</span>}
    </label>
  );

  const submit = () => {
    const p = particulars();
    if (p.documentNumber === "" || p.reviewBody === "" || p.court === "") return setProblem(t("seal.problem.particulars"));
    const key = sealKeyOf(settings, pin);
    if ("problem" in key) return setProblem(t(key.problem === "pin" ? "seal.problem.pin" : "seal.problem.key"));
    setProblem(null);
    storeSealSettings(settings);
    seal.mutate({ particulars: p, key: key.key }, { onSuccess: onClose, onSettled: () => setPin("") });
  };

  return (
    <Dialog title={t("action.seal_result")} onClose={onClose} busy={seal.isPending} wide className="seal-dialog">
      <form
        className="dialog-form seal-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="field-group">
          <legend>{t("seal.particulars")}</legend>
          <label className="field">
            <span>{t("seal.documentNumber")}</span>
            <input name="documentNumber" value={documentNumber} onChange={(e) => setDocumentNumber(e.currentTarget.value)} data-autofocus />
          </label>
          {input("reviewBody", t("seal.reviewBody"))}
          {input("court", t("seal.court"))}
        </fieldset>
        <SealKeyFields settings={settings} onSettings={setSettings} pin={pin} onPin={setPin} pinHint={t("seal.pinHint")} />
        {problem !== null && (
          <p className="alert alert-error form-problem" role="alert">
            {problem}
          </p>
        )}
        {seal.isPending && <DialogStatus label={t("seal.busy")} />}
        {preview.isPending && <DialogStatus label={t("correction.previewing")} />}
        {seal.isError && <ActionError error={seal.error} />}
        {preview.isError && (
          <p className="alert alert-error" role="alert" tabIndex={-1} data-dialog-outcome>
            {errorMessage(preview.error, t)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => preview.mutate()} disabled={preview.isPending || seal.isPending}>
            {preview.isPending ? t("correction.previewing") : t("seal.preview")}
          </button>
          <button type="submit" className="btn btn-primary" disabled={seal.isPending}>
            {seal.isPending ? t("seal.busy") : t("seal.submit")}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={seal.isPending}>
            {t("dialog.cancel")}
          </button>
        </div>
        {preview.data && (
          <div className="preview-outcome" tabIndex={-1} data-dialog-outcome>
            <PdfViewer bytes={preview.data} title={t("seal.letter")} />
          </div>
        )}
      </form>
    </Dialog>
  );
}

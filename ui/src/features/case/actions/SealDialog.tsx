import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { errorMessage } from "../../../i18n/errorMessage";
import { useI18n } from "../../../i18n/i18nContext";
import { resultPreview } from "../../../ipc/commands";
import type { CaseView, ResultParticulars, SealKeyRequest } from "../../../ipc/types";
import { PdfViewer } from "../../pdf/PdfViewer";
import { useSealResult } from "../caseQueries";
import { ActionError } from "./ActionError";
import { useSession } from "../../sync/syncQueries";
import { storedSealSettings, storeSealSettings, withDemoSeal, type SealSettings } from "./sealSettings";

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
    let key: SealKeyRequest;
    if (settings.source === "pkcs12") {
      if (settings.p12Path.trim() === "" || settings.keyringEntry.trim() === "") return setProblem(t("seal.problem.key"));
      key = { kind: "pkcs12", path: settings.p12Path.trim(), keyringEntry: settings.keyringEntry.trim() };
    } else {
      if (settings.module.trim() === "" || settings.token.trim() === "" || settings.keyLabel.trim() === "") return setProblem(t("seal.problem.key"));
      if (pin === "") return setProblem(t("seal.problem.pin"));
      key = { kind: "pkcs11", module: settings.module.trim(), token: settings.token.trim(), keyLabel: settings.keyLabel.trim(), pin, chainPath: settings.chainPath.trim() === "" ? null : settings.chainPath.trim() };
    }
    setProblem(null);
    storeSealSettings(settings);
    seal.mutate({ particulars: p, key }, { onSuccess: onClose, onSettled: () => setPin("") });
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
        <fieldset className="field-group">
          <legend>{t("seal.key")}</legend>
          <div className="radios">
            <label className="check">
              <input type="radio" name="source" value="pkcs12" checked={settings.source === "pkcs12"} onChange={() => setSettings((s) => ({ ...s, source: "pkcs12" }))} />
              {t("seal.key.keyring")}
            </label>
            <label className="check">
              <input type="radio" name="source" value="pkcs11" checked={settings.source === "pkcs11"} onChange={() => setSettings((s) => ({ ...s, source: "pkcs11" }))} />
              {t("seal.key.token")}
            </label>
          </div>
          {settings.source === "pkcs12" ? (
            <>
              {input("p12Path", t("seal.p12Path"))}
              {input("keyringEntry", t("seal.keyringEntry"), t("seal.keyringHint"))}
            </>
          ) : (
            <>
              {input("module", t("seal.module"))}
              {input("token", t("seal.token"))}
              {input("keyLabel", t("seal.keyLabel"))}
              <label className="field">
                <span>{t("seal.pin")}</span>
                <input type="password" name="pin" value={pin} autoComplete="off" onChange={(e) => setPin(e.currentTarget.value)} />
                <span className="hint muted">{t("seal.pinHint")}</span>
              </label>
            </>
          )}
        </fieldset>
        {problem !== null && (
          <p className="alert alert-error form-problem" role="alert">
            {problem}
          </p>
        )}
        {seal.isPending && (
          <label className="progress-line">
            <span>{t("seal.busy")}</span>
            <progress />
          </label>
        )}
        {seal.isError && <ActionError error={seal.error} />}
        {preview.isError && (
          <p className="alert alert-error" role="alert">
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
        {preview.data && <PdfViewer bytes={preview.data} title={t("seal.letter")} />}
      </form>
    </Dialog>
  );
}

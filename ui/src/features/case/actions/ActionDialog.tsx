import { useId, useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { DialogStatus } from "../../../components/DialogStatus";
import { useI18n } from "../../../i18n/i18nContext";
import type { CaseView, OfferedActionView, SignOffView } from "../../../ipc/types";
import { useCaseAct } from "../caseQueries";
import { ActionError } from "./ActionError";
import { actionLabel, confirmKey } from "./actionLabels";
import { buildAction, EMPTY_FIELDS, type ActionFields } from "./actionRequest";

/**
 * The dialog of one offered action: the fields it needs (an opinion, a
 * reason and legal basis, a step, an officer …), then 确定. A refusal
 * stays in the dialog, in words.
 */
export function ActionDialog({ view, offered, onClose }: { view: CaseView; offered: OfferedActionView; onClose: () => void }) {
  const { t } = useI18n();
  const act = useCaseAct(view);
  const [fields, setFields] = useState<ActionFields>(EMPTY_FIELDS);
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const set = <K extends keyof ActionFields>(key: K, value: ActionFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const title = actionLabel(offered, t);
  const confirm = confirmKey(offered.kind);
  const described = problem === null ? undefined : problemId;

  const text = (key: "opinion" | "reason" | "basis" | "note", label: string, rows = 3) => (
    <label className="field">
      <span>{label}</span>
      <textarea name={key} rows={rows} value={fields[key]} onChange={(e) => set(key, e.currentTarget.value)} aria-describedby={described} />
    </label>
  );

  return (
    <Dialog title={title} onClose={onClose} busy={act.isPending} className={`action-dialog action-${offered.kind}`}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          const built = buildAction(offered, fields);
          if (!built.ok) {
            setProblem(t(built.problem));
            return;
          }
          setProblem(null);
          act.mutate(built.action, { onSuccess: onClose });
        }}
      >
        {confirm !== undefined && <p className="confirm-text">{t(confirm, { number: view.number, stage: offered.kind === "start_special_stage" ? offered.name : "" })}</p>}
        {offered.onBehalfOf !== null && <p className="muted">{t("action.onBehalfOf", { person: offered.onBehalfOf })}</p>}
        {offered.kind === "refuse_acceptance" && (
          <>
            {text("reason", t("action.field.reason"))}
            {text("basis", t("action.field.legalBasis"), 2)}
          </>
        )}
        {offered.kind === "complete_step" && (
          <>
            <p>{t("action.stepToComplete", { step: offered.name })}</p>
            {offered.signOff && <SignOffLine signOff={offered.signOff} />}
            {text("opinion", t("action.field.opinion"), 4)}
          </>
        )}
        {offered.kind === "return_to_step" && (
          <>
            <p>{t("action.returnTo", { step: offered.name })}</p>
            {text("reason", t("action.field.reason"))}
          </>
        )}
        {(offered.kind === "assign" || offered.kind === "reassign") && (
          <>
            <label className="field">
              <span>{t("action.field.officer")}</span>
              <select name="to" value={fields.to} onChange={(e) => set("to", e.currentTarget.value)} data-autofocus>
                <option value="">{t("action.choose")}</option>
                {offered.to.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
            {offered.kind === "reassign" && text("reason", t("action.field.reason"))}
          </>
        )}
        {offered.kind === "urge" && text("note", t("action.field.note"))}
        {offered.kind === "decide" && (
          <>
            {offered.signOff && <SignOffLine signOff={offered.signOff} />}
            <fieldset className="field outcome">
              <legend>{t("action.field.outcome")}</legend>
              <label className="check">
                <input type="radio" name="outcome" value="approved" checked={fields.outcome === "approved"} onChange={() => set("outcome", "approved")} />
                {t("action.outcome.approved")}
              </label>
              <label className="check">
                <input type="radio" name="outcome" value="rejected" checked={fields.outcome === "rejected"} onChange={() => set("outcome", "rejected")} />
                {t("action.outcome.rejected")}
              </label>
            </fieldset>
            {text("opinion", t("action.field.opinion"), 4)}
          </>
        )}
        {offered.kind === "start_public_notice" && (
          <label className="field">
            <span>{t("action.field.until")}</span>
            <input type="date" name="until" value={fields.until} onChange={(e) => set("until", e.currentTarget.value)} aria-describedby={described} />
          </label>
        )}
        {problem !== null && (
          <p id={problemId} className="alert alert-error form-problem" role="alert">
            {problem}
          </p>
        )}
        {act.isPending && <DialogStatus label={t("action.working")} />}
        {act.isError && <ActionError error={act.error} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={act.isPending}>
            {act.isPending ? t("action.working") : t("action.submit", { action: title })}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={act.isPending}>
            {t("dialog.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** 会签 (all must sign) / 或签 (any one may): who signed already. */
function SignOffLine({ signOff }: { signOff: SignOffView }) {
  const { t } = useI18n();
  const sep = t("list.separator");
  return (
    <p className="muted sign-off">
      {t(signOff.mode === "all" ? "action.signOff.all" : "action.signOff.any", { signers: signOff.signers.join(sep), signed: signOff.signed.length === 0 ? "—" : signOff.signed.join(sep) })}
    </p>
  );
}

import { useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { DialogStatus } from "../../../components/DialogStatus";
import { useI18n } from "../../../i18n/i18nContext";
import type { CaseView } from "../../../ipc/types";
import { useRecordTracking } from "../caseQueries";
import { ActionError } from "./ActionError";
import { isTrackingNumber } from "./actionRequest";

/** 登记邮件号: the paper result's tracking number (政务专递), once the envelope has left. */
export function TrackingDialog({ view, onClose }: { view: CaseView; onClose: () => void }) {
  const { t } = useI18n();
  const record = useRecordTracking(view);
  const [value, setValue] = useState(view.result?.trackingNumber ?? "");
  const [problem, setProblem] = useState(false);
  return (
    <Dialog title={t("action.record_tracking")} onClose={onClose} busy={record.isPending}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!isTrackingNumber(value)) {
            setProblem(true);
            return;
          }
          setProblem(false);
          record.mutate(value.trim(), { onSuccess: onClose });
        }}
      >
        <label className="field">
          <span>{t("tracking.number")}</span>
          <input name="trackingNumber" value={value} onChange={(e) => setValue(e.currentTarget.value)} aria-invalid={problem} />
          <span className="hint muted">{t("tracking.hint")}</span>
        </label>
        {problem && (
          <p className="alert alert-error form-problem" role="alert">
            {t("tracking.problem")}
          </p>
        )}
        {record.isPending && <DialogStatus label={t("action.working")} />}
        {record.isError && <ActionError error={record.error} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={record.isPending}>
            {t("tracking.submit")}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={record.isPending}>
            {t("dialog.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import { errorMessage } from "../../../i18n/errorMessage";
import { useI18n } from "../../../i18n/i18nContext";
import type { IpcError } from "../../../ipc/types";

/**
 * A refusal of the rules (or any failure), in the current language from the
 * error vocabulary. In a dialog it is what the work came to: it takes the
 * focus as it appears (data-dialog-outcome), so it is read out and Escape
 * and Tab still reach the dialog (the button that asked was disabled).
 */
export function ActionError({ error }: { error: IpcError }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error action-error" role="alert" data-code={error.code} tabIndex={-1} data-dialog-outcome>
      <strong>{t("action.refused")}</strong> {errorMessage(error, t)}
    </div>
  );
}

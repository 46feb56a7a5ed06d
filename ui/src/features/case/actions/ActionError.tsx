import { errorMessage } from "../../../i18n/errorMessage";
import { useI18n } from "../../../i18n/i18nContext";
import type { IpcError } from "../../../ipc/types";

/** A refusal of the rules (or any failure), in the current language from the error vocabulary. */
export function ActionError({ error }: { error: IpcError }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error action-error" role="alert" data-code={error.code}>
      <strong>{t("action.refused")}</strong> {errorMessage(error, t)}
    </div>
  );
}

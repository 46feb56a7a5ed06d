import type { IpcError } from "../../ipc/types";
import { useI18n } from "../../i18n/i18nContext";
import { errorMessage } from "../../i18n/errorMessage";
import { detailLocation, detailMessage, importSuccessText } from "./importFile";
import type { ImportOutcome } from "./useCalendarImport";

function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="btn btn-small dismiss" onClick={onDismiss}>
      {t("calendarImport.dismiss")}
    </button>
  );
}

/** The success line, or why the window refused the file before sending it. */
export function ImportOutcomePanel({ outcome, onDismiss }: { outcome: ImportOutcome; onDismiss: () => void }) {
  const { t } = useI18n();
  if (outcome.kind === "imported") {
    return (
      <div className="alert alert-success calendar-import-result" role="status" data-outcome="imported" data-year={outcome.summary.year}>
        <div className="result-line">
          <span className="import-summary-text">{importSuccessText(outcome.summary, t)}</span>
          <DismissButton onDismiss={onDismiss} />
        </div>
      </div>
    );
  }
  return (
    <div className="alert alert-error calendar-import-result" role="alert" data-outcome="refused" data-key={outcome.problem.key}>
      <div className="result-line">
        <span>{t(outcome.problem.key, outcome.problem.params)}</span>
        <DismissButton onDismiss={onDismiss} />
      </div>
    </div>
  );
}

/** A file the backend rejected: every finding with where it is, in the window's language. */
export function ImportErrorPanel({ error, onDismiss }: { error: IpcError; onDismiss: () => void }) {
  const { t, locale } = useI18n();
  const details = error.details ?? [];
  return (
    <div className="alert alert-error calendar-import-result" role="alert" data-outcome="error" data-code={error.code}>
      <div className="result-line">
        <strong className="import-heading">{errorMessage(error, t)}</strong>
        <DismissButton onDismiss={onDismiss} />
      </div>
      {details.length > 0 && (
        <ul className="import-findings">
          {details.map((detail, i) => (
            <li key={`${detail.location}-${i}`} data-location={detail.location}>
              <code className="location">{detailLocation(detail.location, t)}</code> <span className="finding">{detailMessage(detail, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      {/* No findings to list: the backend's own (zh-CN, multi-line) summary. */}
      {details.length === 0 && error.code === "import_invalid" && error.message.trim() !== "" && (
        <pre className="import-summary" lang="zh-CN">
          {error.message}
        </pre>
      )}
    </div>
  );
}

import { useI18n } from "../../i18n/i18nContext";
import { errorMessage } from "../../i18n/errorMessage";
import { useDeadlineDraft } from "./deadlineDraftContext";
import { DeadlineResultView } from "./DeadlineResultView";

/**
 * The result area: a hint before the first run, then the latest outcome.
 * Each outcome is keyed by its run, so a new run always shows a new element
 * (never yesterday's result with new text), and the area is a live region.
 */
export function DeadlineOutcome() {
  const { t } = useI18n();
  const { outcome } = useDeadlineDraft();
  return (
    <section className="result-panel" aria-labelledby="result-heading" aria-live="polite">
      <h3 id="result-heading">{t("result.heading")}</h3>
      {outcome.kind === "empty" && <p className="muted">{t("result.empty")}</p>}
      {outcome.kind === "busy" && (
        <p key={outcome.submission} className="muted" role="status">
          {t("deadline.computing")}
        </p>
      )}
      {outcome.kind === "problem" && (
        <p key={outcome.submission} className="alert alert-error" role="alert">
          {t(outcome.problem.key, outcome.problem.params)}
        </p>
      )}
      {outcome.kind === "error" && (
        <div key={outcome.submission} className="alert alert-error" role="alert" data-code={outcome.error.code}>
          <strong>{t("error.title")}</strong>
          <br />
          {errorMessage(outcome.error, t)}
        </div>
      )}
      {outcome.kind === "result" && <DeadlineResultView key={outcome.submission} result={outcome.result} />}
    </section>
  );
}

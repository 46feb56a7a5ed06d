import { Badge } from "../../components/Badge";
import { useI18n } from "../../i18n/i18nContext";
import { formatDate, formatInstant } from "../../i18n/dates";
import type { DeadlineDue, DeadlineResult, DeadlineSuspended } from "../../ipc/types";
import { ExplanationTable } from "./ExplanationTable";

function ProvisionalNote() {
  const { t } = useI18n();
  return (
    <p className="alert alert-provisional" role="note">
      <Badge tone="provisional">{t("result.provisional")}</Badge> {t("result.provisionalNote")}
    </p>
  );
}

function DueResult({ result }: { result: DeadlineDue }) {
  const { t } = useI18n();
  return (
    <div className="result result-due" data-outcome="due">
      <dl className="result-facts">
        <dt>{t("result.due")}</dt>
        <dd className="due">
          <strong>{formatInstant(result.due, t, { endOfDay: true })}</strong>
          {result.provisional && (
            <>
              {" "}
              <Badge tone="provisional">{t("result.provisional")}</Badge>
            </>
          )}
        </dd>
        <dt>{t("result.lastDay")}</dt>
        <dd className="last-day">{formatDate(result.last_day, t)}</dd>
      </dl>
      {result.provisional && <ProvisionalNote />}
      <ExplanationTable explanation={result.explanation} />
    </div>
  );
}

function SuspendedResult({ result }: { result: DeadlineSuspended }) {
  const { t } = useI18n();
  return (
    <div className="result result-suspended" data-outcome="suspended">
      <p className="alert alert-suspended">
        <strong>{t("result.suspended.title")}</strong>
        {result.provisional && (
          <>
            {" "}
            <Badge tone="provisional">{t("result.provisional")}</Badge>
          </>
        )}
        <br />
        {t("result.suspended.body", { since: formatInstant(result.paused_since, t), reason: result.reason })}
      </p>
      <dl className="result-facts">
        <dt>{t("result.suspended.counted")}</dt>
        <dd className="counted">{t("result.days", { n: result.counted_days })}</dd>
        <dt>{t("result.suspended.remaining")}</dt>
        <dd className="remaining">{t("result.days", { n: result.remaining_days })}</dd>
      </dl>
      {result.provisional && <ProvisionalNote />}
      <ExplanationTable explanation={result.explanation} />
    </div>
  );
}

/** A computed deadline: due (with the last day) or suspended (with the days counted and left). */
export function DeadlineResultView({ result }: { result: DeadlineResult }) {
  return result.outcome === "due" ? <DueResult result={result} /> : <SuspendedResult result={result} />;
}

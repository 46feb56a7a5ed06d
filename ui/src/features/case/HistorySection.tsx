import { formatInstant } from "../../i18n/dates";
import { caseStateLabel } from "../../i18n/domain";
import { useI18n } from "../../i18n/i18nContext";
import type { CaseView } from "../../ipc/types";
import { historyActionLabel } from "./historyLabels";



/** The audit trail of the case, oldest first. */
export function HistorySection({ view }: { view: CaseView }) {
  const { t } = useI18n();
  return (
    <section className="panel case-section" aria-labelledby="history-heading">
      <h3 id="history-heading">{t("case.history")}</h3>
      <table className="data-table history-table" aria-labelledby="history-heading">
        <thead>
          <tr>
            <th scope="col">{t("case.history.at")}</th>
            <th scope="col">{t("case.history.actor")}</th>
            <th scope="col">{t("case.history.what")}</th>
          </tr>
        </thead>
        <tbody>
          {view.history.map((entry) => (
            <tr key={entry.sequence} data-action={entry.action}>
              <td className="nowrap">{formatInstant(entry.at, t)}</td>
              <td>{entry.actor}</td>
              <td>
                <span className="history-action" data-action={entry.action}>
                  {historyActionLabel(entry.action, t)}
                </span>
                {entry.stateBefore !== null && entry.stateAfter !== null && entry.stateBefore !== entry.stateAfter && (
                  <span className="muted"> {t("case.history.transition", { from: caseStateLabel(entry.stateBefore, t), to: caseStateLabel(entry.stateAfter, t) })}</span>
                )}
                {entry.events.length > 0 && <div className="small muted">{entry.events.join(t("list.separator"))}</div>}
                {entry.violations.length > 0 && <div className="small history-violation">{t("case.history.violations", { list: entry.violations.join(t("list.separator")) })}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

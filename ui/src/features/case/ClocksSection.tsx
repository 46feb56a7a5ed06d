import { formatInstant } from "../../i18n/dates";
import { clockKindLabel } from "../../i18n/domain";
import { useI18n } from "../../i18n/i18nContext";
import type { CaseView } from "../../ipc/types";
import { ExplanationTable } from "../deadline/ExplanationTable";
import { ClockBadge } from "../inbox/ClockBadge";

/** Every clock of the case: when it started, when it is due, how it stands, and day by day why. */
export function ClocksSection({ view }: { view: CaseView }) {
  const { t } = useI18n();
  return (
    <section className="panel case-section" aria-labelledby="clocks-heading">
      <h3 id="clocks-heading">{t("case.clocks")}</h3>
      {view.clocks.length === 0 && <p className="muted">{t("case.noClocks")}</p>}
      {view.clocks.map((clock, i) => (
        <div key={`${clock.kind}-${i}`} className="case-clock" data-kind={clock.kind}>
          <div className="clock-line">
            <strong>{clockKindLabel(clock.kind, clock.label, t)}</strong>
            <ClockBadge timeliness={clock.timeliness} remainingWorkingDays={clock.remainingWorkingDays} />
            <span>{t("case.clock.start", { time: formatInstant(clock.start, t) })}</span>
            <span>{clock.due === null ? t("case.clock.noDue") : t("case.clock.due", { time: formatInstant(clock.due, t, { endOfDay: true }) })}</span>
          </div>
          {clock.pauses.length > 0 && (
            <ul className="clock-pauses">
              {clock.pauses.map((p, j) => (
                <li key={j}>
                  {p.end === null
                    ? t("case.clock.pauseOpen", { start: formatInstant(p.start, t), reason: p.reason })
                    : t("case.clock.pause", { start: formatInstant(p.start, t), end: formatInstant(p.end, t), reason: p.reason })}
                </li>
              ))}
            </ul>
          )}
          {clock.explanation && (
            <details className="clock-explanation">
              <summary>{t("case.clock.explain")}</summary>
              <ExplanationTable explanation={clock.explanation} />
            </details>
          )}
        </div>
      ))}
    </section>
  );
}
